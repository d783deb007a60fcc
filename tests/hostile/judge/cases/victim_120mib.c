// khue-judge-problem: hello
// khue-judge-expect: AC
// An honest solution that touches 120 MiB (the problem allows 256 MiB) before answering. Judged right after a
// poison case: it must not pay for what the poison left behind.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    size_t size = (size_t)120 << 20;
    char* p = malloc(size);
    if (p == NULL) return 2;
    memset(p, 1, size);
    long long sum = 0;
    for (size_t i = 0; i < size; i += 4096) sum += p[i];
    printf("%lld\n", a + b + (sum == (long long)(size / 4096) ? 0 : 1));
    return 0;
}
