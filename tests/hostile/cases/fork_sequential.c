// Not an attack: 500 short-lived children one after another under --processes 4. The limit is on processes alive
// at once, so this must succeed.
// khue-args: --processes 4 --time 4 --wall-time 15
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <sys/wait.h>
int main(void) {
    for (int i = 0; i < 500; ++i) {
        pid_t p = fork();
        if (p == 0) {
            _exit(0);
        }
        if (p < 0) {
            fprintf(stderr, "fork %d failed: %s\n", i, strerror(errno));
            return 3;
        }
        waitpid(p, NULL, 0);
    }
    return 0;
}
