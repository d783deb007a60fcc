// mount, umount and pivot_root from inside the box.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sys/mount.h>
int main(void) {
    MUST_FAIL(mount("none", "/tmp", "tmpfs", 0, NULL));
    MUST_FAIL(mount("/", "/box", NULL, MS_BIND | MS_REC, NULL));
    MUST_FAIL(mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND, NULL));
    MUST_FAIL(mount("proc", "/tmp", "proc", 0, NULL));
    MUST_FAIL(umount2("/box", MNT_DETACH));
    MUST_FAIL(umount2("/proc", MNT_DETACH));
    MUST_FAIL(syscall(SYS_pivot_root, "/box", "/box"));
    MUST_FAIL(syscall(SYS_open_tree, -1, "/", 1 /* OPEN_TREE_CLONE */));
    MUST_FAIL(syscall(SYS_fsopen, "tmpfs", 0));
    return hostile_verdict();
}
