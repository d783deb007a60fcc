// Raises RLIMIT_CPU to the hard limit (or infinity), then spins: the CPU limit must still end the run.
// khue-args: --time 1 --wall-time 15
// khue-expect: status=time_limit cpu_time<2.5
#include "hostile.h"
#include <signal.h>
#include <sys/resource.h>
int main(void) {
    struct rlimit r = {RLIM_INFINITY, RLIM_INFINITY};
    if (setrlimit(RLIMIT_CPU, &r) != 0) {
        getrlimit(RLIMIT_CPU, &r);
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_CPU, &r);
    }
    signal(SIGXCPU, SIG_IGN);
    for (volatile unsigned long i = 0;; ++i) {
    }
}
