/* Reads into 32-bit ints: correct on small cases, wrong once the numbers leave the int range. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    int x = (int)a, y = (int)b;
    printf("%d\n", x + y);
    return 0;
}
