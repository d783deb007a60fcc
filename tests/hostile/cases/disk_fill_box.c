// Fills the box folder with 1 MiB files, each under the file-size limit. Something must bound the total well before
// 320 MiB, or one submission can fill the judging host's disk. The runner keeps box folders on tmpfs, as the judge
// does (scratch_root()), so every page written into /box is charged to the box's memory cgroup.
// khue-args: --output 4 --memory 96 --time 8 --wall-time 15
// khue-expect: status=memory_limit
#include "hostile.h"
int main(void) {
    static char block[1 << 20];
    memset(block, 'b', sizeof block);
    for (int i = 0; i < 320; ++i) {
        char path[64];
        snprintf(path, sizeof path, "/box/fill-%d", i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            fprintf(stderr, "open stopped after %d MiB (%s)\n", i, strerror(errno));
            return 0;
        }
        ssize_t n = write(fd, block, sizeof block);
        close(fd);
        if (n != (ssize_t)sizeof block) {
            fprintf(stderr, "write stopped after %d MiB (%s)\n", i, strerror(errno));
            return 0;
        }
    }
    fprintf(stderr, "ESCAPE: wrote 320 MiB into /box\n");
    return 1;
}
