// From per-test results to a submission's verdict and score, up the test group tree. Pure: the pipeline
// feeds it outcomes and asks it which test to run next.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "khue/judge/package.hpp"
#include "khue/judge/types.hpp"

namespace khue::judge {

struct TestOutcome {
    Verdict verdict = Verdict::JE;
    std::optional<double> score;             // score.txt
    std::optional<double> score_multiplier;  // score_multiplier.txt, in [0,1]
};
// Keyed by TestCase::name. A test that is absent was not run (skipped after a rejection, or by require_pass)
// and counts as rejected.
using Outcomes = std::map<std::string, TestOutcome>;

// Whether the pipeline should run `test` given what ran before it (in Problem::test_cases() order):
// false after a rejection inside a group whose on_reject is break (legacy; and in 2025-09 the whole problem
// for pass-fail problems, and pass-fail groups of scoring problems), or when a require_pass group was not
// passed.
bool should_run(const Problem& problem, const TestCase& test, const Outcomes& so_far);

struct GroupScore {
    std::string name;               // TestGroup::name
    Verdict verdict = Verdict::AC;  // aggregated per the group's verdict rule
    double score = 0.0;
    std::optional<double> max_score;  // nullopt: unbounded
    bool counted = true;  // false for samples of a scoring problem, or ignore_sample, or unmet require_pass
    std::vector<GroupScore> groups;
};

struct SubmissionScore {
    Verdict verdict = Verdict::AC;  // first rejection (judging order) among counted tests; JE anywhere wins
    double score = 0.0;             // 0 for pass-fail problems
    std::optional<double> max_score;
    GroupScore data;          // the tree, root = data/
    std::string explanation;  // e.g. "first rejection: secret/04 (WA)", or why a score is a judge error
};

// Aggregates per docs/packages.md and docs/contest-api.md, scoring:
//  - pass-fail problems: AC iff every test (samples, then secret) is AC; otherwise the first rejection.
//  - 2025-09 scoring: `secret` is scored by score_aggregation (pass-fail, sum, min) with max_score shares;
//    a case's score is score.txt, or score_multiplier.txt × its share, or its full share when accepted;
//    require_pass zeroes a group whose prerequisite groups were not all AC. Samples do not count.
//  - legacy scoring: the default grader: case score = score.txt or accept_score when AC, reject_score
//  otherwise;
//    groups combine with sum|avg|min|max and first_error|worst_error|always_accept, accept_if_any_accepted;
//    ignore_sample drops the sample group at the root.
// Validator scores that break the format's rules (score.txt on a rejected case, above a bounded share,
// both files...) make the submission JE with the reason in `explanation`.
SubmissionScore score_submission(const Problem& problem, const Outcomes& outcomes);

// The best score a submission can get (secret's max_score in 2025-09; every case accepted with its
// accept_score, or range's upper end, in legacy). nullopt for pass-fail problems and unbounded scores.
std::optional<double> problem_max_score(const Problem& problem);

}  // namespace khue::judge
