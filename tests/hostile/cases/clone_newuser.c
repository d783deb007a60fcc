// The raw clone syscall with CLONE_NEWUSER (seccomp can inspect clone's flags, so it must be refused).
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
int main(void) {
    long r = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, 0);
    if (r == 0) {
        _exit(0);
    }
    if (r > 0) {
        waitpid((pid_t)r, NULL, 0);
        fprintf(stderr, "ESCAPE: clone(CLONE_NEWUSER) made pid %ld\n", r);
        return 1;
    }
    fprintf(stderr, "held: clone(CLONE_NEWUSER) failed (%s)\n", strerror(errno));
    r = syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWNET | SIGCHLD, NULL, NULL, NULL, 0);
    if (r == 0) {
        _exit(0);
    }
    if (r > 0) {
        waitpid((pid_t)r, NULL, 0);
        fprintf(stderr, "ESCAPE: clone(CLONE_NEWPID|CLONE_NEWNET) made pid %ld\n", r);
        return 1;
    }
    return 0;
}
