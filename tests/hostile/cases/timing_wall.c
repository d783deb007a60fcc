// Not an attack: 0.5 s of sleeping is 0.5 s of wall time and next to no CPU time.
// khue-args: --time 3 --wall-time 5
// khue-expect: status=exited exit_code=0 wall_time>=0.5 wall_time<2 cpu_time<0.1
#include <time.h>
int main(void) {
    struct timespec half = {0, 500 * 1000 * 1000};
    while (nanosleep(&half, &half) != 0) {
    }
    return 0;
}
