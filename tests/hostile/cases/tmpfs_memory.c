// Stores 128 MiB in /dev/shm (falling back to /tmp) under a 64 MiB memory limit but a large tmpfs: tmpfs pages
// are memory, so they must be charged to the box and stop it.
// khue-args: --memory 64 --tmp-size 512 --output 256 --time 4 --wall-time 8
// khue-expect: status=memory_limit|exited exit_code=0
#include "hostile.h"
int main(void) {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    char path[64];
    snprintf(path, sizeof path, "%s/hoard", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        return 2;
    }
    static char block[1 << 20];
    memset(block, 'm', sizeof block);
    for (int i = 0; i < 128; ++i) {
        if (write(fd, block, sizeof block) != (ssize_t)sizeof block) {
            fprintf(stderr, "stopped after %d MiB (%s)\n", i, strerror(errno));
            return 0;
        }
    }
    fprintf(stderr, "ESCAPE: 128 MiB of tmpfs under a 64 MiB memory limit\n");
    return 1;
}
