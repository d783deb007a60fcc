// Input validator for `guess` (exit 42 = valid): exactly "N X\n" with 1 <= X <= N <= 10^9.
#include <cstdio>

int main() {
    long long n = 0, x = 0;
    char newline = 0, extra = 0;
    if (std::scanf("%lld %lld%c", &n, &x, &newline) != 3 || newline != '\n') return 43;
    if (std::scanf("%c", &extra) == 1) return 43;
    if (n < 1 || n > 1000000000 || x < 1 || x > n) return 43;
    return 42;
}
