// Input validator for `float` (exit 42 = valid). Reads byte by byte so that stray spaces, missing newlines
// and non-canonical integers ("+3", "007", "-0") are rejected rather than silently parsed.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void reject(const char* what) {
    std::fprintf(stderr, "invalid input: %s\n", what);
    std::exit(43);
}

long long read_int(long long lo, long long hi, char terminator) {
    std::string token;
    int c = std::getchar();
    while (c != EOF && c != ' ' && c != '\n') {
        token.push_back(static_cast<char>(c));
        c = std::getchar();
    }
    if (c != terminator) reject("wrong separator");
    if (token.empty() || token.size() > 8) reject("bad integer length");
    std::size_t start = token[0] == '-' ? 1 : 0;
    if (start == token.size()) reject("lone minus sign");
    for (std::size_t i = start; i < token.size(); ++i)
        if (token[i] < '0' || token[i] > '9') reject("non-digit in integer");
    if (token[start] == '0' && token.size() > start + 1) reject("leading zero");
    if (token == "-0") reject("negative zero");
    long long value = std::atoll(token.c_str());
    if (value < lo || value > hi) reject("integer out of range");
    return value;
}

}  // namespace

int main() {
    long long n = read_int(2, 20000, '\n');
    for (long long i = 0; i < n; ++i) {
        read_int(-1000000, 1000000, ' ');
        read_int(-1000000, 1000000, '\n');
    }
    if (std::getchar() != EOF) reject("trailing data");
    return 42;
}
