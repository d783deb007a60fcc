// Kernel knobs through /proc and /sys must be read-only to the box.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
/* Lowering oom_score_adj would make the box's processes the last the OOM killer picks, host daemons first. */
static long lower_oom_score(void) {
    int fd = open("/proc/self/oom_score_adj", O_WRONLY);
    if (fd < 0) {
        return -1;
    }
    long r = write(fd, "-1000", 5);
    close(fd);
    return r;
}
int main(void) {
    MUST_FAIL(open("/proc/sys/kernel/hostname", O_WRONLY));
    MUST_FAIL(open("/proc/sys/vm/drop_caches", O_WRONLY));
    MUST_FAIL(open("/proc/sys/kernel/core_pattern", O_WRONLY));
    MUST_FAIL(open("/proc/sysrq-trigger", O_WRONLY));
    MUST_FAIL(lower_oom_score());
    MUST_FAIL(open("/sys/kernel/mm/transparent_hugepage/enabled", O_WRONLY));
    MUST_FAIL(open("/sys/fs/cgroup/memory/memory.limit_in_bytes", O_WRONLY));
    return hostile_verdict();
}
