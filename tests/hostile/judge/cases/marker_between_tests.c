// khue-judge-problem: hello
// khue-judge-expect: AC
// Nothing survives from one test case to the next (the problem is not multi-pass): a marker file written in
// the working folder on one test must be gone on the next. If it is found, the answer is wrong (WA).
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    if (access("marker", F_OK) == 0) {
        puts("leftover from an earlier test");
        return 0;
    }
    int fd = open("marker", O_WRONLY | O_CREAT, 0600);
    if (fd >= 0) close(fd);
    printf("%lld\n", a + b);
    return 0;
}
