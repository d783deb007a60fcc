// Writes exactly the output limit (1 MiB): allowed, so the run is an ordinary exit, not output_limit.
// khue-args: --output 1
// khue-expect: status=exited exit_code=0
// khue-check: stdout-size<=1048576 stdout-size>=1048576
#include "hostile.h"
int main(void) {
    static char block[65536];
    memset(block, 'o', sizeof block);
    for (int i = 0; i < 16; ++i) {
        if (write(1, block, sizeof block) != (ssize_t)sizeof block) {
            fprintf(stderr, "write %d failed: %s\n", i, strerror(errno));
            return 3;
        }
    }
    return 0;
}
