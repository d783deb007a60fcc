// Allocates and touches memory in 1 MiB steps up to 1 GiB under a 64 MiB limit: the cgroup must OOM-kill it and
// report the peak near the limit.
// khue-args: --memory 64 --time 4 --wall-time 8
// khue-expect: status=memory_limit oom_killed=true memory_kib>=48000
#include "hostile.h"
int main(void) {
    for (int i = 0; i < 1024; ++i) {
        char* p = malloc(1 << 20);
        if (p == NULL) {
            return 3;
        }
        memset(p, i + 1, 1 << 20);
        keep(p);
    }
    return 0;
}
