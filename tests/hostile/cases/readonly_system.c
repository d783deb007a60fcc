// The system root is read-only and device access is limited to the harmless nodes.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sys/sysmacros.h>
int main(void) {
    const char* dirs[] = {"/", "/usr", "/usr/bin", "/etc", "/bin", "/lib", "/sbin", "/dev", "/proc", "/sys", "/var"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; ++i) {
        char path[256];
        snprintf(path, sizeof path, "%s/khue-hostile-was-here", dirs[i]);
        MUST_FAIL(open(path, O_WRONLY | O_CREAT, 0644));
        MUST_FAIL(mkdir(path, 0755));
    }
    MUST_FAIL(open("/etc/passwd", O_WRONLY | O_APPEND));
    MUST_FAIL(open("/usr/bin/env", O_WRONLY));
    MUST_FAIL(unlink("/etc/hostname"));
    MUST_FAIL(rename("/etc/passwd", "/etc/passwd.old"));
    MUST_FAIL(chmod("/etc/passwd", 0666));
    MUST_FAIL(mknod("/box/sda", S_IFBLK | 0600, makedev(8, 0)));
    MUST_FAIL(mknod("/tmp/mem", S_IFCHR | 0600, makedev(1, 1)));
    MUST_FAIL(open("/dev/mem", O_RDONLY));
    MUST_FAIL(open("/dev/kmem", O_RDONLY));
    MUST_FAIL(open("/dev/port", O_RDONLY));
    MUST_FAIL(open("/dev/kmsg", O_RDONLY));
    MUST_FAIL(open("/dev/vda", O_RDONLY));
    MUST_FAIL(open("/dev/sda", O_RDONLY));
    int null = open("/dev/null", O_WRONLY);
    if (null < 0 || write(null, "x", 1) != 1) {
        fprintf(stderr, "/dev/null is not writable: programs need it\n");
        return 2;
    }
    return hostile_verdict();
}
