// @EXPECTED_SCORE@: 7
// Sums in 32 bits: the count is always right, the sum overflows on tests 4 and 5, which earn half their
// points (1 + 1 + 2 + 2/2 + 4/2 = 7 of 10).
#include <cstdio>

int main() {
    std::freopen("DEMSO.INP", "r", stdin);
    std::freopen("DEMSO.OUT", "w", stdout);
    int n, k;
    std::scanf("%d %d", &n, &k);
    int count = 0;
    unsigned sum = 0;
    for (int i = 0; i < n; ++i) {
        long long v;
        std::scanf("%lld", &v);
        if (v % k == 0) {
            ++count;
            sum += static_cast<unsigned>(v);
        }
    }
    std::printf("%d\n%d\n", count, static_cast<int>(sum));
    return 0;
}
