// Double fork + setsid: a daemonised grandchild burns 0.6 s of CPU while the main process only waits. The box
// must count the orphan's CPU (cgroup accounting, not rusage of waited children) and kill it afterwards.
// khue-args: --time 4 --wall-time 10
// khue-expect: status=exited exit_code=0 cpu_time>=0.55
#include "hostile.h"
int main(void) {
    int done[2];
    if (pipe(done) != 0) {
        return 2;
    }
    pid_t child = fork();
    if (child == 0) {
        setsid();
        if (fork() == 0) {
            close(done[0]);
            while (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) < 0.6) {
            }
            if (write(done[1], "x", 1) != 1) {
                _exit(4);
            }
            for (volatile unsigned long i = 0;; ++i) {
            }
        }
        _exit(0);
    }
    close(done[1]);
    char c;
    return read(done[0], &c, 1) == 1 ? 0 : 5;
}
