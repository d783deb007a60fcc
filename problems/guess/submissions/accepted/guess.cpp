#include <iostream>
#include <string>

int main() {
    long long n = 0;
    std::cin >> n;
    long long lo = 1, hi = n;
    while (lo <= hi) {
        long long mid = lo + (hi - lo) / 2;
        std::cout << "? " << mid << std::endl;  // std::endl flushes
        std::string reply;
        if (!(std::cin >> reply)) return 1;
        if (reply == "=") return 0;
        if (reply == "<") hi = mid - 1;
        else lo = mid + 1;
    }
    return 1;
}
