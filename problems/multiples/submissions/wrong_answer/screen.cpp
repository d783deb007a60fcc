// Reads the file but prints on the screen: no DEMSO.OUT, so every test is a wrong answer.
#include <cstdio>

int main() {
    std::freopen("DEMSO.INP", "r", stdin);
    long long n, k, count = 0, sum = 0;
    std::scanf("%lld %lld", &n, &k);
    for (long long i = 0; i < n; ++i) {
        long long v;
        std::scanf("%lld", &v);
        if (v % k == 0) {
            ++count;
            sum += v;
        }
    }
    std::printf("%lld\n%lld\n", count, sum);
    return 0;
}
