// Forks sleeping children until fork fails: the process limit must stop it well before 64 processes.
// khue-args: --processes 16 --time 2 --wall-time 4
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <signal.h>
int main(void) {
    int made = 0;
    for (int i = 0; i < 1000; ++i) {
        pid_t p = fork();
        if (p == 0) {
            pause();
            _exit(0);
        }
        if (p < 0) {
            fprintf(stderr, "fork failed after %d children (%s)\n", made, strerror(errno));
            /* The children stay behind, paused: the sandbox must reap them, not us. */
            return made < 16 ? 0 : 1;
        }
        ++made;
    }
    fprintf(stderr, "ESCAPE: forked %d children under --processes 16\n", made);
    return 1;
}
