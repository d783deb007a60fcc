#include <cstdio>

// Sums in 32 bits: right for groups 0 to 2, overflows in group 3.
int main() {
    int n;
    std::scanf("%d", &n);
    int sum = 0;
    for (int i = 0; i < n; ++i) {
        int v;
        std::scanf("%d", &v);
        sum = static_cast<int>(static_cast<unsigned>(sum) + static_cast<unsigned>(v));
    }
    std::printf("%d\n", sum);
}
