// Core dumps: a crashing child after raising RLIMIT_CORE as far as allowed must not dump core, neither into the
// box folder (it could be huge) nor to a host-side core handler.
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
int main(void) {
    struct rlimit r;
    getrlimit(RLIMIT_CORE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_CORE, &r);
    pid_t child = fork();
    if (child == 0) {
        abort();
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (WIFSIGNALED(status) && WCOREDUMP(status)) {
        fprintf(stderr, "ESCAPE: the child dumped core (core limit %llu)\n", (unsigned long long)r.rlim_max);
        hostile_escapes++;
    }
    DIR* d = opendir("/box");
    struct dirent* e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, "core") == 0 || strncmp(e->d_name, "core.", 5) == 0) {
            fprintf(stderr, "ESCAPE: core file /box/%s\n", e->d_name);
            hostile_escapes++;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return hostile_verdict();
}
