// A thread bomb: threads count against the pids limit like processes, so creating threads without end must stop
// at --processes and the box must end normally (the program sees pthread_create fail).
// khue-cflags: -pthread
// khue-args: --processes 16
// khue-expect: status=exited exit_code=0
#include "hostile.h"
#include <pthread.h>
static void* park(void* arg) {
    (void)arg;
    pause();
    return NULL;
}
int main(void) {
    int made = 0;
    for (int i = 0; i < 100000; ++i) {
        pthread_t t;
        if (pthread_create(&t, NULL, park, NULL) != 0) {
            break;
        }
        made++;
    }
    if (made >= 16) {
        fprintf(stderr, "ESCAPE: %d threads created with --processes 16\n", made);
        return 1;
    }
    fprintf(stderr, "held: %d threads, then pthread_create failed\n", made);
    return 0;
}
