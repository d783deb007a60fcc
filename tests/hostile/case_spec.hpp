// The header format of a hostile case file: what to pass to khue-box, what the result must say and which host
// checks apply. The format is documented in tests/hostile/README.md; every directive sits in a comment line
// (`//` or `#`) of the form `khue-<name>: <value>`.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace khue::hostile {

// A malformed case file; the message starts with "file:line:".
class CaseFormatError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class Language { C, Shell, Python };

enum class Op { Eq, Ne, Ge, Le, Gt, Lt };

// One `key OP value[|value...]` term of an expectation or a host check.
struct Term {
    std::string key;
    Op op = Op::Eq;
    std::vector<std::string> values;  // alternatives for = and !=, exactly one value otherwise
    std::string text;                 // as written, for messages
};

// `count` strings of `length` characters, for huge argv/environment cases.
struct Fill {
    int count = 0;
    int length = 0;
};

struct RunSpec {
    std::vector<std::string> args;  // khue-box options, with {placeholders}; may end with "-- PROGRAM ARGS"
    std::vector<Term> expect;       // on the result (and khue-box's exit status as `box_exit`)
    std::vector<Term> checks;       // on the host after the run: stdout-size<=N, stdout-lacks=TEXT, ...
};

struct CaseSpec {
    std::filesystem::path source;
    std::string name;  // the file name with '.' replaced, a valid GoogleTest name
    Language language = Language::C;
    RunSpec first;
    std::optional<RunSpec> then;  // a second run in the same box folder, e.g. after planting a symlink
    std::set<std::string> host;   // runner fixtures: listener, victim, pty-stdin
    std::vector<std::string> cflags;
    std::optional<Fill> argv_fill;
    std::optional<Fill> env_fill;
    std::vector<std::string> box_env;  // NAME=VALUE added to khue-box's own environment
    std::chrono::seconds timeout{30};  // per khue-box invocation, after which the runner kills it
};

CaseSpec parse_case(const std::filesystem::path& file);

// Splits at spaces; double quotes group words ("echo a; echo b" is one word). Throws CaseFormatError on an
// unterminated quote, naming `where`.
std::vector<std::string> split_words(std::string_view text, std::string_view where);

// Parses "status=a|b exit_code=0 cpu_time>=1.5" into terms. Throws CaseFormatError naming `where`.
std::vector<Term> parse_terms(std::string_view text, std::string_view where);

// `actual OP wanted` for the comparison operators (= and != compare exactly).
bool compare(double actual, Op op, double wanted);

// What one khue-box invocation produced, as far as expectations are concerned.
struct Outcome {
    int box_exit = -1;                          // khue-box's own exit status
    std::map<std::string, std::string> fields;  // the result JSON's scalar fields as text; empty if none
    bool has_result = false;
};

// Every term the outcome does not meet, as readable sentences; empty when all hold. The status of an outcome
// without a result is taken as `sandbox_error` when khue-box exited 1; exit_code is checked only for status
// `exited` and signal only for `signaled`.
std::vector<std::string> unmet_terms(const std::vector<Term>& terms, const Outcome& outcome);

}  // namespace khue::hostile
