// Signals aimed at the box's init (pid 1 of the box), which kill(-1) skips: stopping or killing it must neither
// hang khue-box nor change what it reports about the program, which then exits 7.
// khue-args: --time 2 --wall-time 5
// khue-expect: status=exited exit_code=7
#include "hostile.h"
#include <signal.h>
int main(void) {
    int sigs[] = {SIGSTOP, SIGTSTP, SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGKILL};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; ++i) {
        int r = kill(1, sigs[i]);
        fprintf(stderr, "kill(1, %d): %s\n", sigs[i], r == 0 ? "delivered" : strerror(errno));
    }
    usleep(100 * 1000);
    return 7;
}
