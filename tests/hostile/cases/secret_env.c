// The runner puts a secret in khue-box's own environment: the program must see only what --env gave it, and no
// process of the box may carry the secret in /proc/<pid>/environ either.
// khue-args: --env GIVEN=yes
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <dirent.h>
extern char** environ;
int main(void) {
    int given = 0;
    for (char** e = environ; *e != NULL; ++e) {
        if (strstr(*e, "KHUE_HOSTILE_SECRET") != NULL || strstr(*e, "hostile-secret-") != NULL) {
            fprintf(stderr, "ESCAPE: inherited %s\n", *e);
            hostile_escapes++;
        }
        if (strcmp(*e, "GIVEN=yes") == 0) {
            given = 1;
        }
    }
    if (!given) {
        fprintf(stderr, "--env GIVEN=yes did not arrive\n");
        return 2;
    }
    DIR* d = opendir("/proc");
    struct dirent* p;
    while (d != NULL && (p = readdir(d)) != NULL) {
        char path[300];
        snprintf(path, sizeof path, "/proc/%s/environ", p->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0) {
            continue;
        }
        static char buf[1 << 16];
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        for (ssize_t i = 0; i < n; ++i) {
            if (buf[i] == '\0') {
                buf[i] = '\n';
            }
        }
        if (n > 0) {
            buf[n] = '\0';
            if (strstr(buf, "hostile-secret-") != NULL) {
                fprintf(stderr, "ESCAPE: %s holds the secret\n", path);
                hostile_escapes++;
            }
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return hostile_verdict();
}
