// The program leaves symlinks in its box where the judge's next run will put stdout and stderr: one to the
// runner's canary file by absolute host path, one by a relative path that climbs out of the box. khue-box
// (running as root on the host) must refuse them or write without following them; the canary stays intact.
// khue-args: --env CANARY={canary}
// khue-expect: status=exited exit_code=0
// khue-then: --stdout {box}/out.txt --stderr {box}/err.txt -- /bin/sh -c "echo PWNED; echo PWNED >&2"
// khue-then-expect: status=sandbox_error|exited
#include "hostile.h"
int main(void) {
    unlink("/box/out.txt");
    unlink("/box/err.txt");
    if (symlink(getenv("CANARY"), "/box/out.txt") != 0 ||
        symlink("../../planted/canary.txt", "/box/err.txt") != 0) {
        fprintf(stderr, "symlink: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
