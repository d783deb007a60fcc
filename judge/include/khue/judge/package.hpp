// The problem package model (Kattis problem package format, versions legacy and 2025-09; docs/packages.md) and
// its loader. Configuration is parsed once, here, into these typed structs: nothing downstream sees YAML.
//
// Loading is strict about what a judge needs (a missing .ans, a limit that is not a number, an unknown
// default-validator flag are errors) and lenient about the rest (unknown keys become warnings).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "khue/judge/expectations.hpp"
#include "khue/judge/types.hpp"
#include "khue/judge/zip.hpp"

namespace khue::judge {

// A package problem: `what()` reads "problem.yaml:12: limits.time_limit: expected a number, got 'abc'".
class PackageError : public std::runtime_error {
  public:
    PackageError(std::filesystem::path file, int line, std::string message);
    const std::filesystem::path& file() const { return file_; }  // relative to the package root
    int line() const { return line_; }                           // 1-based; 0 when not about a line
    const std::string& message() const { return message_; }

  private:
    std::filesystem::path file_;
    int line_;
    std::string message_;
};

struct PackageWarning {
    std::filesystem::path file;  // relative to the package root
    int line = 0;                // 1-based; 0 when not about a line
    std::string message;
    std::string to_string() const;  // "data/secret/testdata.yaml:3: unknown key 'foo' ignored"
};

enum class FormatVersion { Legacy, V2025_09 };

// A validator or example submission: one source file, or a directory of sources (which may carry `build`
// and `run` scripts).
struct Program {
    std::filesystem::path path;
    bool is_directory = false;
    std::string name;  // base name of the file or directory
};

enum class OnReject { Break, Continue };
// Legacy grader_flags: how a group's verdict follows from its children's.
enum class VerdictAggregation { FirstError, WorstError, AlwaysAccept };
// 2025-09 score_aggregation (pass-fail, sum, min) and legacy grader_flags (sum, avg, min, max).
enum class ScoreAggregation { PassFail, Sum, Min, Max, Avg };

// Effective settings of one test group after inheritance (legacy testdata.yaml is inherited by subgroups;
// 2025-09 test_group.yaml is not, except for the *_args and full_feedback defaults of test cases).
struct GroupSettings {
    OnReject on_reject = OnReject::Break;
    VerdictAggregation verdict_aggregation = VerdictAggregation::WorstError;  // the default grader's
    ScoreAggregation score_aggregation = ScoreAggregation::Sum;
    bool accept_if_any_accepted = false;  // legacy
    bool ignore_sample = false;           // legacy, meaningful on the root group
    bool custom_grading = false;          // legacy `grading: custom`; Khue grades with the default grader
    double accept_score = 1.0;            // legacy: score of an accepted case without score.txt
    double reject_score = 0.0;            // legacy: score of a rejected case
    std::optional<double> max_score;      // 2025-09; nullopt = unbounded (or legacy, where there is none)
    std::optional<std::pair<double, double>> range;  // legacy `range: min max`
    std::vector<std::string> require_pass;           // 2025-09 group names ("sample", "secret/group1")
    std::vector<std::string> args;                   // 2025-09 submission command-line args
    std::vector<std::string>
        output_validator_args;  // as given in this group's file (already inherited, legacy)
    std::vector<std::string> input_validator_args;
    bool full_feedback = false;
};

struct TestCase {
    std::string name;   // path below data/ without extension: "secret/group1/03"
    std::string group;  // name of the group that holds it: "secret/group1"
    std::filesystem::path input;
    std::filesystem::path answer;
    std::optional<std::filesystem::path> interaction;  // .interaction (samples of interactive problems)
    std::optional<std::filesystem::path> files;        // .files directory (2025-09)
    std::vector<std::string> args;                     // submission args (2025-09 case .yaml / group)
    // Everything the output validator gets after the feedback dir: legacy validator_flags, then the group's
    // output_validator_flags/output_validator_args, then the case's own .yaml.
    std::vector<std::string> output_validator_args;
    std::vector<std::string> input_validator_args;
    bool full_feedback = false;
};

struct TestGroup {
    std::string name;  // "" for data/ itself, then "sample", "secret", "secret/group1", ...
    std::filesystem::path directory;
    GroupSettings settings;
    std::vector<TestCase> cases;    // lexicographic by name
    std::vector<TestGroup> groups;  // lexicographic by name
};

struct ProblemLimits {
    std::optional<Seconds> time_limit;  // 2025-09 explicit limit (or legacy DOMjudge .timelimit file)
    // Legacy: limit = slowest accepted × time_multiplier; TLE submissions must exceed limit × safety margin.
    double time_multiplier = 5.0;
    double time_safety_margin = 2.0;
    // 2025-09.
    double ac_to_time_limit = 2.0;
    double time_limit_to_tle = 1.5;
    Seconds time_resolution{1.0};
    Bytes memory = mib(2048);
    Bytes output = mib(8);
    Bytes code = kib(128);
    Seconds compilation_time{60.0};
    Bytes compilation_memory = mib(2048);
    Seconds validation_time{60.0};
    Bytes validation_memory = mib(2048);
    Bytes validation_output = mib(8);
    int validation_passes = 2;
};

// How Khue talks to the custom output validator. Testlib, Themis and CMS are chosen with the Khue extension key
// in problem.yaml, `khue: {checker_protocol: testlib}` (judge/PACKAGES.md).
// Cms: `checker input answer output`, score in [0,1] on stdout. Testlib on an interactive problem: a testlib
// interactor.
enum class CheckerProtocol { Default, Kattis, Testlib, Themis, Cms };

// `khue: {file_io: {input: TASK.INP, output: TASK.OUT}}`: the program reads `input` and writes `output` in
// its working folder instead of standard input and output (judge/PACKAGES.md). Both are plain file names.
struct FileIo {
    std::string input;
    std::string output;
};

enum class TimeLimitUse { None, Lower, Upper };

struct ExampleSubmission {
    std::string name;    // path below submissions/: "accepted/sol.cpp"
    std::string folder;  // "accepted"
    Program program;
    Expectation expectation;
    std::optional<std::string> language;    // submissions.yaml `language`
    std::optional<std::string> entrypoint;  // submissions.yaml `entrypoint`
    // Lower: bounds the time limit from below (never allowed TLE); Upper: must TLE somewhere.
    TimeLimitUse use_for_time_limit = TimeLimitUse::None;
    // A malformed annotation in a source (@EXPECTED_RESULTS@, @EXPECTED_SCORE@): "file: why". Only `verify`
    // cares: there the submission fails with this message; elsewhere it is a warning and nothing more.
    std::vector<std::string> expectation_errors;
};

struct Problem {
    std::filesystem::path root;  // the package directory (the extraction directory for a zip)
    std::string short_name;      // directory (or zip) base name
    FormatVersion version = FormatVersion::Legacy;
    std::string version_text;                  // as written: "legacy", "2023-07-draft", "2025-09", ...
    std::map<std::string, std::string> names;  // language code -> name; a plain string is stored as "en"
    std::optional<std::string> uuid;
    std::string source;
    std::string license;
    std::vector<std::string> authors;

    bool scoring = false;
    bool interactive = false;
    bool multi_pass = false;
    bool submit_answer = false;

    ProblemLimits limits;
    // Legacy validator_flags, split at whitespace; prepended to every case's output_validator_args. When the
    // default validator is used they are its flags and were checked at load time.
    std::vector<std::string> validator_args;
    std::optional<Program> output_validator;  // nullopt: the default validator (docs/packages.md)
    CheckerProtocol checker_protocol = CheckerProtocol::Default;
    std::optional<FileIo> file_io;  // nullopt: standard input and output
    std::vector<Program> input_validators;

    TestGroup data;                                        // data/: holds "sample" (if any) then "secret"
    std::map<std::string, std::filesystem::path> include;  // include/<language>/ ("default" for all)
    std::vector<ExampleSubmission> submissions;            // sorted by name
    std::vector<PackageWarning> warnings;

    std::string display_name() const;  // English name, else the first one, else short_name
    const TestGroup* sample() const;   // nullptr when the package has no samples
    const TestGroup* secret() const;
    // Every test case in judging order: samples first, then secret, groups and cases interleaved in
    // lexicographic order of their names.
    std::vector<const TestCase*> test_cases() const;
    const TestGroup* find_group(std::string_view name) const;
};

struct LoadOptions {
    // For a .zip: where to extract it; must be empty or absent. Empty path: a fresh directory under the
    // system temp dir, which the caller owns afterwards (Problem::root names it).
    std::filesystem::path extract_to;
    ZipLimits zip_limits;
};

// Loads a package directory, or a .zip of one (the package may sit at the zip's root or in its single
// top-level directory). Throws PackageError for a package a judge cannot use; ZipError is converted into
// PackageError naming the archive.
Problem load_problem(const std::filesystem::path& dir_or_zip, const LoadOptions& options = {});

struct TimeLimitDecision {
    Seconds limit{0};
    bool consistent = true;  // false: a TLE submission is too fast for the margins the package demands
    std::string explanation;
};

// The time limit the example submissions imply (docs/packages.md): legacy, max(1 s, slowest accepted ×
// time_multiplier rounded to whole seconds), with TLE submissions expected above limit × time_safety_margin;
// 2025-09, the smallest multiple of time_resolution ≥ slowest × ac_to_time_limit, with limit ×
// time_limit_to_tle ≤ fastest TLE. An explicit limits.time_limit wins and is only checked against the
// submissions.
TimeLimitDecision derive_time_limit(Seconds slowest_accepted, std::optional<Seconds> fastest_tle,
                                    const ProblemLimits& limits, FormatVersion version);

}  // namespace khue::judge
