// Forgets the leg from the last landmark back to the first.
#include <cmath>
#include <cstdio>
#include <vector>

int main() {
    int n = 0;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<double> x(n), y(n);
    for (int i = 0; i < n; ++i)
        if (std::scanf("%lf %lf", &x[i], &y[i]) != 2) return 1;
    double total = 0;
    for (int i = 0; i + 1 < n; ++i) total += std::hypot(x[i + 1] - x[i], y[i + 1] - y[i]);
    std::printf("%.10f %.10f\n", total, total / n);
}
