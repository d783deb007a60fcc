#include <cstdio>
#include <cstdlib>
#include <random>

// gen N BOUND SEED: N, then N integers in [-BOUND, BOUND].
int main(int argc, char* argv[]) {
    const long long n = std::atoll(argv[1]), bound = std::atoll(argv[2]);
    std::mt19937_64 random(std::atoll(argv[3]));
    std::printf("%lld\n", n);
    for (long long i = 0; i < n; ++i) {
        std::printf("%lld%c", static_cast<long long>(random() % (2 * bound + 1)) - bound, i + 1 < n ? ' ' : '\n');
    }
}
