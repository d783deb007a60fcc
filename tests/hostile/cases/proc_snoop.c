// Looks around /proc: host processes must be invisible (a fresh pid namespace with its own /proc), and the mount
// table must not reveal host folders beyond the system binds.
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <ctype.h>
#include <dirent.h>
int main(void) {
    DIR* d = opendir("/proc");
    if (d == NULL) {
        fprintf(stderr, "no /proc at all\n");
        return 2;
    }
    int visible = 0;
    struct dirent* e;
    while ((e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0])) {
            continue;
        }
        ++visible;
        char path[300], cmd[256] = {0};
        snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd >= 0) {
            ssize_t n = read(fd, cmd, sizeof cmd - 1);
            close(fd);
            (void)n;
        }
        fprintf(stderr, "pid %s: %s\n", e->d_name, cmd);
        if (strstr(cmd, "systemd") || strstr(cmd, "hostile_tests") || strstr(cmd, "sshd") ||
            strstr(cmd, "ninja") || strstr(cmd, "/sbin/init") || strstr(cmd, "process_api")) {
            fprintf(stderr, "ESCAPE: host process visible\n");
            hostile_escapes++;
        }
    }
    closedir(d);
    if (visible > 4) {
        fprintf(stderr, "ESCAPE: %d processes visible in /proc\n", visible);
        hostile_escapes++;
    }
    if (getpid() > 10) {
        fprintf(stderr, "ESCAPE: pid %d looks like the host's pid namespace\n", (int)getpid());
        hostile_escapes++;
    }
    FILE* m = fopen("/proc/self/mountinfo", "r");
    if (m == NULL) {
        return 2;
    }
    char line[4096];
    const char* forbidden[] = {"/work", "/root", "/home", "/run", "/var", "/sys/fs/cgroup", "/boot", "/srv"};
    while (fgets(line, sizeof line, m) != NULL) {
        char point[2048];
        if (sscanf(line, "%*s %*s %*s %*s %2047s", point) != 1) {
            continue;
        }
        for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; ++i) {
            size_t n = strlen(forbidden[i]);
            if (strncmp(point, forbidden[i], n) == 0 && (point[n] == '\0' || point[n] == '/')) {
                fprintf(stderr, "ESCAPE: host mount point visible: %s", line);
                hostile_escapes++;
            }
        }
    }
    fclose(m);
    return hostile_verdict();
}
