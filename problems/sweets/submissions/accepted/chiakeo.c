#include <stdio.h>

int main(void) {
    FILE* in = fopen("CHIAKEO.INP", "r");
    FILE* out = fopen("CHIAKEO.OUT", "w");
    long n, k;
    fscanf(in, "%ld %ld", &n, &k);
    fprintf(out, "%ld %ld\n", n / k, n % k);
    fclose(out);
    return 0;
}
