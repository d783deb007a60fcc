// With --clean-dir nothing survives the run: a marker, a big unreadable file, a folder chain 5000 deep (deeper
// than any open-file limit a walk holding one descriptor per level could use) with symlinks to /etc along the way,
// its last folder chmod'ed to 000. The next run in the same folder must find /box empty, and --memory 128 must
// still be settable and enough for ~110 MiB.
// khue-args: --clean-dir --memory 512 --output 256 --time 10 --wall-time 30
// khue-expect: status=exited exit_code=0
// khue-then: --memory 128 -- /usr/bin/python3 -c "import os, sys; left = os.listdir('/box'); print(left); x = bytearray(b'1') * (110 << 20); sys.exit(3 if left else 0)"
// khue-then-expect: status=exited exit_code=0 oom_killed=false
// khue-timeout: 90
#include "hostile.h"
int main(void) {
    static char chunk[1 << 20];
    memset(chunk, 'p', sizeof chunk);
    int fd = open("/box/marker", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    close(fd);
    fd = open("/box/poison", O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    for (int i = 0; i < 60 && fd >= 0; ++i) {
        if (write(fd, chunk, sizeof chunk) != (ssize_t)sizeof chunk) {
            break;
        }
    }
    close(fd);
    chmod("/box/poison", 0);
    if (chdir("/box") != 0) {
        return 2;
    }
    for (int i = 0; i < 5000; ++i) {
        if (mkdir("d", 0700) != 0 || chdir("d") != 0) {
            break;
        }
        if (i % 1000 == 0 && symlink("/etc", "etc") != 0) {
            break;
        }
    }
    chmod(".", 0);
    return 0;
}
