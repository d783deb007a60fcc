// A minimal testlib-compatible header written for Khue's Polygon import fixture: the subset of testlib's
// checker interface that files/check.cpp uses (registerTestlibCmd, inf/ouf/ans, readLong, seekEof, quitf),
// with testlib's exit codes (0 ok, 1 wrong answer, 2 presentation error, 3 checker failure). It is not
// testlib.h and does not try to be; real Polygon packages ship the real one.
#pragma once

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

enum TResult { _ok = 0, _wa = 1, _pe = 2, _fail = 3 };

[[noreturn]] inline void quitf(TResult result, const char* format, ...) {
    static const char* const names[] = {"ok", "wrong answer", "wrong output format", "FAIL"};
    std::fprintf(stderr, "%s ", names[result]);
    va_list args;
    va_start(args, format);
    std::vfprintf(stderr, format, args);
    va_end(args);
    std::fputc('\n', stderr);
    std::exit(result);
}

class InStream {
  public:
    void open(const char* path, TResult on_error) {
        file_ = std::fopen(path, "r");
        on_error_ = on_error;
        if (file_ == nullptr) {
            quitf(_fail, "cannot open %s", path);
        }
    }
    long long readLong() {
        long long value = 0;
        if (std::fscanf(file_, "%lld", &value) != 1) {
            quitf(on_error_, "expected an integer");
        }
        return value;
    }
    int readInt() { return static_cast<int>(readLong()); }
    bool seekEof() {
        int c;
        while ((c = std::fgetc(file_)) != EOF) {
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                std::ungetc(c, file_);
                return false;
            }
        }
        return true;
    }

  private:
    std::FILE* file_ = nullptr;
    TResult on_error_ = _fail;
};

inline InStream inf, ouf, ans;

inline void registerTestlibCmd(int argc, char* argv[]) {
    if (argc < 4) {
        quitf(_fail, "usage: check input output answer");
    }
    inf.open(argv[1], _fail);
    ouf.open(argv[2], _pe);
    ans.open(argv[3], _fail);
}
