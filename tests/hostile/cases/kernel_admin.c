// Whole-machine operations: reboot, kexec, modules, swap, clock, accounting, hostname.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <linux/reboot.h>
#include <sys/time.h>
int main(void) {
    MUST_FAIL(syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_OFF, NULL));
    MUST_FAIL(syscall(SYS_kexec_load, 0, 0, NULL, 0));
    MUST_FAIL(syscall(SYS_init_module, NULL, 0, ""));
    MUST_FAIL(syscall(SYS_finit_module, 0, "", 0));
    MUST_FAIL(syscall(SYS_delete_module, "loop", 0));
    MUST_FAIL(syscall(SYS_swapon, "/box/swap", 0));
    MUST_FAIL(syscall(SYS_swapoff, "/box/swap"));
    MUST_FAIL(syscall(SYS_acct, "/box/acct"));
    struct timeval tv = {.tv_sec = 0};
    MUST_FAIL(settimeofday(&tv, NULL));
    MUST_FAIL(sethostname("pwned", 5));
    return hostile_verdict();
}
