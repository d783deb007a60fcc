// Tries 1, 2, 3, ...: right, but too many guesses when the secret is large.
#include <iostream>
#include <string>

int main() {
    long long n;
    std::cin >> n;
    for (long long y = 1; y <= n; ++y) {
        std::cout << y << std::endl;
        std::string reply;
        if (!(std::cin >> reply) || reply == "correct") {
            return 0;
        }
    }
    return 0;
}
