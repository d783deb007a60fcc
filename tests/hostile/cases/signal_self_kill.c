// SIGKILL sent to itself early: a signal, not a time or memory limit.
// khue-args: --time 2 --memory 64
// khue-expect: status=signaled signal=9 oom_killed=false
#include <signal.h>
#include <unistd.h>
int main(void) {
    kill(getpid(), SIGKILL);
    pause();
    return 0;
}
