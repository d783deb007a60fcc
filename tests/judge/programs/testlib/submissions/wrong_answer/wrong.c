/* fake: wa-secret — right on the sample, wrong when the sum is not small */
#include <stdio.h>
int main(void) {
    long a, b;
    if (scanf("%ld %ld", &a, &b) != 2) return 1;
    printf("%ld\n", a + b > 5 ? a + b + 1 : a + b);
    return 0;
}
