// A new user namespace would give the program every capability inside it (and the kernel attack surface that
// comes with them); setns into another namespace is the way back out.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sched.h>
int main(void) {
    MUST_FAIL(unshare(CLONE_NEWUSER));
    MUST_FAIL(unshare(CLONE_NEWUSER | CLONE_NEWNS));
    MUST_FAIL(unshare(CLONE_NEWNET));
    MUST_FAIL(unshare(CLONE_NEWNS));
    int fd = open("/proc/self/ns/mnt", O_RDONLY);
    if (fd >= 0) {
        MUST_FAIL(setns(fd, 0));
        close(fd);
    }
    return hostile_verdict();
}
