// One division per k: 10^7 is quick, 10^11 is far beyond one second. Scores subtasks 1 and 2.
#include <cstdio>

int main() {
    long long n = 0;
    if (std::scanf("%lld", &n) != 1) return 1;
    long long total = 0;
    for (long long k = 1; k <= n; ++k) total += n / k;
    std::printf("%lld\n", total);
}
