// Asks one question and exits at once without even reading the reply; the validator's reply then goes
// into a closed pipe.
#include <cstdio>

int main() {
    long long n = 0;
    if (std::scanf("%lld", &n) != 1) return 1;
    std::printf("? %lld\n", (n + 1) / 2);
    std::fflush(stdout);
    return 0;
}
