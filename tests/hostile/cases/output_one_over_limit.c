// One byte more than the output limit: output_limit, and the file holds exactly the limit.
// khue-args: --output 1
// khue-expect: status=output_limit
// khue-check: stdout-size<=1048576
#include "hostile.h"
int main(void) {
    static char block[65536];
    memset(block, 'o', sizeof block);
    for (int i = 0; i < 16; ++i) {
        if (write(1, block, sizeof block) != (ssize_t)sizeof block) {
            return 3;
        }
    }
    return write(1, "!", 1) == 1 ? 0 : 4;
}
