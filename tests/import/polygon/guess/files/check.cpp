// Checker of "Guess the number": the interactor's log must name the secret (the answer file).
#include "testlib.h"

int main(int argc, char* argv[]) {
    registerTestlibCmd(argc, argv);
    const long long expected = ans.readLong();
    const long long found = ouf.readLong();
    if (found != expected) {
        quitf(_wa, "the log says %lld, the secret is %lld", found, expected);
    }
    quitf(_ok, "found %lld", found);
}
