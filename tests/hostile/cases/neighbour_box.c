// Another box (id 901) runs at the same time with a secret in its folder. This box must not see its processes,
// signal them or read its folder. Afterwards the runner kills the neighbour's khue-box with SIGKILL, as a crashing
// worker would: its program must die with it rather than run on unsupervised.
// khue-host: neighbour
// khue-args: --env NEIGHBOUR={neighbour}
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <dirent.h>
#include <signal.h>
int main(void) {
    char path[4096];
    snprintf(path, sizeof path, "%s/secret.txt", getenv("NEIGHBOUR"));
    must_not_read(path);
    DIR* d = opendir("/proc");
    struct dirent* e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        char status[300], line[256];
        snprintf(status, sizeof status, "/proc/%s/status", e->d_name);
        FILE* f = fopen(status, "r");
        while (f != NULL && fgets(line, sizeof line, f) != NULL) {
            if (strncmp(line, "Uid:", 4) == 0 && strstr(line, "60901") != NULL) {
                fprintf(stderr, "ESCAPE: the neighbour's process %s is visible\n", e->d_name);
                hostile_escapes++;
            }
        }
        if (f != NULL) {
            fclose(f);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return hostile_verdict();
}
