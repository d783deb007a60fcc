// A realtime spinning process would starve the judging host's other boxes and daemons; locked memory cannot be
// reclaimed; a better nice or I/O class is an unfair share. All must be refused.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
int main(void) {
    struct sched_param fifo = {.sched_priority = 99};
    MUST_FAIL(sched_setscheduler(0, SCHED_FIFO, &fifo));
    struct sched_param rr = {.sched_priority = 1};
    MUST_FAIL(sched_setscheduler(0, SCHED_RR, &rr));
    MUST_FAIL(setpriority(PRIO_PROCESS, 0, -20));
    MUST_FAIL(syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0, (1 << 13) | 0 /* IOPRIO_CLASS_RT, 0 */));
    static char locked[16 << 20];
    MUST_FAIL(mlock(locked, sizeof locked));
    MUST_FAIL(mlockall(MCL_CURRENT | MCL_FUTURE));
    return hostile_verdict();
}
