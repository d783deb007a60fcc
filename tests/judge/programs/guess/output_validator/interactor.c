/* Kattis interactive validator: reads the secret from the input file, answers each guess on stdout. */
#include <stdio.h>
int main(int argc, char** argv) {
    if (argc < 4) return 1;
    FILE* in = fopen(argv[1], "r");
    int secret, guess;
    if (!in || fscanf(in, "%d", &secret) != 1) return 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/judgemessage.txt", argv[3]);
    for (int i = 1; i <= 7; ++i) {
        if (scanf("%d", &guess) != 1) {
            FILE* msg = fopen(path, "w");
            if (msg) fprintf(msg, "no guess %d\n", i);
            return 43;
        }
        if (guess == secret) { printf("=\n"); fflush(stdout); return 42; }
        printf(guess < secret ? "<\n" : ">\n");
        fflush(stdout);
    }
    FILE* msg = fopen(path, "w");
    if (msg) fprintf(msg, "too many guesses\n");
    return 43;
}
