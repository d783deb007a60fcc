// The usual olympiad style: freopen, then standard streams.
#include <cstdio>
#include <iostream>

int main() {
    std::freopen("CHIAKEO.INP", "r", stdin);
    std::freopen("CHIAKEO.OUT", "w", stdout);
    long long n, k;
    std::cin >> n >> k;
    std::cout << n / k << ' ' << n % k << '\n';
}
