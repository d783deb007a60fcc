// Not an attack: the CPU time reported for 0.5 s of computation must be about 0.5 s (a judge's verdicts are
// only as good as this number).
// khue-args: --time 3 --wall-time 15
// khue-expect: status=exited exit_code=0 cpu_time>=0.48 cpu_time<=0.75 wall_time>=0.48
#include "hostile.h"
int main(void) {
    while (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) < 0.5) {
    }
    return 0;
}
