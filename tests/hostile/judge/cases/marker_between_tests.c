// khue-judge-problem: hello
// khue-judge-expect: AC
// Nothing survives from one test case to the next (the problem is not multi-pass): a marker file written in
// the working folder on one test must be gone on the next, even when it hides at the bottom of a folder chain
// deeper than the judge's open-file limit (what wave 1's std::filesystem::remove_all gave up on, silently).
// If a marker is found, the answer is wrong (WA).
#include <fcntl.h>
#include <sys/stat.h>
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
    /* the same, at the bottom of a 3000-deep chain */
    int depth = 0;
    while (depth < 3000 && chdir("c") == 0) ++depth;
    if (depth > 0 && access("marker", F_OK) == 0) {
        puts("leftover at the bottom of an earlier test's folder chain");
        return 0;
    }
    for (; depth < 3000; ++depth) {
        if (mkdir("c", 0700) != 0 || chdir("c") != 0) break;
    }
    fd = open("marker", O_WRONLY | O_CREAT, 0600);
    if (fd >= 0) close(fd);
    printf("%lld\n", a + b);
    return 0;
}
