// Fills /tmp and /dev/shm with 512 KiB files (each under the file-size limit): the private tmpfs size must stop
// it long before 64 MiB, and nothing reaches the host's disk.
// khue-args: --tmp-size 8 --output 4 --memory 256 --time 4 --wall-time 8
// khue-expect: status=exited|output_limit exit_code=0
#include "hostile.h"
static int fill(const char* dir) {
    static char block[512 * 1024];
    memset(block, 'd', sizeof block);
    for (int i = 0; i < 128; ++i) {
        char path[256];
        snprintf(path, sizeof path, "%s/fill-%d", dir, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            fprintf(stderr, "%s: open stopped after %d files (%s)\n", dir, i, strerror(errno));
            return 0;
        }
        ssize_t n = write(fd, block, sizeof block);
        close(fd);
        if (n != (ssize_t)sizeof block) {
            fprintf(stderr, "%s: write stopped after %d files (%s)\n", dir, i, strerror(errno));
            return 0;
        }
    }
    fprintf(stderr, "ESCAPE: wrote 64 MiB into %s under --tmp-size 8\n", dir);
    return 1;
}
int main(void) {
    int escapes = fill("/tmp");
    if (access("/dev/shm", W_OK) == 0) {
        escapes += fill("/dev/shm");
    }
    return escapes == 0 ? 0 : 1;
}
