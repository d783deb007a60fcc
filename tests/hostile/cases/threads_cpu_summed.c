// Two threads burn CPU until the process has used 1.2 s: cpu_time must sum every thread, not just the main one
// (which burns almost nothing).
// khue-args: --time 4 --wall-time 10
// khue-expect: status=exited exit_code=0 cpu_time>=1.1
// khue-cflags: -pthread
#include "hostile.h"
#include <pthread.h>
static void* burn(void* arg) {
    (void)arg;
    while (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) < 1.2) {
    }
    return NULL;
}
int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, burn, NULL);
    pthread_create(&b, NULL, burn, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
