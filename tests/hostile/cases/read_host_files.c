// Tries to read what only the host should see: password hashes, root's and the project's folders, the runner's
// planted secret (by its host path) and the host's init environment.
// khue-args: --env SECRET_PATH={secret} --env RUNNER_ROOT={root}
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <dirent.h>
static void must_not_list(const char* path) {
    DIR* d = opendir(path);
    if (d == NULL) {
        fprintf(stderr, "held: opendir %s failed (%s)\n", path, strerror(errno));
        return;
    }
    int entries = 0;
    while (readdir(d) != NULL) {
        ++entries;
    }
    closedir(d);
    if (entries > 2) {
        fprintf(stderr, "ESCAPE: listed %s (%d entries)\n", path, entries);
        hostile_escapes++;
    }
}
int main(void) {
    must_not_read("/etc/shadow");
    must_not_read("/etc/gshadow");
    must_not_read("/root/.bashrc");
    must_not_read("/root/.ssh/id_rsa");
    must_not_list("/root");
    must_not_list("/work");
    must_not_list("/work/main");
    must_not_list("/home");
    must_not_read(getenv("SECRET_PATH"));
    must_not_list(getenv("RUNNER_ROOT"));
    must_not_read("/proc/1/environ");
    must_not_read("/var/log/syslog");
    must_not_list("/sys/fs/cgroup/memory");
    return hostile_verdict();
}
