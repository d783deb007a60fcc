// The program stops itself with SIGSTOP (and a child does too): a stopped process uses no CPU and ignores
// everything but SIGKILL and SIGCONT. The wall limit must end the run and nothing may stay behind, stopped.
// khue-args: --time 1 --wall-time 1
// khue-expect: status=wall_time_limit
#include "hostile.h"
#include <signal.h>
int main(void) {
    if (fork() == 0) {
        raise(SIGSTOP);
        _exit(0);
    }
    raise(SIGSTOP);
    return 0;
}
