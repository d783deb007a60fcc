// The program points its next run's input at the runner's secret file: khue-box opens --stdin as root, so
// following the link would hand the secret to the program.
// khue-args: --env SECRET={secret}
// khue-expect: status=exited exit_code=0
// khue-then: --stdin {box}/in.txt -- /bin/cat
// khue-then-expect: status=sandbox_error|exited
// khue-then-check: stdout-lacks=hostile-secret-
#include "hostile.h"
int main(void) {
    unlink("/box/in.txt");
    if (symlink(getenv("SECRET"), "/box/in.txt") != 0) {
        fprintf(stderr, "symlink: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
