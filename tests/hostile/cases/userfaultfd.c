// userfaultfd lets a program stall the kernel at a chosen moment (a race-exploitation primitive): the syscall
// and the /dev/userfaultfd device must both be refused.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
int main(void) {
    MUST_FAIL(syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK));
    MUST_FAIL(syscall(SYS_userfaultfd, O_CLOEXEC | 1 /* UFFD_USER_MODE_ONLY */));
    MUST_FAIL(open("/dev/userfaultfd", O_RDWR));
    return hostile_verdict();
}
