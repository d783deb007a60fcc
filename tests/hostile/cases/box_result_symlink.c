// The program plants a symlink where the judge writes the next run's result file (inside the box folder, as a
// careless judge might): khue-box must not write its JSON through it into the canary.
// khue-args: --env CANARY={canary}
// khue-expect: status=exited exit_code=0
// khue-then: --result {box}/result.json -- /bin/true
// khue-then-expect: status=sandbox_error|exited
#include "hostile.h"
int main(void) {
    unlink("/box/result.json");
    if (symlink(getenv("CANARY"), "/box/result.json") != 0) {
        fprintf(stderr, "symlink: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
