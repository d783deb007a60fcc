// floor(N/k) takes O(sqrt N) distinct values; jump over each run of equal values at once.
#include <cstdio>

int main() {
    long long n = 0;
    if (std::scanf("%lld", &n) != 1) return 1;
    long long total = 0;
    for (long long k = 1; k <= n;) {
        const long long q = n / k;
        const long long last = n / q;  // the largest k' with floor(N/k') == q
        total += q * (last - k + 1);
        k = last + 1;
    }
    std::printf("%lld\n", total);
}
