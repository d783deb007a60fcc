// ptrace in both directions: PTRACE_TRACEME, and PTRACE_ATTACH to a sibling and to pid 1.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
int main(void) {
    pid_t child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    MUST_FAIL(ptrace(PTRACE_ATTACH, child, NULL, NULL));
    MUST_FAIL(ptrace(PTRACE_SEIZE, child, NULL, NULL));
    MUST_FAIL(ptrace(PTRACE_ATTACH, 1, NULL, NULL));
    MUST_FAIL(ptrace(PTRACE_TRACEME, 0, NULL, NULL));
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return hostile_verdict();
}
