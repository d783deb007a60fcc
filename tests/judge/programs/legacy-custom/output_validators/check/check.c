/* Kattis-protocol validator: check input answer feedback_dir [flags] < team_output. Accepts iff the team's
 * first number equals the answer's; with the flag `strict`, nothing may follow it. */
#include <stdio.h>
#include <string.h>
int main(int argc, char** argv) {
    if (argc < 4) return 1;
    FILE* ans = fopen(argv[2], "r");
    long want, got;
    if (!ans || fscanf(ans, "%ld", &want) != 1) return 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/judgemessage.txt", argv[3]);
    FILE* msg = fopen(path, "w");
    if (scanf("%ld", &got) != 1) { if (msg) fprintf(msg, "no number\n"); return 43; }
    if (got != want) { if (msg) fprintf(msg, "expected %ld, got %ld\n", want, got); return 43; }
    if (argc > 4 && strcmp(argv[4], "strict") == 0) {
        char rest[2];
        if (scanf(" %1s", rest) == 1) { if (msg) fprintf(msg, "trailing output\n"); return 43; }
    }
    return 42;
}
