// Interactor of "Guess the number": the test holds n and the secret x (1 <= x <= n). The program gets n, then
// guesses; each guess is answered "lower", "higher" or "correct". At most 31 guesses; the log gets x.
#include "testlib.h"

#include <iostream>

int main(int argc, char* argv[]) {
    registerInteraction(argc, argv);
    const long long n = inf.readLong();
    const long long x = inf.readLong();
    std::cout << n << std::endl;
    for (int guesses = 1; guesses <= 31; ++guesses) {
        const long long y = ouf.readLong(1, n, "the guess");
        if (y == x) {
            std::cout << "correct" << std::endl;
            tout << x << "\n";
            quitf(_ok, "found %lld in %d guesses", x, guesses);
        }
        std::cout << (x < y ? "lower" : "higher") << std::endl;
    }
    quitf(_wa, "%lld not found in 31 guesses", x);
}
