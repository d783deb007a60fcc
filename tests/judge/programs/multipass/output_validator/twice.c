/* Multi-pass validator: each pass must print twice its input. After pass 1 (no state file in the feedback dir
 * yet) it asks for pass 2 with pass 1's output as input (nextpass.in). Each pass's validator input is the
 * input of that pass. */
#include <stdio.h>
int main(int argc, char** argv) {
    if (argc < 4) return 1;
    FILE* in = fopen(argv[1], "r");
    long n, got;
    if (!in || fscanf(in, "%ld", &n) != 1) return 1;
    char state[4096], next[4096];
    snprintf(state, sizeof state, "%s/state", argv[3]);
    snprintf(next, sizeof next, "%s/nextpass.in", argv[3]);
    FILE* s = fopen(state, "r");
    if (scanf("%ld", &got) != 1 || got != 2 * n) return 43;
    if (!s) {
        FILE* w = fopen(state, "w");
        FILE* np = fopen(next, "w");
        if (!w || !np) return 1;
        fprintf(np, "%ld\n", got);
        fclose(np);
        fclose(w);
    }
    return 42;
}
