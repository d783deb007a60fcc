// Multi-pass output validator for `relay` (Kattis protocol, docs/packages.md):
//   validator input answer feedback_dir < team_output
// Pass 1 checks the digits and writes feedback_dir/nextpass.in ("decode" + the digits) for pass 2; pass 2
// checks the decoded word. The feedback directory persists between passes, so a state file there tells the
// passes apart whichever input file the judge hands over. Exit 42 = accepted, 43 = wrong answer.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr int kAccepted = 42;
constexpr int kWrongAnswer = 43;
constexpr int kJudgeError = 1;
constexpr std::size_t kMaxToken = 4000;  // twice the longest word, with room to spare

std::string g_feedback_dir;

[[noreturn]] void finish(int code, const std::string& message) {
    std::ofstream(g_feedback_dir + "judgemessage.txt", std::ios::app) << message << '\n';
    std::exit(code);
}

// The team output must be exactly one token (surrounding whitespace is fine) of at most kMaxToken bytes.
std::string single_token() {
    std::string token, extra;
    int c = std::cin.get();
    while (c != EOF && std::isspace(c)) c = std::cin.get();
    while (c != EOF && !std::isspace(c)) {
        if (token.size() > kMaxToken) finish(kWrongAnswer, "output token is far too long");
        token.push_back(static_cast<char>(c));
        c = std::cin.get();
    }
    while (c != EOF && std::isspace(c)) c = std::cin.get();
    if (c != EOF) finish(kWrongAnswer, "more than one token in the output");
    if (token.empty()) finish(kWrongAnswer, "empty output");
    return token;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s input answer feedback_dir < team_output\n", argv[0]);
        return kJudgeError;
    }
    g_feedback_dir = argv[3];
    std::string word;
    if (!(std::ifstream(argv[2]) >> word)) finish(kJudgeError, "answer file holds no word");

    const std::string state = g_feedback_dir + "relay_pass1_done";
    if (!std::filesystem::exists(state)) {
        const std::string digits = single_token();
        for (char ch : digits)
            if (ch < '0' || ch > '9') finish(kWrongAnswer, "pass 1: encoding contains a non-digit");
        if (digits.size() > 2 * word.size())
            finish(kWrongAnswer, "pass 1: " + std::to_string(digits.size()) + " digits for a word of " +
                                     std::to_string(word.size()) + " letters (at most twice as many allowed)");
        std::ofstream(g_feedback_dir + "nextpass.in") << "decode\n" << digits << '\n';
        std::ofstream(state) << "1\n";
        finish(kAccepted, "pass 1: " + std::to_string(digits.size()) + " digits");
    }
    const std::string decoded = single_token();
    if (decoded != word) finish(kWrongAnswer, "pass 2: decoded message differs from the original");
    finish(kAccepted, "pass 2: message relayed");
}
