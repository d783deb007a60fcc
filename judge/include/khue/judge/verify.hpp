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

struct VerifyReport {
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
};

VerifyReport verify_problem(const Problem& problem, const VerifyOptions& options, Box& box);

// The facts expectations talk about, from a judging outcome (group scores recomputed with the scoring
// module).
JudgedSubmission judged_submission(const Problem& problem, const JudgeOutcome& outcome);

// "accepted", "WA/TLE required", ...: a short description of what a submission promises, for the table.
std::string describe_expectation(const Expectation& expectation);

}  // namespace khue::judge
