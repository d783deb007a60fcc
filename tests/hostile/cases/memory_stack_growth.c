// Unbounded recursion with 64 KiB frames: the stack grows until the memory limit (or the stack rlimit, which
// defaults to the memory limit) stops it.
// khue-args: --memory 64 --time 4 --wall-time 8
// khue-expect: status=memory_limit|signaled
// khue-cflags: -O0
#include <string.h>
static int down(int depth) {
    volatile char frame[64 * 1024];
    memset((char*)frame, depth, sizeof frame);
    return down(depth + 1) + frame[depth % sizeof frame];
}
int main(void) {
    return down(0);
}
