// A symlink in the middle of a path: the program turns a folder of its box into a link to the runner's planted
// folder on the host. O_NOFOLLOW guards only the last component, so khue-box opening the next run's
// `--stdout {box}/outdir/canary.txt` must resolve the whole path without symlinks (or refuse).
// khue-args: --env ROOT={root}
// khue-expect: status=exited exit_code=0
// khue-then: --stdout {box}/outdir/canary.txt -- /bin/echo PWNED
// khue-then-expect: status=sandbox_error|exited
#include "hostile.h"
int main(void) {
    char target[4096];
    snprintf(target, sizeof target, "%s/planted", getenv("ROOT"));
    if (symlink(target, "/box/outdir") != 0) {
        fprintf(stderr, "symlink: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
