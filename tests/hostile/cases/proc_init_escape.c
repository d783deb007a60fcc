// The runc-style escapes through another process of the box, most of all the box's init (pid 1) if it was
// started on the host side: its root and cwd links, its open descriptors, its executable (overwriting it would
// replace the host's khue-box), its memory.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <dirent.h>
int main(void) {
    struct stat st;
    if (stat("/proc/1/root/work/main", &st) == 0 || stat("/proc/1/cwd/work/main", &st) == 0 ||
        stat("/proc/1/root/var/tmp", &st) == 0) {
        fprintf(stderr, "ESCAPE: the host file system is reachable through /proc/1\n");
        hostile_escapes++;
    }
    MUST_FAIL(open("/proc/1/exe", O_WRONLY));
    MUST_FAIL(open("/proc/1/exe", O_RDONLY));
    MUST_FAIL(open("/proc/1/mem", O_RDWR));
    MUST_FAIL(open("/proc/1/root/", O_RDONLY | O_DIRECTORY));
    DIR* d = opendir("/proc/1/fd");
    struct dirent* e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char path[300], target[512] = {0};
        snprintf(path, sizeof path, "/proc/1/fd/%s", e->d_name);
        ssize_t n = readlink(path, target, sizeof target - 1);
        int fd = open(path, O_RDONLY);
        if (fd >= 0) {
            fprintf(stderr, "ESCAPE: opened init's fd %s -> %s\n", e->d_name, n > 0 ? target : "?");
            hostile_escapes++;
            close(fd);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return hostile_verdict();
}
