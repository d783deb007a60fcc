// Classic fork bomb: every process forks forever. The pids limit holds it, the CPU/wall limit ends it, and
// nothing may survive the run.
// khue-args: --processes 16 --time 1 --wall-time 2
// khue-expect: status=time_limit|wall_time_limit
#include <unistd.h>
int main(void) {
    for (;;) {
        fork();
    }
}
