// A later run's --dir below a symlink the program planted: `{box}/up` points at the runner's folder on the host,
// so `--dir {box}/up/planted` would hand the host's planted folder to the box user and mount it writable. The
// second run deletes the canary and leaves a file there if that happens; khue-box must refuse or resolve
// without following the link.
// khue-args: --env ROOT={root}
// khue-expect: status=exited exit_code=0
// khue-then: --dir {box}/up/planted -- /bin/sh -c "echo PWNED > /box/pwned; rm -f /box/canary.txt"
// khue-then-expect: status=sandbox_error|exited
#include "hostile.h"
int main(void) {
    if (symlink(getenv("ROOT"), "/box/up") != 0) {
        fprintf(stderr, "symlink: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
