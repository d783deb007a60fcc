// Four processes each hold 24 MiB (96 MiB together) under a 64 MiB limit. Each alone is within the limit, so only
// accounting for the whole box catches it. The parent exits 0 whatever happens to the children, so the run may
// end as `exited`, but the OOM kill of a child must be reported.
// khue-args: --memory 64 --time 4 --wall-time 8
// khue-expect: status=memory_limit|exited oom_killed=true memory_kib>=60000
#include "hostile.h"
#include <sys/wait.h>
int main(void) {
    int ready[2];
    if (pipe(ready) != 0) {
        return 2;
    }
    for (int i = 0; i < 4; ++i) {
        if (fork() == 0) {
            close(ready[0]);
            size_t n = (size_t)24 << 20;
            char* p = malloc(n);
            if (p == NULL) {
                _exit(3);
            }
            memset(p, 7, n);
            keep(p);
            if (write(ready[1], "x", 1) != 1) {
                _exit(4);
            }
            /* A child the OOM killer takes never writes; closing here lets the parent see EOF instead. */
            close(ready[1]);
            pause();
            _exit(0);
        }
    }
    close(ready[1]);
    char c;
    int got = 0;
    while (got < 4 && read(ready[0], &c, 1) == 1) {
        ++got;
    }
    fprintf(stderr, "%d of 4 children hold their memory\n", got);
    return 0;
}
