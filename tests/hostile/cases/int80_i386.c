// The i386 ABI through `int $0x80` uses different syscall numbers (unshare is 310 there): a filter that does not
// check the architecture could be bypassed. The process must be killed.
// khue-expect: status=signaled
#include "hostile.h"
static long int80(long nr, long a1) {
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a1) : "memory");
    return ret;
}
int main(void) {
    long r = int80(20 /* i386 getpid */, 0);
    fprintf(stderr, "ESCAPE: i386 getpid returned %ld\n", r);
    r = int80(310 /* i386 unshare */, 0x10000000L /* CLONE_NEWUSER */);
    fprintf(stderr, "ESCAPE: i386 unshare(CLONE_NEWUSER) returned %ld\n", r);
    return 3;
}
