// A daemonised grandchild that sleeps (no CPU, so no CPU limit catches it) and ignores every catchable signal.
// It must still be gone when khue-box returns.
// khue-args: --time 1 --wall-time 3
// khue-expect: status=exited|wall_time_limit
#include "hostile.h"
#include <signal.h>
int main(void) {
    if (fork() == 0) {
        setsid();
        if (fork() == 0) {
            for (int s = 1; s < 32; ++s) {
                signal(s, SIG_IGN);
            }
            close(0);
            close(1);
            close(2);
            for (;;) {
                sleep(100);
            }
        }
        _exit(0);
    }
    return 0;
}
