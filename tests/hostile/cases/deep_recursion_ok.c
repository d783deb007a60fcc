// A legitimate deep recursion using about 160 MiB of stack under a 256 MiB limit: the stack limit defaults to
// the memory limit, so this must succeed (contestants' DFS solutions rely on it).
// khue-args: --memory 256 --time 4 --wall-time 8
// khue-expect: status=exited exit_code=0
// khue-cflags: -O0
#include <string.h>
static long down(long depth) {
    volatile char frame[1024];
    memset((char*)frame, (int)depth, sizeof frame);
    if (depth == 0) {
        return frame[0];
    }
    return down(depth - 1) + frame[depth % sizeof frame];
}
int main(void) {
    /* 150k frames of a bit over 1 KiB each. */
    long sum = down(150000);
    return (sum & 1) * 0;
}
