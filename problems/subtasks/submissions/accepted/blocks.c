#include <stdio.h>

int main(void) {
    long long n, total = 0;
    if (scanf("%lld", &n) != 1) return 1;
    for (long long k = 1; k <= n;) {
        long long q = n / k, last = n / q;
        total += q * (last - k + 1);
        k = last + 1;
    }
    printf("%lld\n", total);
    return 0;
}
