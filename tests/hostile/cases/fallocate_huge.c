// Huge files without writing them: fallocate reserves real disk blocks (64 GiB on the host's disk), ftruncate
// makes a sparse file that a judge copying outputs back would read in full. Both must be stopped by the
// file-size limit (SIGXFSZ is ignored so the program sees EFBIG).
// khue-args: --output 4
// khue-expect: status=exited|output_limit exit_code=0
#include "hostile.h"
#include <signal.h>
int main(void) {
    signal(SIGXFSZ, SIG_IGN);
    int fd = open("/box/huge", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        return 2;
    }
    MUST_FAIL(fallocate(fd, 0, 0, (off_t)64 << 30));
    MUST_FAIL(ftruncate(fd, (off_t)64 << 30));
    MUST_FAIL(pwrite(fd, "x", 1, (off_t)64 << 30));
    close(fd);
    return hostile_verdict();
}
