// Right algorithm, 32-bit accumulator: exact while S(N) < 2^31 (subtasks 1 and 2), wrong in subtask 3.
#include <cstdint>
#include <cstdio>

int main() {
    long long n = 0;
    if (std::scanf("%lld", &n) != 1) return 1;
    std::uint32_t total = 0;
    for (long long k = 1; k <= n;) {
        const long long q = n / k;
        const long long last = n / q;
        total += static_cast<std::uint32_t>(q * (last - k + 1));
        k = last + 1;
    }
    std::printf("%d\n", static_cast<int>(total));
}
