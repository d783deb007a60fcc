// khue-judge-problem: hello
// khue-judge-expect: AC
// khue-judge-then: victim_120mib.c AC
// The poison half of a pair: each run leaves in its box a chain of folders far deeper than the open-file limit
// (std::filesystem::remove_all gives up on it) and 140 MiB of files (7 MiB each: the problem's output limit
// is 8 MiB), then answers correctly. In wave 1 the
// leftovers survived, stayed charged to the slot's memory cgroup, and turned the next honest 120 MiB solution
// from AC into MLE. The victim (victim_120mib.c) is judged right after and must stay AC.
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    signal(SIGXFSZ, SIG_IGN);
    static char chunk[1 << 20];
    memset(chunk, 'p', sizeof chunk);
    for (int f = 0; f < 20; ++f) {
        char name[32];
        snprintf(name, sizeof name, "big%d", f);
        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) break;
        for (int i = 0; i < 7; ++i) {
            if (write(fd, chunk, sizeof chunk) < 0) break;
        }
        close(fd);
    }
    for (int i = 0; i < 5000; ++i) {
        if (mkdir("d", 0700) != 0 || chdir("d") != 0) break;
    }
    int m = open("marker", O_WRONLY | O_CREAT, 0600);
    if (m >= 0) close(m);
    printf("%lld\n", a + b);
    return 0;
}
