/* Makes a system call through a foreign ABI: with no argument getpid through the x32 ABI (number | 0x40000000),
 * with "int80" exit(42) through the i386 ABI (int $0x80). Under khue-box's seccomp filter the process must die
 * before the kernel carries out the call. The i386 call is exit(42) so that the test can see whether it ran
 * whatever the kernel: with IA32 emulation the filter kills the process with SIGSYS; a kernel without IA32
 * emulation (ia32_emulation=0, or built without it) raises SIGSEGV at int $0x80 instead. Either way the call
 * must not have run (no exit status 42) and nothing may be printed. */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
    long r;
    if (argc > 1 && strcmp(argv[1], "int80") == 0) {
        long nr = 1; /* exit on i386 */
        __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(42L) : "memory");
        printf("i386 exit returned %ld\n", r);
        return 0;
    }
    r = syscall(0x40000000L | SYS_getpid);
    printf("foreign-ABI getpid returned %ld\n", r);
    return 0;
}
