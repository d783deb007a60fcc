// The runner passes about 1 MiB of arguments and 200 KiB of environment through khue-box: they must arrive intact.
// Then the program execs itself with 64 MiB of arguments, which the kernel must refuse without harm.
// khue-argv: 2000 500
// khue-bigenv: 200 1000
// khue-expect: status=exited exit_code=0
#include "hostile.h"
extern char** environ;
int main(int argc, char** argv) {
    if (argc != 2001) {
        fprintf(stderr, "argc %d, expected 2001\n", argc);
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        if (strlen(argv[i]) != 500) {
            fprintf(stderr, "argv[%d] has length %zu\n", i, strlen(argv[i]));
            return 2;
        }
    }
    int big = 0;
    for (char** e = environ; *e != NULL; ++e) {
        if (strncmp(*e, "BIG", 3) == 0 && strlen(strchr(*e, '=') + 1) == 1000) {
            ++big;
        }
    }
    if (big != 200) {
        fprintf(stderr, "%d of 200 big environment variables arrived\n", big);
        return 2;
    }
    static char chunk[128 * 1024 - 1];
    memset(chunk, 'z', sizeof chunk - 1);
    int n = 512;
    char** huge = calloc((size_t)n + 2, sizeof *huge);
    huge[0] = argv[0];
    for (int i = 1; i <= n; ++i) {
        huge[i] = chunk;
    }
    MUST_FAIL(execve("/proc/self/exe", huge, environ));
    return hostile_verdict();
}
