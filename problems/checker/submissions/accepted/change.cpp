#include <cstdio>
#include <vector>

int main() {
    int n = 0, s = 0;
    if (std::scanf("%d %d", &n, &s) != 2) return 1;
    std::vector<int> coin(n);
    for (int& d : coin)
        if (std::scanf("%d", &d) != 1) return 1;
    const int inf = 1 << 30;
    std::vector<int> best(s + 1, inf), last(s + 1, 0);
    best[0] = 0;
    for (int v = 1; v <= s; ++v)
        for (int d : coin)
            if (d <= v && best[v - d] + 1 < best[v]) {
                best[v] = best[v - d] + 1;
                last[v] = d;
            }
    if (best[s] == inf) {
        std::puts("-1");
        return 0;
    }
    std::printf("%d\n", best[s]);
    for (int v = s; v > 0; v -= last[v]) std::printf("%d%c", last[v], v - last[v] > 0 ? ' ' : '\n');
}
