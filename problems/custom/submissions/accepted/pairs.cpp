#include <cstdio>
#include <unordered_map>

int main() {
    int n = 0;
    long long target = 0;
    if (std::scanf("%d %lld", &n, &target) != 2) return 1;
    std::unordered_map<long long, int> first_index;
    first_index.reserve(static_cast<std::size_t>(n) * 2);
    for (int j = 1; j <= n; ++j) {
        long long price = 0;
        if (std::scanf("%lld", &price) != 1) return 1;
        // Look up before inserting, so a book is never paired with itself.
        auto it = first_index.find(target - price);
        if (it != first_index.end()) {
            std::printf("%d %d\n", it->second, j);
            return 0;
        }
        first_index.emplace(price, j);
    }
    std::printf("impossible\n");
}
