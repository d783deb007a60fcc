// Polygon validator of "Sum in groups": n (1 <= n <= 200000) on the first line, then n integers of absolute
// value at most 10^9 separated by single spaces.
#include "testlib.h"

int main(int argc, char* argv[]) {
    registerValidation(argc, argv);
    const int n = inf.readInt(1, 200000, "n");
    inf.readEoln();
    for (int i = 0; i < n; ++i) {
        if (i > 0) {
            inf.readSpace();
        }
        inf.readLong(-1000000000, 1000000000, "a_i");
    }
    inf.readEoln();
    inf.readEof();
    return 0;
}
