// Creates sleeping threads until pthread_create fails: threads count against the process limit.
// khue-args: --processes 16 --time 2 --wall-time 4 --memory 256
// khue-expect: status=exited exit_code=0
// khue-cflags: -pthread
#include "hostile.h"
#include <pthread.h>
static void* sleeper(void* arg) {
    (void)arg;
    for (;;) {
        pause();
    }
    return NULL;
}
int main(void) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    int made = 0;
    for (; made < 4096; ++made) {
        pthread_t t;
        int err = pthread_create(&t, &attr, sleeper, NULL);
        if (err != 0) {
            fprintf(stderr, "pthread_create failed after %d threads (%s)\n", made, strerror(err));
            _exit(made < 16 ? 0 : 1);
        }
    }
    fprintf(stderr, "ESCAPE: created %d threads under --processes 16\n", made);
    _exit(1);
}
