/* testlib-protocol checker without testlib.h: checker input output answer; exit 0 ok, 1 wrong answer,
 * 3 checker failure; message on stderr. */
#include <stdio.h>
int main(int argc, char** argv) {
    if (argc < 4) { fprintf(stderr, "usage: checker input output answer\n"); return 3; }
    FILE* out = fopen(argv[2], "r");
    FILE* ans = fopen(argv[3], "r");
    long want, got;
    if (!ans || fscanf(ans, "%ld", &want) != 1) { fprintf(stderr, "bad answer file\n"); return 3; }
    if (!out || fscanf(out, "%ld", &got) != 1) { fprintf(stderr, "wrong answer: no number\n"); return 1; }
    if (got != want) { fprintf(stderr, "wrong answer: expected %ld, found %ld\n", want, got); return 1; }
    fprintf(stderr, "ok %ld\n", got);
    return 0;
}
