// System V shared memory outlives the process that made it (until its IPC namespace dies): 128 MiB of it under a
// 64 MiB memory limit must still be charged to the box. A refused segment (exit 0) is also bounded.
// khue-args: --memory 64 --time 4 --wall-time 8
// khue-expect: status=memory_limit|exited exit_code=0
#include "hostile.h"
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
    size_t n = (size_t)128 << 20;
    int id = shmget(IPC_PRIVATE, n, IPC_CREAT | 0600);
    if (id < 0) {
        fprintf(stderr, "shmget refused: %s\n", strerror(errno));
        return 0;
    }
    char* p = shmat(id, NULL, 0);
    if (p == (void*)-1) {
        fprintf(stderr, "shmat refused: %s\n", strerror(errno));
        return 0;
    }
    for (size_t i = 0; i < n; i += 4096) {
        p[i] = 1;
    }
    fprintf(stderr, "ESCAPE: 128 MiB of SysV shared memory under a 64 MiB limit\n");
    return 1;
}
