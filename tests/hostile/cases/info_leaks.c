// Information leaks: the kernel command line, the host's locks and mounts, the judge's cgroup paths, the host's
// accounts and the test file's host path (readlink /proc/self/fd/0) must not be readable in the box; a compile
// error could otherwise print any of them back to the team (#include "/proc/cmdline").
// khue-args: --stdin {secret}
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
static int read_all(const char* path, char* buf, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    size_t got = 0;
    ssize_t n;
    while (got + 1 < size && (n = read(fd, buf + got, size - 1 - got)) > 0) {
        got += (size_t)n;
    }
    buf[got] = 0;
    close(fd);
    return (int)got;
}
int main(void) {
    static char buf[1 << 16];
    must_not_read("/proc/cmdline");
    must_not_read("/proc/locks");
    must_not_read("/proc/mounts");
    must_not_read("/proc/modules");
    must_not_read("/proc/partitions");
    must_not_read("/proc/sys/kernel/hostname");
    ssize_t n = readlink("/proc/self/fd/0", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    if (strstr(buf, "planted") || strstr(buf, "secret") || strstr(buf, "/dev/shm")) {
        fprintf(stderr, "ESCAPE: stdin's host path shows: %s\n", buf);
        hostile_escapes++;
    } else {
        fprintf(stderr, "held: stdin is %s\n", buf);
    }
    if (read_all("/proc/self/cgroup", buf, sizeof buf) > 0 && (strstr(buf, "khue") || strstr(buf, "box-"))) {
        fprintf(stderr, "ESCAPE: /proc/self/cgroup names the judge's cgroups:\n%s", buf);
        hostile_escapes++;
    }
    if (read_all("/proc/self/mountinfo", buf, sizeof buf) > 0 && strstr(buf, "planted")) {
        fprintf(stderr, "ESCAPE: mountinfo shows the stdin file\n");
        hostile_escapes++;
    }
    if (read_all("/etc/passwd", buf, sizeof buf) > 0) {
        for (char* line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
            if (strncmp(line, "root:", 5) && strncmp(line, "khue:", 5) && strncmp(line, "nobody:", 7)) {
                fprintf(stderr, "ESCAPE: /etc/passwd lists a host account: %s\n", line);
                hostile_escapes++;
            }
        }
    }
    return hostile_verdict();
}
