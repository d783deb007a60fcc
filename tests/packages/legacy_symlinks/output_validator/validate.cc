// Kattis output validator: validate <input> <answer> <feedback_dir> < team_output; 42 = AC, 43 = WA.
#include "validate.h"

int main(int argc, char** argv) {
    if (argc < 4) {
        return 1;
    }
    std::FILE* answer = std::fopen(argv[2], "r");
    if (answer == nullptr) {
        return 1;
    }
    const long long expected = read_integer(answer, 1);
    const long long got = read_integer(stdin, 43);
    char extra = 0;
    if (std::fscanf(stdin, " %c", &extra) == 1) {
        return 43;
    }
    return got == expected ? 42 : 43;
}
