// Writes the file, but the two numbers in the wrong order.
#include <fstream>

int main() {
    std::ifstream in("CHIAKEO.INP");
    std::ofstream out("CHIAKEO.OUT");
    long long n, k;
    in >> n >> k;
    out << n % k << ' ' << n / k << '\n';
}
