// Creating setuid/setgid files: handing one to root must fail, and a setuid bit that does get set must be
// powerless (the box's writable mounts are nosuid).
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sys/statvfs.h>
int main(void) {
    const char* files[] = {"/box/suid", "/tmp/suid"};
    for (size_t i = 0; i < 2; ++i) {
        int fd = open(files[i], O_WRONLY | O_CREAT | O_TRUNC, 0755);
        if (fd < 0) {
            fprintf(stderr, "cannot create %s (%s)\n", files[i], strerror(errno));
            return 2;
        }
        close(fd);
        MUST_FAIL(chown(files[i], 0, 0));
        MUST_FAIL(chown(files[i], (uid_t)-1, 0));
        int bit_set = chmod(files[i], 06755) == 0;
        struct statvfs vfs;
        int nosuid = statvfs(files[i], &vfs) == 0 && (vfs.f_flag & ST_NOSUID) != 0;
        if (bit_set && !nosuid) {
            fprintf(stderr, "ESCAPE: setuid bit set on %s and its mount honours it\n", files[i]);
            hostile_escapes++;
        }
    }
    return hostile_verdict();
}
