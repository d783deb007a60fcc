/* fake: rte */
#include <stdlib.h>
int main(void) {
    abort();
}
