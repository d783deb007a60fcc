// Touches 40 MiB under a 64 MiB limit: must succeed, and the reported peak must count it.
// khue-args: --memory 64 --time 2
// khue-expect: status=exited exit_code=0 oom_killed=false memory_kib>=40000 memory_kib<=66000
#include "hostile.h"
int main(void) {
    size_t n = (size_t)40 << 20;
    char* p = malloc(n);
    if (p == NULL) {
        return 3;
    }
    memset(p, 1, n);
    keep(p);
    return 0;
}
