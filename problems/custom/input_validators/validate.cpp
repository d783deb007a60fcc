// Input validator for `custom` (exit 42 = valid): "N T\n" then N prices on one line, single spaces.
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
    while (c >= '0' && c <= '9' && token.size() < 12) {
        token.push_back(static_cast<char>(c));
        c = std::getchar();
    }
    if (c != terminator) reject("wrong separator or non-digit");
    if (token.empty() || (token[0] == '0' && token.size() > 1)) reject("empty integer or leading zero");
    long long value = std::atoll(token.c_str());
    if (value < lo || value > hi) reject("integer out of range");
    return value;
}

}  // namespace

int main() {
    long long n = read_int(2, 50000, ' ');
    read_int(2, 2000000000, '\n');
    for (long long i = 0; i < n; ++i) read_int(1, 1000000000, i + 1 < n ? ' ' : '\n');
    if (std::getchar() != EOF) reject("trailing data");
    return 42;
}
