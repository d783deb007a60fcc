// Threads: C/C++ solutions may use threads (std::thread, OpenMP); the CPU time of every thread counts, so four
// threads that each burn 0.3 s of their own CPU time must be charged at least 1.2 s, and the pids limit counts
// threads (here it allows them).
// khue-cflags: -pthread
// khue-args: --processes 8 --time 10 --wall-time 30
// khue-expect: status=exited exit_code=0 cpu_time>=1.2
#include "hostile.h"
#include <pthread.h>
static void* burn(void* arg) {
    (void)arg;
    volatile unsigned long x = 0;
    while (cpu_seconds(CLOCK_THREAD_CPUTIME_ID) < 0.3) {
        for (int i = 0; i < 100000; ++i) {
            x += (unsigned long)i;
        }
    }
    return NULL;
}
int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; ++i) {
        if (pthread_create(&t[i], NULL, burn, NULL) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 2;
        }
    }
    for (int i = 0; i < 4; ++i) {
        pthread_join(t[i], NULL);
    }
    return 0;
}
