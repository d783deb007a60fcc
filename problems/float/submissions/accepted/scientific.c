/* Prints in scientific notation: the default validator must accept any float notation. */
#include <math.h>
#include <stdio.h>

static double xs[20000], ys[20000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n; ++i)
        if (scanf("%lf %lf", &xs[i], &ys[i]) != 2) return 1;
    double total = 0;
    for (int i = 0; i < n; ++i) {
        int j = (i + 1) % n;
        total += sqrt((xs[j] - xs[i]) * (xs[j] - xs[i]) + (ys[j] - ys[i]) * (ys[j] - ys[i]));
    }
    printf("%.12e %.12e\n", total, total / n);
    return 0;
}
