// Shared by validate.cc: reads one integer or reports a wrong answer.
#pragma once
#include <cstdio>
#include <cstdlib>

inline long long read_integer(std::FILE* in, int reject_code) {
    long long x = 0;
    if (std::fscanf(in, "%lld", &x) != 1) {
        std::exit(reject_code);
    }
    return x;
}
