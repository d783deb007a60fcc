// The same flood on stderr, which judges often forget to limit.
// khue-args: --output 1 --time 4 --wall-time 8
// khue-expect: status=output_limit
// khue-check: stderr-size<=1048576
#include <string.h>
#include <unistd.h>
int main(void) {
    static char block[65536];
    memset(block, 'e', sizeof block);
    for (;;) {
        if (write(2, block, sizeof block) < 0) {
            return 3;
        }
    }
}
