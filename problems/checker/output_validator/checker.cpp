// testlib-protocol checker for `checker` (docs/packages.md, testlib checkers), written without testlib:
//   checker <input> <team_output> <answer>
// Exit 0 = ok, 1 = wrong answer, 2 = presentation error, 3 = checker failure (a judge error). The message goes
// to stderr. The answer file holds one optimal payment; only its coin count is used, so any optimal payment
// is accepted, and a payment with fewer coins than the judge's exposes wrong judge data (exit 3).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>

namespace {

enum Outcome { kOk = 0, kWrongAnswer = 1, kPresentationError = 2, kFail = 3 };

[[noreturn]] void quit(Outcome outcome, const std::string& message) {
    static const char* const kNames[] = {"ok", "wrong answer", "presentation error", "FAIL"};
    std::fprintf(stderr, "%s: %s\n", kNames[outcome], message.c_str());
    std::exit(outcome);
}

// A whitespace-separated token reader over one file; tokens are capped at 24 characters so that megabytes of
// garbage in the team output cannot exhaust the checker.
class Tokens {
  public:
    Tokens(const char* path, Outcome malformed) : in_(path), malformed_(malformed) {
        if (!in_) quit(kFail, std::string("cannot open ") + path);
    }

    bool next(std::string& token) {
        token.clear();
        int c = in_.get();
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = in_.get();
        while (c != EOF && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            if (token.size() < 24) token.push_back(static_cast<char>(c));
            c = in_.get();
        }
        return !token.empty();
    }

    // An integer token in [lo, hi]; a token that is not an integer is a format error of this stream.
    long long integer(const char* what, long long lo, long long hi) {
        std::string token;
        if (!next(token)) quit(malformed_ == kFail ? kFail : kWrongAnswer, std::string("missing ") + what);
        std::size_t start = token[0] == '-' ? 1 : 0;
        bool digits = start < token.size() && token.size() <= 18;
        for (std::size_t i = start; digits && i < token.size(); ++i) digits = token[i] >= '0' && token[i] <= '9';
        if (!digits) quit(malformed_, std::string(what) + ": expected an integer, got '" + token + "'");
        long long value = std::atoll(token.c_str());
        if (value < lo || value > hi)
            quit(malformed_ == kFail ? kFail : kWrongAnswer,
                 std::string(what) + " = " + token + " is outside [" + std::to_string(lo) + ", " +
                     std::to_string(hi) + "]");
        return value;
    }

    bool at_end() {
        std::string token;
        return !next(token);
    }

  private:
    std::ifstream in_;
    Outcome malformed_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s input team_output answer\n", argv[0]);
        return kFail;
    }
    Tokens input(argv[1], kFail);
    Tokens team(argv[2], kPresentationError);
    Tokens answer(argv[3], kFail);

    const long long n = input.integer("N", 1, 8);
    const long long amount = input.integer("S", 1, 50000);
    std::set<long long> values;
    for (long long i = 0; i < n; ++i) values.insert(input.integer("coin value", 1, 50000));

    const long long judge_count = answer.integer("judge coin count", -1, 50000);
    const long long team_count = team.integer("coin count", -1, 50000);
    if (team_count == 0) quit(kWrongAnswer, "zero coins cannot pay a positive amount");

    if (team_count == -1) {
        if (!team.at_end()) quit(kPresentationError, "extra output after -1");
        if (judge_count != -1) quit(kWrongAnswer, "team says impossible, judge pays with " + std::to_string(judge_count) + " coins");
        quit(kOk, "correctly impossible");
    }

    long long sum = 0;
    for (long long i = 0; i < team_count; ++i) {
        const long long coin = team.integer("coin", 1, 50000);
        if (values.count(coin) == 0) quit(kWrongAnswer, "coin " + std::to_string(coin) + " does not exist");
        sum += coin;
    }
    if (!team.at_end()) quit(kPresentationError, "extra output after the coins");
    if (sum != amount) quit(kWrongAnswer, "coins add up to " + std::to_string(sum) + ", not " + std::to_string(amount));
    if (judge_count == -1) quit(kFail, "team paid exactly but the judge says it is impossible");
    if (team_count > judge_count)
        quit(kWrongAnswer, std::to_string(team_count) + " coins, but " + std::to_string(judge_count) + " suffice");
    if (team_count < judge_count)
        quit(kFail, "team needs only " + std::to_string(team_count) + " coins, judge " + std::to_string(judge_count));
    quit(kOk, std::to_string(team_count) + " coins");
}
