// clone3 passes its flags in memory, where seccomp cannot look: a deny-list must refuse clone3 entirely (ENOSYS
// makes libc fall back to clone) or it is a way around the CLONE_NEW* filter.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <linux/sched.h>
#include <signal.h>
#include <sys/wait.h>
static long try_clone3(unsigned long long flags) {
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = flags;
    args.exit_signal = SIGCHLD;
    long r = syscall(SYS_clone3, &args, sizeof args);
    if (r == 0) {
        _exit(0);
    }
    if (r > 0) {
        waitpid((pid_t)r, NULL, 0);
    }
    return r;
}
int main(void) {
    MUST_FAIL(try_clone3(CLONE_NEWUSER));
    MUST_FAIL(try_clone3(CLONE_NEWNS | CLONE_NEWPID));
    MUST_FAIL(try_clone3(CLONE_NEWNET));
    return hostile_verdict();
}
