#include <cstdio>

int main() {
    int n;
    std::scanf("%d", &n);
    long long sum = 0;
    for (int i = 0; i < n; ++i) {
        long long v;
        std::scanf("%lld", &v);
        sum += v;
    }
    std::printf("%lld\n", sum);
}
