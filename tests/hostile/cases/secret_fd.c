// The runner opens a secret file without O_CLOEXEC before starting khue-box: no descriptor beyond 0-2 may reach
// the program.
// khue-expect: status=exited exit_code=0
#include "hostile.h"
int main(void) {
    for (int fd = 3; fd < 1024; ++fd) {
        if (fcntl(fd, F_GETFD) == -1) {
            continue;
        }
        char link[64], target[512] = {0};
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, target, sizeof target - 1);
        (void)n;
        char buf[128] = {0};
        ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
        fprintf(stderr, "ESCAPE: inherited fd %d -> %s (%zd bytes readable: %.40s)\n", fd, target, got, buf);
        hostile_escapes++;
    }
    return hostile_verdict();
}
