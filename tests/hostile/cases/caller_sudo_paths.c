// Who may run khue-box: called through sudo (SUDO_UID set), khue-box must refuse host paths outside its configured
// roots, so that a sudo rule for the judge's user does not become a way to read root's files (/etc/shadow here).
// The refusal is a sandbox_error before the program starts; nothing of the file may reach the program's output.
// khue-box-env: SUDO_UID=1000 SUDO_USER=khue
// khue-args: --stdin /etc/shadow
// khue-expect: status=sandbox_error
// khue-check: stdout-lacks=root:
#include "hostile.h"
int main(void) {
    char buf[4096];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        if (write(1, buf, (size_t)n) != n) {
            return 1;
        }
    }
    return 0;
}
