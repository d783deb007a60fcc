// Interactive validator for `guess` (Kattis protocol, docs/packages.md):
//   validator input answer feedback_dir < submission_stdout > submission_stdin
// It reads "N X" from the input file, sends N, then answers at most kMaxQueries questions "? y" with "<", ">"
// or "=". Exit 42 = accepted, 43 = wrong answer; anything else is a judge error.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

constexpr int kAccepted = 42;
constexpr int kWrongAnswer = 43;
constexpr int kJudgeError = 1;
constexpr int kMaxQueries = 30;

std::string g_feedback_dir;

[[noreturn]] void finish(int code, const std::string& message) {
    std::ofstream(g_feedback_dir + "judgemessage.txt", std::ios::app) << message << '\n';
    std::exit(code);
}

// One line from the submission, at most 64 characters kept; false at end of input.
bool read_line(std::string& line) {
    line.clear();
    int c = std::getchar();
    if (c == EOF) return false;
    while (c != EOF && c != '\n') {
        if (line.size() < 64) line.push_back(static_cast<char>(c));
        c = std::getchar();
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

// "? y" with y a canonical decimal integer in [1, n].
bool parse_query(const std::string& line, long long n, long long& y) {
    if (line.size() < 3 || line[0] != '?' || line[1] != ' ') return false;
    const std::string digits = line.substr(2);
    if (digits.empty() || digits.size() > 10 || digits[0] == '0') return false;
    for (char c : digits)
        if (c < '0' || c > '9') return false;
    y = std::atoll(digits.c_str());
    return y >= 1 && y <= n;
}

void send(const char* text) {
    // A submission that already exited makes this write fail; that is its problem, reported below as WA.
    std::fputs(text, stdout);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s input answer feedback_dir\n", argv[0]);
        return kJudgeError;
    }
    // Writing to a submission that has exited must not kill the validator (which would be a judge error).
    std::signal(SIGPIPE, SIG_IGN);
    g_feedback_dir = argv[3];

    std::ifstream input(argv[1]);
    long long n = 0, secret = 0;
    if (!(input >> n >> secret) || n < 1 || secret < 1 || secret > n)
        finish(kJudgeError, "input file must hold N and 1 <= X <= N");

    send((std::to_string(n) + "\n").c_str());
    std::string line;
    for (int query = 1;; ++query) {
        if (!read_line(line))
            finish(kWrongAnswer, "submission stopped after " + std::to_string(query - 1) + " questions without finding X");
        long long y = 0;
        if (!parse_query(line, n, y)) finish(kWrongAnswer, "question " + std::to_string(query) + " is malformed: '" + line + "'");
        if (query > kMaxQueries)
            finish(kWrongAnswer, "more than " + std::to_string(kMaxQueries) + " questions");
        if (y == secret) {
            send("=\n");
            // The game is over: anything else the submission prints is a protocol violation.
            if (read_line(line)) finish(kWrongAnswer, "output after '=': '" + line + "'");
            finish(kAccepted, "found X = " + std::to_string(secret) + " with " + std::to_string(query) + " questions");
        }
        send(secret < y ? "<\n" : ">\n");
    }
}
