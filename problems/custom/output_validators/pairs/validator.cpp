// Output validator for `custom` (Kattis protocol, docs/packages.md):
//   validator input answer feedback_dir [ordered] < team_output
// Exit 42 = accepted, 43 = wrong answer; any other exit is a judge error. The reason for a rejection goes to
// feedback_dir/judgemessage.txt. The answer file only tells whether a pair exists: any valid pair is accepted.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kAccepted = 42;
constexpr int kWrongAnswer = 43;
constexpr int kJudgeError = 1;

std::string g_feedback_dir;

[[noreturn]] void finish(int code, const std::string& message) {
    std::ofstream(g_feedback_dir + "judgemessage.txt", std::ios::app) << message << '\n';
    std::exit(code);
}

// Reads one whitespace-delimited token of at most 32 characters, so a flood of garbage cannot exhaust memory.
bool read_token(std::istream& in, std::string& token) {
    token.clear();
    int c = in.get();
    while (c != EOF && std::isspace(c)) c = in.get();
    while (c != EOF && !std::isspace(c)) {
        if (token.size() >= 32) return true;  // over-long: reported by the caller as not a number
        token.push_back(static_cast<char>(c));
        c = in.get();
    }
    return !token.empty();
}

bool parse_index(const std::string& token, long long n, long long& value) {
    if (token.empty() || token.size() > 9) return false;
    for (char c : token)
        if (c < '0' || c > '9') return false;
    value = std::atoll(token.c_str());
    return value >= 1 && value <= n;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s input answer feedback_dir [ordered] < team_output\n", argv[0]);
        return kJudgeError;
    }
    g_feedback_dir = argv[3];
    bool ordered = false;
    for (int i = 4; i < argc; ++i) {
        if (std::string(argv[i]) == "ordered") ordered = true;
        else finish(kJudgeError, std::string("unknown validator argument '") + argv[i] + "'");
    }

    std::ifstream input(argv[1]);
    long long n = 0, target = 0;
    if (!(input >> n >> target) || n < 2) finish(kJudgeError, "cannot read N and T from the input file");
    std::vector<long long> price(static_cast<std::size_t>(n) + 1);
    for (long long i = 1; i <= n; ++i)
        if (!(input >> price[static_cast<std::size_t>(i)])) finish(kJudgeError, "input file is truncated");

    std::ifstream answer(argv[2]);
    std::string judge_first;
    if (!(answer >> judge_first)) finish(kJudgeError, "answer file is empty");
    const bool judge_has_pair = judge_first != "impossible";

    std::string first, second, extra;
    if (!read_token(std::cin, first)) finish(kWrongAnswer, "no output");
    if (first == "impossible" || first == "IMPOSSIBLE" || first == "Impossible") {
        if (read_token(std::cin, extra)) finish(kWrongAnswer, "extra output after 'impossible': '" + extra + "'");
        if (judge_has_pair) finish(kWrongAnswer, "team says impossible, but the judge has a pair");
        finish(kAccepted, "correctly reported impossible");
    }
    long long i = 0, j = 0;
    if (!parse_index(first, n, i)) finish(kWrongAnswer, "first token '" + first + "' is not a book index in 1..N");
    if (!read_token(std::cin, second)) finish(kWrongAnswer, "only one index printed");
    if (!parse_index(second, n, j)) finish(kWrongAnswer, "second token '" + second + "' is not a book index in 1..N");
    if (read_token(std::cin, extra)) finish(kWrongAnswer, "extra output after the pair: '" + extra + "'");
    if (i == j) finish(kWrongAnswer, "the same book " + std::to_string(i) + " was taken twice");
    if (ordered && i > j) finish(kWrongAnswer, "indices not in increasing order: " + first + " " + second);
    const long long sum = price[static_cast<std::size_t>(i)] + price[static_cast<std::size_t>(j)];
    if (sum != target) {
        std::ostringstream message;
        message << "books " << i << " and " << j << " cost " << sum << ", not " << target;
        finish(kWrongAnswer, message.str());
    }
    // A valid pair where the judge found none means the judge data is wrong, not the team.
    if (!judge_has_pair) finish(kJudgeError, "team found a valid pair but the answer file says impossible");
    finish(kAccepted, "valid pair");
}
