// kill(-1, SIGKILL) and then every pid up to 65535: neither the runner nor a host process of the box's own uid
// (the runner's "victim") may be hurt.
// khue-host: victim
// khue-args: --time 3 --wall-time 8
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <signal.h>
int main(void) {
    kill(-1, SIGKILL);
    int hit = 0;
    for (pid_t p = 2; p < 65536; ++p) {
        if (p != getpid() && kill(p, SIGKILL) == 0) {
            ++hit;
        }
    }
    if (hit > 0) {
        fprintf(stderr, "ESCAPE: killed %d other processes\n", hit);
        return 1;
    }
    return 0;
}
