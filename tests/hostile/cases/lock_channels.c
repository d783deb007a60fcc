// Channels between concurrent boxes: a lock on a file every box can open (/usr/bin/true) is a signal another box
// can read. Locks taken in a box must not exist for anybody else (here: a second process of the same box opening
// the file on its own must not see them), lock queries, leases, directory notification, inotify and fanotify must
// fail.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sys/fanotify.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/wait.h>
static struct flock lock_of(short type) {
    struct flock l;
    memset(&l, 0, sizeof l);
    l.l_type = type;
    l.l_whence = SEEK_SET;
    return l;
}
int main(void) {
    int fd = open("/usr/bin/true", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        perror("open /usr/bin/true");
        return 2;
    }
    struct flock rd = lock_of(F_RDLCK);
    flock(fd, LOCK_EX);
    fcntl(fd, F_SETLK, &rd);
    fcntl(fd, F_OFD_SETLK, &rd);
    pid_t child = fork();
    if (child == 0) {
        int other = open("/usr/bin/true", O_RDONLY | O_CLOEXEC);
        int escapes = 0;
        if (flock(other, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
            fprintf(stderr, "ESCAPE: the parent's flock() is visible to another process\n");
            escapes++;
        }
        struct flock q = lock_of(F_WRLCK);
        if (fcntl(other, F_GETLK, &q) == 0 && q.l_type != F_UNLCK) {
            fprintf(stderr, "ESCAPE: F_GETLK shows the parent's POSIX lock\n");
            escapes++;
        }
        q = lock_of(F_WRLCK);
        if (fcntl(other, F_OFD_GETLK, &q) == 0 && q.l_type != F_UNLCK) {
            fprintf(stderr, "ESCAPE: F_OFD_GETLK shows the parent's OFD lock\n");
            escapes++;
        }
        _exit(escapes);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        hostile_escapes++;
    }
    struct flock q = lock_of(F_WRLCK);
    MUST_FAIL(fcntl(fd, F_GETLK, &q));
    MUST_FAIL(fcntl(fd, F_SETLEASE, F_RDLCK));
    int usr = open("/usr", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    MUST_FAIL(fcntl(usr, F_NOTIFY, DN_CREATE | DN_MULTISHOT));
    MUST_FAIL(inotify_init1(IN_CLOEXEC));
    MUST_FAIL(syscall(SYS_inotify_init1, 0));
    MUST_FAIL(fanotify_init(FAN_CLASS_NOTIF, O_RDONLY));
    return hostile_verdict();
}
