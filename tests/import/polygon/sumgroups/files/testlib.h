// A minimal testlib-compatible header written for Khue's Polygon import fixtures (the same file in each):
// the subset of testlib's interface that the fixtures' checkers, interactors and validators use, with
// testlib's exit codes (0 ok, 1 wrong answer, 2 presentation error, 3 failure; a validator exits 3 on an
// invalid input). It is not testlib.h and does not try to be; real Polygon packages ship the real one.
//   checker:    registerTestlibCmd(argc, argv)   inf, ouf, ans read from the files argv[1..3]
//   interactor: registerInteraction(argc, argv)  inf = argv[1], tout writes argv[2], ouf = the program's
//               output (our stdin); what we print on stdout is the program's input
//   validator:  registerValidation(argc, argv)   inf = stdin, read strictly (every space and newline)
#pragma once

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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
    void open(std::FILE* file, const char* name, TResult on_error, bool strict) {
        file_ = file;
        name_ = name;
        on_error_ = on_error;
        strict_ = strict;
        if (file_ == nullptr) {
            quitf(_fail, "cannot open %s", name);
        }
    }
    void open(const char* path, TResult on_error) { open(std::fopen(path, "r"), path, on_error, false); }

    long long readLong() {
        if (!strict_) {
            skip_blanks();
        }
        std::string token;
        int c = std::fgetc(file_);
        if (c == '-') {
            token += '-';
            c = std::fgetc(file_);
        }
        while (c >= '0' && c <= '9' && token.size() < 20) {
            token += static_cast<char>(c);
            c = std::fgetc(file_);
        }
        if (c != EOF) {
            std::ungetc(c, file_);
        }
        const std::string digits = token.substr(token[0] == '-' ? 1 : 0);
        if (digits.empty() || (strict_ && digits[0] == '0' && token != "0")) {
            quitf(on_error_, "%s: line %d: expected an integer, got '%s'", name_, line_, token.c_str());
        }
        return std::strtoll(token.c_str(), nullptr, 10);
    }
    long long readLong(long long min, long long max, const char* what) {
        const long long value = readLong();
        if (value < min || value > max) {
            quitf(on_error_, "%s: line %d: %s = %lld is not in [%lld, %lld]", name_, line_, what, value, min, max);
        }
        return value;
    }
    int readInt() { return static_cast<int>(readLong(-2147483648LL, 2147483647LL, "integer")); }
    int readInt(int min, int max, const char* what) { return static_cast<int>(readLong(min, max, what)); }
    void readSpace() { expect(' ', "a space"); }
    void readEoln() {
        expect('\n', "the end of the line");
        ++line_;
    }
    void readEof() {
        if (std::fgetc(file_) != EOF) {
            quitf(on_error_, "%s: line %d: expected the end of the file", name_, line_);
        }
    }
    bool seekEof() {
        skip_blanks();
        const int c = std::fgetc(file_);
        if (c == EOF) {
            return true;
        }
        std::ungetc(c, file_);
        return false;
    }

  private:
    void skip_blanks() {
        int c;
        while ((c = std::fgetc(file_)) == ' ' || c == '\n' || c == '\r' || c == '\t') {
            line_ += c == '\n';
        }
        if (c != EOF) {
            std::ungetc(c, file_);
        }
    }
    void expect(int wanted, const char* what) {
        if (std::fgetc(file_) != wanted) {
            quitf(on_error_, "%s: line %d: expected %s", name_, line_, what);
        }
    }

    std::FILE* file_ = nullptr;
    const char* name_ = "";
    TResult on_error_ = _fail;
    bool strict_ = false;
    int line_ = 1;
};

inline InStream inf, ouf, ans;
inline std::ofstream tout;

inline void registerTestlibCmd(int argc, char* argv[]) {
    if (argc < 4) {
        quitf(_fail, "usage: check input output answer");
    }
    inf.open(argv[1], _fail);
    ouf.open(argv[2], _pe);
    ans.open(argv[3], _fail);
}

inline void registerInteraction(int argc, char* argv[]) {
    if (argc < 3) {
        quitf(_fail, "usage: interactor input output_log [answer]");
    }
    inf.open(argv[1], _fail);
    ouf.open(stdin, "the program's output", _pe, false);
    tout.open(argv[2]);
    if (!tout) {
        quitf(_fail, "cannot write %s", argv[2]);
    }
    if (argc > 3) {
        ans.open(argv[3], _fail);
    }
}

inline void registerValidation(int, char*[]) { inf.open(stdin, "input", _fail, true); }
