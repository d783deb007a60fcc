// Closes its standard streams, then exits normally: nothing about that is an error.
// khue-expect: status=exited exit_code=0
#include <unistd.h>
int main(void) {
    close(0);
    close(1);
    close(2);
    return 0;
}
