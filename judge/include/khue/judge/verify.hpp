// `khue verify`: judge every example submission of a package and compare each result with what its folder,
// submissions.yaml or @EXPECTED_RESULTS@ comment promises; derive (or check) the time limit on the way.
#pragma once

#include "khue/judge/expectations.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"

#include <functional>
#include <string>
#include <vector>

namespace khue::judge {

struct VerifiedSubmission {
    const ExampleSubmission* submission = nullptr;
    JudgeOutcome outcome;
    Seconds judged_with{0};  // the time limit this submission ran under
    Seconds max_time{0};     // slowest test's CPU time, divided by the language's time multiplier
    MatchResult match;
    std::string error;  // the submission could not be judged at all (unknown language, ...)
};

// The input validators' opinion of every test input.
struct InputValidationReport {
    int runs = 0;                       // validator runs (validators × test cases)
    std::vector<std::string> failures;  // one line per rejected input or unbuildable validator
};

struct VerifyReport {
    InputValidationReport input_validation;
    std::vector<VerifiedSubmission> submissions;
    Seconds time_limit{0};
    bool time_limit_derived = false;  // the package gave none; this one comes from the submissions
    TimeLimitDecision decision;       // derive_time_limit's verdict on the submissions' times
    bool ok = true;                   // every submission matched and the time limit is consistent
};

struct VerifyOptions {
    std::filesystem::path cache_dir;
    const LanguageSet* languages = nullptr;
    // Limit for the first round when the package has no time limit (accepted submissions only).
    Seconds generous_time_limit{10.0};
    std::function<void(const std::string&)> progress;  // one line per step, for stderr
    // Stop after the accepted submissions: only the time limit is wanted (`khue judge` on a package that
    // gives none).
    bool time_limit_only = false;
};

// The limit of a package that gives none and has no accepted submission to derive one from.
inline constexpr Seconds kDefaultTimeLimit{1.0};

VerifyReport verify_problem(const Problem& problem, const VerifyOptions& options, Box& box);

// Runs every input validator of the package on every test input in the box (exit 42 = valid), with the
// input_validator_flags/input_validator_args of the case's group (or the case's own). Throws SandboxError
// only when the sandbox failed.
InputValidationReport validate_inputs(const Problem& problem, const LanguageSet& languages,
                                      const std::filesystem::path& cache_dir, Box& box);

// The facts expectations talk about, from a judging outcome (group scores recomputed with the scoring
// module).
JudgedSubmission judged_submission(const Problem& problem, const JudgeOutcome& outcome);

// "accepted", "WA/TLE required", ...: a short description of what a submission promises, for the table.
std::string describe_expectation(const Expectation& expectation);

}  // namespace khue::judge
