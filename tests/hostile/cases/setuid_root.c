// Becoming root: every set*id call must fail, the program must run as 60000+box id, and it must hold no
// capabilities.
// khue-args: --env UID={uid}
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <grp.h>
int main(void) {
    uid_t want = (uid_t)atoi(getenv("UID"));
    if (getuid() != want || geteuid() != want) {
        fprintf(stderr, "ESCAPE: running as uid %d/%d, expected %d\n", (int)getuid(), (int)geteuid(), (int)want);
        hostile_escapes++;
    }
    if (getuid() == 0 || getgid() == 0) {
        fprintf(stderr, "ESCAPE: uid or gid 0\n");
        hostile_escapes++;
    }
    MUST_FAIL(setuid(0));
    MUST_FAIL(seteuid(0));
    MUST_FAIL(setresuid(0, 0, 0));
    MUST_FAIL(setgid(0));
    MUST_FAIL(setresgid(0, 0, 0));
    gid_t none = 0;
    MUST_FAIL(setgroups(1, &none));
    FILE* f = fopen("/proc/self/status", "r");
    char line[256];
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if ((strncmp(line, "CapEff:", 7) == 0 || strncmp(line, "CapPrm:", 7) == 0 ||
             strncmp(line, "CapAmb:", 7) == 0) &&
            strstr(line, "0000000000000000") == NULL) {
            fprintf(stderr, "ESCAPE: %s", line);
            hostile_escapes++;
        }
        if (strncmp(line, "Groups:", 7) == 0 && strstr(line, " 0 ") != NULL) {
            fprintf(stderr, "ESCAPE: supplementary group root: %s", line);
            hostile_escapes++;
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return hostile_verdict();
}
