// Another box's folder sits on the host next to ours, world-readable: its secret must not be reachable, neither by
// host path nor through the paths a judge usually keeps boxes under.
// khue-args: --env OTHER_BOX={other}
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <dirent.h>
int main(void) {
    char path[4096];
    snprintf(path, sizeof path, "%s/secret.txt", getenv("OTHER_BOX"));
    must_not_read(path);
    must_not_read("/box/../other-box/secret.txt");
    const char* roots[] = {"/var/lib/khue", "/run/khue", "/var/tmp", "/tmp/khue", "/var/local/lib/isolate"};
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; ++i) {
        DIR* d = opendir(roots[i]);
        if (d == NULL) {
            continue;
        }
        struct dirent* e;
        while ((e = readdir(d)) != NULL) {
            if (strstr(e->d_name, "khue") != NULL) {
                fprintf(stderr, "ESCAPE: %s/%s is visible\n", roots[i], e->d_name);
                hostile_escapes++;
            }
        }
        closedir(d);
    }
    return hostile_verdict();
}
