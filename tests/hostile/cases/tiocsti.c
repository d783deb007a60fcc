// The runner gives khue-box a pseudo-terminal as standard input. The program tries to make it its controlling
// terminal and push characters into it with TIOCSTI (they would be read by whatever reads that terminal on the
// host); the runner checks the terminal received nothing.
// khue-host: pty-stdin
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sys/ioctl.h>
#include <termios.h>
int main(void) {
    fprintf(stderr, "stdin is %sa terminal\n", isatty(0) ? "" : "not ");
    if (isatty(0)) {
        int r = ioctl(0, TIOCSCTTY, 0);
        fprintf(stderr, "TIOCSCTTY: %s\n", r == 0 ? "became the controlling terminal" : strerror(errno));
    }
    const char* evil = "echo pwned\n";
    int injected = 0;
    for (const char* c = evil; *c != '\0'; ++c) {
        for (int fd = 0; fd < 3; ++fd) {
            if (ioctl(fd, TIOCSTI, c) == 0) {
                ++injected;
            } else if (c == evil) {
                fprintf(stderr, "held: TIOCSTI on fd %d failed (%s)\n", fd, strerror(errno));
            }
        }
    }
    int tty = open("/dev/tty", O_RDWR);
    if (tty >= 0) {
        if (ioctl(tty, TIOCSTI, "x") == 0) {
            ++injected;
        }
        close(tty);
    }
    if (injected > 0) {
        fprintf(stderr, "ESCAPE: TIOCSTI injected %d characters\n", injected);
        return 1;
    }
    return 0;
}
