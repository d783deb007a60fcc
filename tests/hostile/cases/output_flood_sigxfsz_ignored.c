// Ignores SIGXFSZ (as CPython does), writes until the file-size limit answers EFBIG, then exits 0 as if
// nothing happened. The limit was still hit, and the report must say so.
// khue-args: --output 1 --time 4 --wall-time 8
// khue-expect: status=output_limit
// khue-check: stdout-size<=1048576
#include "hostile.h"
#include <signal.h>
int main(void) {
    signal(SIGXFSZ, SIG_IGN);
    static char block[65536];
    memset(block, 'y', sizeof block);
    for (int i = 0; i < 1024; ++i) {
        if (write(1, block, sizeof block) < 0) {
            fprintf(stderr, "write failed: %s\n", strerror(errno));
            return 0;
        }
    }
    return 0;
}
