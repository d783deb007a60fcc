// Maps 8 GiB with MAP_NORESERVE (no commit charge) and touches it: only the cgroup can stop this. A refused
// mapping (exit 3) is also a bounded outcome.
// khue-args: --memory 64 --time 4 --wall-time 8
// khue-expect: status=memory_limit|exited exit_code=3
#include "hostile.h"
#include <sys/mman.h>
int main(void) {
    size_t n = (size_t)8 << 30;
    char* p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "mmap refused: %s\n", strerror(errno));
        return 3;
    }
    for (size_t i = 0; i < n; i += 4096) {
        p[i] = 1;
    }
    return 0;
}
