// Correct answer, but only after spinning far past the time limit.
#include <iostream>

int main() {
    long long a = 0, b = 0;
    std::cin >> a >> b;
    volatile unsigned long long spin = 0;
    for (unsigned long long i = 0; i < 50'000'000'000ULL; ++i) spin = spin + i;
    std::cout << a + b << '\n';
}
