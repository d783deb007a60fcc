// The main process exits at once, leaving a daemonised grandchild that spins forever. It must not outlive the
// run: the runner checks that no process of the box's uid is left.
// khue-args: --time 1 --wall-time 3
// khue-expect: status=exited|time_limit
#include "hostile.h"
int main(void) {
    if (fork() == 0) {
        setsid();
        if (fork() == 0) {
            close(0);
            close(1);
            close(2);
            for (volatile unsigned long i = 0;; ++i) {
            }
        }
        _exit(0);
    }
    return 0;
}
