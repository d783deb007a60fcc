// perf_event_open: side channels on other processes and another kernel attack surface.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <linux/perf_event.h>
int main(void) {
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    MUST_FAIL(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
    MUST_FAIL(syscall(SYS_perf_event_open, &attr, -1, 0, -1, 0));
    return hostile_verdict();
}
