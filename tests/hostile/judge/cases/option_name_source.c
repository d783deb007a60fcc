// khue-judge-problem: hello
// khue-judge-expect: AC
// khue-judge-name: main-E.c
// A file name with a dash inside is an ordinary name: judged normally (names starting with '-' are refused,
// see the judge_tests SourceNames cases; compile argv names sources ./NAME in any case).
#include <stdio.h>
int main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\n", a + b); }
