// Raises RLIMIT_NPROC and RLIMIT_NOFILE as far as allowed, then forks: the process limit must still hold, and
// raising a hard limit must be refused.
// khue-args: --processes 16 --time 2 --wall-time 4
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <sys/resource.h>
int main(void) {
    struct rlimit inf = {RLIM_INFINITY, RLIM_INFINITY};
    struct rlimit cur;
    getrlimit(RLIMIT_NPROC, &cur);
    if (cur.rlim_max != RLIM_INFINITY) {
        MUST_FAIL(setrlimit(RLIMIT_NPROC, &inf));
    }
    cur.rlim_cur = cur.rlim_max;
    setrlimit(RLIMIT_NPROC, &cur);
    getrlimit(RLIMIT_NOFILE, &cur);
    if (cur.rlim_max != RLIM_INFINITY) {
        MUST_FAIL(setrlimit(RLIMIT_NOFILE, &inf));
    }
    int made = 0;
    for (; made < 256; ++made) {
        pid_t p = fork();
        if (p == 0) {
            pause();
            _exit(0);
        }
        if (p < 0) {
            break;
        }
    }
    if (made >= 16) {
        fprintf(stderr, "ESCAPE: %d processes under --processes 16\n", made);
        hostile_escapes++;
    }
    return hostile_verdict();
}
