// Sleeps instead of computing: only the wall-clock limit catches it, and little CPU is charged.
// khue-args: --time 1 --wall-time 1
// khue-expect: status=wall_time_limit wall_time>=0.9 wall_time<3 cpu_time<0.5
#include <unistd.h>
int main(void) {
    sleep(60);
    return 0;
}
