// io_uring performs I/O outside the syscall filter's view and has a long record of kernel bugs.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
int main(void) {
    char params[120];
    memset(params, 0, sizeof params);
    MUST_FAIL(syscall(SYS_io_uring_setup, 8, params));
    MUST_FAIL(syscall(SYS_io_uring_enter, 0, 1, 0, 0, NULL, 0));
    MUST_FAIL(syscall(SYS_io_uring_register, 0, 0, NULL, 0));
    return hostile_verdict();
}
