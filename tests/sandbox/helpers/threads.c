/* threads N SECONDS: N threads that each burn SECONDS of their own CPU time (CLOCK_THREAD_CPUTIME_ID), so the
 * run uses at least N * SECONDS of CPU in total. Exits 3 when a thread cannot be created (the box's pids limit
 * counts threads). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds;

static void* burn(void* arg) {
    (void)arg;
    struct timespec ts;
    volatile unsigned long x = 0;
    do {
        for (int i = 0; i < 100000; ++i) {
            x += (unsigned long)i;
        }
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    } while ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9 < seconds);
    return NULL;
}

int main(int argc, char** argv) {
    int n = argc > 1 ? atoi(argv[1]) : 4;
    seconds = argc > 2 ? atof(argv[2]) : 0.3;
    pthread_t t[64];
    if (n < 1 || n > 64) {
        return 2;
    }
    for (int i = 0; i < n; ++i) {
        if (pthread_create(&t[i], NULL, burn, NULL) != 0) {
            printf("thread %d could not be created\n", i);
            return 3;
        }
    }
    for (int i = 0; i < n; ++i) {
        pthread_join(t[i], NULL);
    }
    printf("%d threads done\n", n);
    return 0;
}
