// Halves the range with each guess: at most 30 guesses for n <= 10^9.
#include <iostream>
#include <string>

int main() {
    long long n;
    std::cin >> n;
    long long lo = 1, hi = n;
    while (lo <= hi) {
        const long long mid = lo + (hi - lo) / 2;
        std::cout << mid << std::endl;
        std::string reply;
        std::cin >> reply;
        if (reply == "correct") {
            return 0;
        }
        if (reply == "lower") {
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    return 0;
}
