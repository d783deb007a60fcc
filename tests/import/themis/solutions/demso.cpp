// DEMSO: read DEMSO.INP, write DEMSO.OUT (file input/output, as Themis problems do).
#include <cstdio>

int main() {
    std::freopen("DEMSO.INP", "r", stdin);
    std::freopen("DEMSO.OUT", "w", stdout);
    long long n, k;
    std::scanf("%lld %lld", &n, &k);
    long long count = 0, sum = 0;
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
