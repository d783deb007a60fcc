// Raises the file-size limit as far as the kernel allows, then writes 4 MiB under --output 1: the limit must
// hold (the hard limit is set, or another mechanism enforces it).
// khue-args: --output 1 --time 4 --wall-time 8
// khue-expect: status=output_limit
// khue-check: stdout-size<=1048576
#include "hostile.h"
#include <sys/resource.h>
int main(void) {
    struct rlimit r = {RLIM_INFINITY, RLIM_INFINITY};
    if (setrlimit(RLIMIT_FSIZE, &r) != 0) {
        getrlimit(RLIMIT_FSIZE, &r);
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_FSIZE, &r);
    }
    static char block[65536];
    memset(block, 'r', sizeof block);
    for (int i = 0; i < 64; ++i) {
        if (write(1, block, sizeof block) < 0) {
            return 3;
        }
    }
    return 0;
}
