// Leftovers must not poison the next run in the slot: ~100 MiB in an unreadable file and a folder chain far deeper
// than the box's open-file limit, left in /box (tmpfs, charged to the slot's memory cgroup). The next run in the
// same slot asks for --memory 128 and uses ~110 MiB: it must get its normal result (before: memory_limit, or a
// sandbox_error because memory.limit_in_bytes could not be set below the leftover). (The chain stays shallower
// than the runner's own open-file limit, so that the runner can still delete the case folder.)
// khue-args: --memory 512 --output 256
// khue-expect: status=exited exit_code=0
// khue-then: --memory 128 -- /usr/bin/python3 -c "x = bytearray(b'1') * (110 << 20); print(len(x))"
// khue-then-expect: status=exited exit_code=0 oom_killed=false
#include "hostile.h"
int main(void) {
    static char chunk[1 << 20];
    memset(chunk, 'p', sizeof chunk);
    int fd = open("/box/poison", O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    for (int i = 0; i < 100 && fd >= 0; ++i) {
        if (write(fd, chunk, sizeof chunk) != (ssize_t)sizeof chunk) {
            break;
        }
    }
    close(fd);
    chmod("/box/poison", 0);
    if (chdir("/box") != 0) {
        return 2;
    }
    for (int i = 0; i < 300; ++i) {
        if (mkdir("d", 0700) != 0 || chdir("d") != 0) {
            break;
        }
    }
    chmod(".", 0);
    return 0;
}
