// Four threads spin forever: the CPU limit applies to their sum, so the run ends after about 1 s of CPU even
// though each thread alone has used much less.
// khue-args: --time 1 --wall-time 15
// khue-expect: status=time_limit cpu_time>=0.95 cpu_time<2.5
// khue-cflags: -pthread
#include <pthread.h>
static void* spin(void* arg) {
    (void)arg;
    for (volatile unsigned long i = 0;; ++i) {
    }
    return NULL;
}
int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; ++i) {
        pthread_create(&t[i], NULL, spin, NULL);
    }
    pthread_join(t[0], NULL);
    return 0;
}
