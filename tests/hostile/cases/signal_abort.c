// abort(): killed by SIGABRT.
// khue-expect: status=signaled signal=6
#include <stdlib.h>
int main(void) {
    abort();
}
