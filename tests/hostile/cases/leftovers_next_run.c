// Nothing of a run reaches the next run in the same slot (in a warm session: the next request to the same
// session process). The first run leaves a file in /tmp and in /dev/shm, a daemon (its own session, double
// fork) that holds /box/held open with an flock on it, a SysV shared memory segment and message queue, and an
// abstract unix socket listening. The second run (the same program, seeing /box/first-done) checks each: a
// bit of its exit code per leftover found, plus 64 to show that it did check.
// khue-args: --processes 16
// khue-expect: status=exited exit_code=0
// khue-then: --processes 16
// khue-then-expect: status=exited exit_code=64
#include <stddef.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "hostile.h"

static const char kAbstract[] = "\0khue-leftover-socket";

static int touch(const char* path) {
    int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
        return -1;
    }
    close(fd);
    return 0;
}

static int abstract_socket(int listen_on) {
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    memcpy(a.sun_path, kAbstract, sizeof kAbstract - 1);
    socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + sizeof kAbstract - 1);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0) {
        return -1;
    }
    if (listen_on) {
        return bind(s, (struct sockaddr*)&a, len) == 0 && listen(s, 1) == 0 ? s : -1;
    }
    int ok = connect(s, (struct sockaddr*)&a, len) == 0;
    close(s);
    return ok;
}

static int plant(void) {
    if (touch("/tmp/left") != 0 || touch("/dev/shm/left") != 0) {
        return 1;
    }
    if (shmget(4242, 4096, IPC_CREAT | 0666) < 0 || msgget(4242, IPC_CREAT | 0666) < 0) {
        return 2;
    }
    int ready[2];
    if (pipe(ready) != 0) {
        return 3;
    }
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        if (fork() != 0) {
            _exit(0);
        }
        int fd = open("/box/held", O_CREAT | O_RDWR, 0666);
        int sock = abstract_socket(1);
        if (fd < 0 || flock(fd, LOCK_EX) != 0 || sock < 0) {
            _exit(1);
        }
        (void)!write(ready[1], "r", 1);
        for (;;) {
            sleep(1);
        }
    }
    close(ready[1]);
    char c = 0;
    if (read(ready[0], &c, 1) != 1) {
        return 4;
    }
    return touch("/box/first-done") == 0 ? 0 : 5;
}

static int check(void) {
    int found = 0;
    if (access("/tmp/left", F_OK) == 0) {
        found |= 1;
    }
    if (access("/dev/shm/left", F_OK) == 0) {
        found |= 2;
    }
    if (shmget(4242, 0, 0) >= 0 || msgget(4242, 0) >= 0) {
        found |= 4;
    }
    if (abstract_socket(0) == 1) {
        found |= 8;
    }
    int fd = open("/box/held", O_RDWR | O_CLOEXEC);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        found |= 16;  // the daemon of the first run still holds its lock
    }
    // Only this program (and the box's init) may exist in the PID namespace.
    for (int pid = 3; pid < 64; ++pid) {
        char path[32];
        snprintf(path, sizeof path, "/proc/%d", pid);
        if (pid != getpid() && access(path, F_OK) == 0) {
            found |= 32;
        }
    }
    unlink("/box/first-done");
    unlink("/box/held");
    return 64 | found;
}

int main(void) {
    return access("/box/first-done", F_OK) == 0 ? check() : plant();
}
