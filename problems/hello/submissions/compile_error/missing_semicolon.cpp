// @EXPECTED_RESULTS@: COMPILER-ERROR
// Not a folder of the package format: the DOMjudge-style marker above states the expected result.
#include <iostream>

int main() {
    long long a = 0, b = 0;
    std::cin >> a >> b
    std::cout << a + b << '\n';
}
