/* Shared by the hostile C cases (not a case itself). A case reports an escape by exiting 1 after printing
 * "ESCAPE: ..." to stderr, so the runner's `exit_code=0` expectation fails with the reason in the log. */
#ifndef KHUE_HOSTILE_H
#define KHUE_HOSTILE_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

static int hostile_escapes;

/* The call must fail (return < 0); a success is an escape. */
#define MUST_FAIL(expr)                                                                  \
    do {                                                                                 \
        errno = 0;                                                                       \
        long r_ = (long)(expr);                                                          \
        if (r_ >= 0) {                                                                   \
            fprintf(stderr, "ESCAPE: %s returned %ld\n", #expr, r_);                     \
            hostile_escapes++;                                                           \
        } else {                                                                         \
            fprintf(stderr, "held: %s failed (%s)\n", #expr, strerror(errno));           \
        }                                                                                \
    } while (0)

/* The path must not be openable for reading. */
static void must_not_read(const char* path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char buf[64];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0 || n == 0) {
            fprintf(stderr, "ESCAPE: read %s (%zd bytes)\n", path, n);
            hostile_escapes++;
        }
        close(fd);
    } else {
        fprintf(stderr, "held: open %s failed (%s)\n", path, strerror(errno));
    }
}

/* Makes the memory behind `p` observable, so the compiler cannot drop a malloc+memset whose result is never read
 * (it does, at -O1, and then a memory case measures nothing). */
static inline void keep(const void* p) {
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

static int hostile_verdict(void) {
    return hostile_escapes == 0 ? 0 : 1;
}

/* Burn CPU until this thread (or the whole process) has used `seconds` of it. */
#include <time.h>
static double cpu_seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
#endif
