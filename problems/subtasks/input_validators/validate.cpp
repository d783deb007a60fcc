// Input validator for `subtasks` (exit 42 = valid): "N\n" with 1 <= N <= 10^12, or <= the subtask bound given
// as `max_n B` in the group's input_validator_args.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
    long long max_n = 1000000000000LL;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "max_n") == 0) max_n = std::atoll(argv[i + 1]);
    std::string token;
    int c = std::getchar();
    while (c >= '0' && c <= '9' && token.size() < 14) {
        token.push_back(static_cast<char>(c));
        c = std::getchar();
    }
    if (c != '\n' || std::getchar() != EOF) {
        std::fputs("expected exactly one integer and a newline\n", stderr);
        return 43;
    }
    if (token.empty() || token[0] == '0') {
        std::fputs("empty integer or leading zero\n", stderr);
        return 43;
    }
    const long long n = std::atoll(token.c_str());
    if (n < 1 || n > max_n) {
        std::fprintf(stderr, "N = %lld outside [1, %lld]\n", n, max_n);
        return 43;
    }
    return 42;
}
