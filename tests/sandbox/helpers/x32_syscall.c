/* Makes a system call through a foreign ABI: with no argument getpid through the x32 ABI (number | 0x40000000),
 * with "int80" getpid through the i386 ABI (int $0x80). Under khue-box's seccomp filter the process must die
 * with SIGSYS before the kernel sees the call; printing means the filter let it through. */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
    long r;
    if (argc > 1 && strcmp(argv[1], "int80") == 0) {
        long nr = 20; /* getpid on i386 */
        __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr) : "memory");
    } else {
        r = syscall(0x40000000L | SYS_getpid);
    }
    printf("foreign-ABI getpid returned %ld\n", r);
    return 0;
}
