// What an example submission promises (its folder, submissions/submissions.yaml, or a DOMjudge-style
// `@EXPECTED_RESULTS@:` comment) and whether a judged result keeps that promise. Pure: `khue verify` feeds it
// the per-test verdicts it obtained.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "khue/judge/types.hpp"

namespace khue::judge {

// One requirement, as written under one glob of submissions.yaml or implied by a folder name.
// A test verdict of MLE or OLE counts as RTE when a set does not name MLE/OLE itself: the package format only
// knows AC, WA, TLE and RTE, and both are crashes from the format's point of view.
struct ExpectationRule {
    // Glob over test case and group names relative to data/ ("secret/*-easy"); empty = every test case.
    std::string test_pattern;
    std::optional<std::set<Verdict>> permitted;  // every covered test's verdict is in it; nullopt = any
    std::optional<std::set<Verdict>> required;   // some covered test's verdict is in it; nullopt = no demand
    std::optional<std::pair<double, double>> score;  // inclusive range of the (group's) score, scoring only
    std::optional<std::string> message;              // substring of some covered test's judge message
    std::string origin;  // where the rule came from, for explanations ("folder wrong_answer")
};

struct Expectation {
    std::vector<ExpectationRule> rules;  // all must hold
    // DOMjudge `@EXPECTED_RESULTS@:`: the submission's final verdict is one of these (rules are ignored
    // then).
    std::optional<std::set<Verdict>> final_verdict;
};

// The facts about one judged submission that an expectation can talk about.
struct JudgedTest {
    std::string name;  // TestCase::name, e.g. "secret/group1/03"
    Verdict verdict = Verdict::JE;
    std::string judge_message;
};
struct JudgedSubmission {
    bool compiled = true;           // false: compile error, no test ran
    Verdict verdict = Verdict::JE;  // final verdict of the submission
    std::optional<double> score;    // scoring problems
    std::vector<JudgedTest> tests;  // in run order; tests that were not run are absent
    std::vector<std::pair<std::string, double>> group_scores;  // group name -> score, for group score rules
};

struct MatchResult {
    bool ok = true;
    std::vector<std::string> failures;  // one human-readable line per broken rule
};

MatchResult match_expectation(const Expectation& expectation, const JudgedSubmission& judged);
inline bool matches(const Expectation& expectation, const JudgedSubmission& judged) {
    return match_expectation(expectation, judged).ok;
}

// The defaults of the 2025-09 format for a submissions/ folder (accepted, rejected, wrong_answer,
// time_limit_exceeded, run_time_error, brute_force); legacy `partially_accepted` demands nothing but a
// completed judging. nullopt for an unknown folder.
std::optional<ExpectationRule> default_rule_for_folder(std::string_view folder);

// Verdict names in the package format and DOMjudge's spellings: AC, WA, TLE, RTE, MLE, OLE, CE, JE, CORRECT,
// WRONG-ANSWER, TIMELIMIT, RUN-ERROR, COMPILER-ERROR, NO-OUTPUT (a WA), OUTPUT-LIMIT, MEMORY-LIMIT.
// Case-insensitive.
std::optional<Verdict> parse_expected_verdict(std::string_view name);

// Finds `@EXPECTED_RESULTS@: A, B` in a source text. nullopt when absent; throws std::invalid_argument naming
// the unknown verdict when present but malformed.
std::optional<std::set<Verdict>> find_expected_results(std::string_view source);
// Finds `@EXPECTED_SCORE@: 42` (or a range `10-20`) in a source text.
std::optional<std::pair<double, double>> find_expected_score(std::string_view source);

// Package-format glob: `*` matches within one path component, `{a,b}` alternatives; a path also matches when
// one of its parent directories matches ("accepted" matches "accepted/sol.py").
bool glob_matches(std::string_view pattern, std::string_view path);

}  // namespace khue::judge
