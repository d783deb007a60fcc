// The program replaces its next run's stdout file by a FIFO. Opening a FIFO for writing blocks until a reader
// comes, which would hang the judge: khue-box must refuse it (or not block) promptly.
// khue-expect: status=exited exit_code=0
// khue-then: --stdout {box}/out.txt -- /bin/echo hello
// khue-then-expect: status=sandbox_error|exited
// khue-timeout: 15
#include "hostile.h"
int main(void) {
    unlink("/box/out.txt");
    if (mkfifo("/box/out.txt", 0666) != 0) {
        fprintf(stderr, "mkfifo: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
