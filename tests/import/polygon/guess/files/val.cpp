// Validator of "Guess the number": "n x" on one line, 1 <= x <= n <= 10^9.
#include "testlib.h"

int main(int argc, char* argv[]) {
    registerValidation(argc, argv);
    const long long n = inf.readLong(1, 1000000000, "n");
    inf.readSpace();
    inf.readLong(1, n, "x");
    inf.readEoln();
    inf.readEof();
    return 0;
}
