// Largest coin first: optimal for Vietnamese banknotes, but not for every set of coins.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

int main() {
    int n = 0, s = 0;
    if (std::scanf("%d %d", &n, &s) != 2) return 1;
    std::vector<int> coin(n);
    for (int& d : coin)
        if (std::scanf("%d", &d) != 1) return 1;
    std::sort(coin.begin(), coin.end(), std::greater<int>());
    std::vector<int> used;
    int left = s;
    for (int d : coin)
        while (left >= d) {
            used.push_back(d);
            left -= d;
        }
    if (left != 0) {
        std::puts("-1");
        return 0;
    }
    std::printf("%zu\n", used.size());
    for (std::size_t i = 0; i < used.size(); ++i) std::printf("%d%c", used[i], i + 1 < used.size() ? ' ' : '\n');
}
