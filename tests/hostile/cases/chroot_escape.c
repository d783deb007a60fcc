// The classic chroot escape (chroot into a subfolder, then walk up with a kept descriptor), plus reaching the
// host root through /proc/1/root.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
int main(void) {
    mkdir("/tmp/jail", 0755);
    int outside = open("/", O_RDONLY | O_DIRECTORY);
    MUST_FAIL(chroot("/tmp/jail"));
    if (outside >= 0 && fchdir(outside) == 0) {
        for (int i = 0; i < 64; ++i) {
            if (chdir("..") != 0) {
                break;
            }
        }
        MUST_FAIL(chroot("."));
    }
    struct stat st;
    if (stat("/work/main", &st) == 0 || stat("/proc/1/root/work/main", &st) == 0) {
        fprintf(stderr, "ESCAPE: the host's /work/main is reachable\n");
        hostile_escapes++;
    }
    return hostile_verdict();
}
