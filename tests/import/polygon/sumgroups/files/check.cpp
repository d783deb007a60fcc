#include "testlib.h"

int main(int argc, char* argv[]) {
    registerTestlibCmd(argc, argv);
    const long long expected = ans.readLong();
    const long long found = ouf.readLong();
    if (!ouf.seekEof()) {
        quitf(_pe, "extra output after the sum");
    }
    if (found != expected) {
        quitf(_wa, "expected %lld, found %lld", expected, found);
    }
    quitf(_ok, "the sum is %lld", found);
}
