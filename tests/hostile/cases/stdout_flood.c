// Writes to stdout forever under a 1 MiB output limit: the run ends with output_limit and the stdout file on the
// host stays within the limit.
// khue-args: --output 1 --time 4 --wall-time 8
// khue-expect: status=output_limit
// khue-check: stdout-size<=1048576
#include <string.h>
#include <unistd.h>
int main(void) {
    static char block[65536];
    memset(block, 'x', sizeof block);
    for (;;) {
        if (write(1, block, sizeof block) < 0) {
            return 3;
        }
    }
}
