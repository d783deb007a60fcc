// Judging one submission: compile it in the box, run it on every test case (samples, then secret) in the box,
// check each output with the problem's validator, decide each test's verdict with decide_verdict() and the
// submission's result with the scoring module. This is the entry point of the judging worker and of
// `khue judge` / `khue verify`.
#pragma once

#include "khue/judge/time_confirm.hpp"
#include "khue/judge/types.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace khue::judge {

struct Problem;                       // khue/judge/package.hpp
Bytes default_compile_cache_limit();  // khue/judge/compile_cache.hpp
class Box;
class LanguageSet;

struct SubmissionFiles {
    std::string language;  // Contest API language id; empty = guess from the file extensions
    std::vector<std::filesystem::path> sources;  // host files; copied into the box, never modified
    std::optional<std::string>
        entry_point;  // file name (or Java class) to run; found automatically if absent
};

struct TestResult {
    std::string name;   // test case name relative to data/, e.g. "secret/group1/03"
    std::string group;  // its test group, e.g. "secret/group1"
    Verdict verdict = Verdict::JE;
    Seconds cpu_time{0};
    Seconds wall_time{0};
    Bytes memory{};
    std::optional<double> score;             // score.txt / testlib points, when the validator gave one
    std::optional<double> score_multiplier;  // score_multiplier.txt, when given
    std::string message;                     // validator / checker message for judges (bounded)
    std::string team_message;                // message the team may see (bounded)
    // The program's standard output and error, at most JudgeOptions::keep_output bytes each (with "…" when
    // cut); empty unless keep_output is set. For the team page's sample runs.
    std::string output;
    std::string error_output;
    // How many times the submission ran on this test (in its last pass): more than 1 when its CPU time was
    // near the limit and the fastest of the runs decided (time_confirm.hpp); `message` then lists them.
    int time_runs = 1;
};

struct JudgeOptions {
    std::optional<Seconds> time_limit_override;  // replaces the package's limit, or supplies a missing one
    // Compiled validators and precompiled headers, keyed by content hash; empty = $KHUE_CACHE or
    // ~/.cache/khue (or /var/cache/khue for root).
    std::filesystem::path cache_dir;
    // Scratch space (sources, outputs); empty = a fresh folder under the system temp dir, removed afterwards.
    std::filesystem::path work_dir;
    // Pass-fail problems stop at the first rejected test (docs/contest-api.md, scoring); false runs every
    // test (khue verify uses this to report every verdict). Scoring problems follow their groups' on_reject
    // rule either way.
    bool stop_at_first_failure = true;
    // Runs near the time limit are repeated and the fastest decides (time_confirm.hpp). Not for interactive
    // problems, whose interactor would have to run again too.
    TimeConfirmation time_confirmation;
    const LanguageSet* languages = nullptr;          // nullptr = default_languages()
    std::function<void(const TestResult&)> on_test;  // progress: called after each test, in run order
    // Runs only the tests of data/sample, every one of them, and decides the verdict as the first rejected
    // sample's (not scored): the team page's "run on samples", which is not a judgement.
    bool samples_only = false;
    // Keeps this much of each test's output and error output in TestResult (0: none).
    Bytes keep_output{0};
    // Bound of the compile cache (compile_cache.hpp) under cache_dir: a rejudge or an identical resubmission
    // is not compiled again. 0 turns it off.
    Bytes compile_cache_limit = default_compile_cache_limit();
};

struct CompileOutcome {
    bool ok = false;
    std::string output;   // compiler messages, at most 64 KiB
    Seconds time{0};      // wall time of the compilation
    bool cached = false;  // restored from the compile cache: `time` is the original compilation's
};

struct JudgeOutcome {
    Verdict verdict = Verdict::JE;
    double score = 0;
    double max_score = 0;
    Seconds time_limit{0};  // the limit the tests ran under (before the language's multiplier)
    std::string language;   // id of the language actually used
    CompileOutcome compile;
    std::vector<TestResult> tests;  // in run order; tests not run are absent
    // The sandbox (not the submission, not the package) failed: retry the job; never show `verdict` to a
    // team.
    bool internal_error = false;
    std::string internal_message;
};

// Judges `files` on `problem`. Throws PackageError/LanguageError for unusable input (no such language,
// problem without time limit and no override); a broken sandbox is reported through
// JudgeOutcome::internal_error.
JudgeOutcome judge_submission(const Problem& problem, const SubmissionFiles& files,
                              const JudgeOptions& options, Box& box);

}  // namespace khue::judge
