// A syscall number with the x32 bit set must not slip past a filter written for x86-64 numbers: it must be
// killed (libseccomp treats it as a foreign architecture).
// khue-expect: status=signaled
#include "hostile.h"
int main(void) {
    long r = syscall(0x40000000L | SYS_getpid);
    fprintf(stderr, "ESCAPE: x32 getpid returned %ld (%s)\n", r, strerror(errno));
    r = syscall(0x40000000L | SYS_unshare, 0x10000000L /* CLONE_NEWUSER */);
    fprintf(stderr, "ESCAPE: x32 unshare returned %ld (%s)\n", r, strerror(errno));
    return 3;
}
