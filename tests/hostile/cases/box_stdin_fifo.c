// The same trap on the input side: opening a FIFO for reading blocks until a writer comes.
// khue-expect: status=exited exit_code=0
// khue-then: --stdin {box}/in.txt -- /bin/cat
// khue-then-expect: status=sandbox_error|exited
// khue-timeout: 15
#include "hostile.h"
int main(void) {
    unlink("/box/in.txt");
    if (mkfifo("/box/in.txt", 0666) != 0) {
        fprintf(stderr, "mkfifo: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
