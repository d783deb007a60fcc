/* Calls getpid through the x32 ABI (syscall number | 0x40000000). Under khue-box's seccomp filter the process
 * must die with SIGSYS before the kernel sees the call; printing means the filter let it through. */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    long r = syscall(0x40000000L | SYS_getpid);
    printf("x32 getpid returned %ld\n", r);
    return 0;
}
