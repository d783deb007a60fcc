// From per-test outcomes to the submission's verdict and score, on packages built in memory.
#include <gtest/gtest.h>

#include <limits>

#include "khue/judge/scoring.hpp"

using namespace khue::judge;

namespace {

TestGroup group(const std::string& name, std::vector<std::string> case_names, GroupSettings settings = {}) {
    TestGroup g;
    g.name = name;
    g.settings = settings;
    for (const std::string& c : case_names) {
        TestCase t;
        t.name = name + "/" + c;
        t.group = name;
        g.cases.push_back(t);
    }
    return g;
}

Problem problem(FormatVersion version, bool scoring, std::vector<TestGroup> top, GroupSettings root = {}) {
    Problem p;
    p.version = version;
    p.scoring = scoring;
    p.data.name = "";
    p.data.settings = root;
    if (version == FormatVersion::V2025_09 && scoring) {
        p.data.settings.on_reject = OnReject::Continue;  // what the loader sets for 2025-09 scoring problems
    }
    p.data.groups = std::move(top);
    return p;
}

TestOutcome v(Verdict verdict) {
    return TestOutcome{verdict, std::nullopt, std::nullopt};
}

// Feeds outcomes through should_run as the pipeline would, so skipped tests stay absent.
Outcomes run(const Problem& p, const std::map<std::string, TestOutcome>& results) {
    Outcomes so_far;
    for (const TestCase* c : p.test_cases()) {
        if (should_run(p, *c, so_far)) {
            so_far[c->name] = results.count(c->name) != 0 ? results.at(c->name) : v(Verdict::AC);
        }
    }
    return so_far;
}

GroupSettings modern_secret(double max_score, ScoreAggregation how = ScoreAggregation::Sum) {
    GroupSettings s;
    s.on_reject = OnReject::Continue;
    s.max_score = max_score;
    s.score_aggregation = how;
    return s;
}

}  // namespace

TEST(PassFailScoring, AllAcceptedIsAC) {
    const Problem p =
        problem(FormatVersion::V2025_09, false, {group("sample", {"1"}), group("secret", {"1", "2"})});
    const SubmissionScore s = score_submission(p, run(p, {}));
    EXPECT_EQ(s.verdict, Verdict::AC);
    EXPECT_TRUE(s.explanation.empty()) << s.explanation;
}

TEST(PassFailScoring, FirstRejectionDecidesAndStopsJudging) {
    const Problem p =
        problem(FormatVersion::V2025_09, false, {group("sample", {"1"}), group("secret", {"1", "2", "3"})});
    const Outcomes o = run(p, {{"secret/2", v(Verdict::TLE)}, {"secret/3", v(Verdict::WA)}});
    EXPECT_EQ(o.count("secret/3"), 0U);  // never run after the first rejection
    const SubmissionScore s = score_submission(p, o);
    EXPECT_EQ(s.verdict, Verdict::TLE);
    EXPECT_EQ(s.explanation, "first rejection: secret/2 (TLE)");
}

TEST(PassFailScoring, SamplesComeFirst) {
    const Problem p =
        problem(FormatVersion::V2025_09, false, {group("sample", {"1"}), group("secret", {"1"})});
    const Outcomes o = run(p, {{"sample/1", v(Verdict::RTE)}, {"secret/1", v(Verdict::WA)}});
    EXPECT_EQ(o.size(), 1U);
    EXPECT_EQ(score_submission(p, o).verdict, Verdict::RTE);
}

TEST(PassFailScoring, JudgeErrorAnywhereWins) {
    const Problem p = problem(FormatVersion::V2025_09, false, {group("secret", {"1", "2"})});
    Outcomes o{{"secret/1", v(Verdict::WA)}, {"secret/2", v(Verdict::JE)}};
    EXPECT_EQ(score_submission(p, o).verdict, Verdict::JE);
}

TEST(PassFailScoring, MissingTestWithoutRejectionIsJE) {
    const Problem p = problem(FormatVersion::V2025_09, false, {group("secret", {"1", "2"})});
    const SubmissionScore s = score_submission(p, {{"secret/1", v(Verdict::AC)}});
    EXPECT_EQ(s.verdict, Verdict::JE);
    EXPECT_EQ(s.explanation, "not every test case was run");
}

TEST(LegacyPassFail, OnRejectContinueRunsEverythingAndWorstErrorIsTheDefault) {
    GroupSettings cont;
    cont.on_reject = OnReject::Continue;
    const Problem p = problem(FormatVersion::Legacy, false, {group("secret", {"1", "2", "3"}, cont)}, cont);
    const Outcomes o = run(p, {{"secret/2", v(Verdict::WA)}, {"secret/3", v(Verdict::RTE)}});
    EXPECT_EQ(o.size(), 3U);
    EXPECT_EQ(score_submission(p, o).verdict, Verdict::RTE);  // the spec's default grader: worst_error
    cont.verdict_aggregation = VerdictAggregation::FirstError;
    const Problem first =
        problem(FormatVersion::Legacy, false, {group("secret", {"1", "2", "3"}, cont)}, cont);
    EXPECT_EQ(score_submission(first, o).verdict, Verdict::WA);
}

TEST(LegacyPassFail, WorstErrorPicksTheMostSevere) {
    GroupSettings s;
    s.on_reject = OnReject::Continue;
    s.verdict_aggregation = VerdictAggregation::WorstError;
    const Problem p = problem(FormatVersion::Legacy, false, {group("secret", {"1", "2", "3"}, s)}, s);
    const Outcomes o =
        run(p, {{"secret/1", v(Verdict::WA)}, {"secret/2", v(Verdict::RTE)}, {"secret/3", v(Verdict::TLE)}});
    EXPECT_EQ(score_submission(p, o).verdict, Verdict::RTE);
}

TEST(LegacyPassFail, AcceptIfAnyAccepted) {
    GroupSettings s;
    s.on_reject = OnReject::Continue;
    s.accept_if_any_accepted = true;
    const Problem p = problem(FormatVersion::Legacy, false, {group("secret", {"1", "2"}, s)}, s);
    EXPECT_EQ(score_submission(p, run(p, {{"secret/1", v(Verdict::WA)}})).verdict, Verdict::AC);
}

TEST(LegacyPassFail, AlwaysAcceptInAGroup) {
    GroupSettings root;
    root.on_reject = OnReject::Continue;
    GroupSettings lenient = root;
    lenient.verdict_aggregation = VerdictAggregation::AlwaysAccept;
    const Problem p = problem(FormatVersion::Legacy, false,
                              {group("sample", {"1"}, lenient), group("secret", {"1"}, root)}, root);
    EXPECT_EQ(score_submission(p, run(p, {{"sample/1", v(Verdict::WA)}})).verdict, Verdict::AC);
}

TEST(LegacyScoring, SubtasksWithMinAndAcceptScore) {
    GroupSettings root;
    root.on_reject = OnReject::Continue;
    root.ignore_sample = true;
    GroupSettings g1 = root;
    g1.score_aggregation = ScoreAggregation::Min;
    g1.accept_score = 30;
    GroupSettings g2 = g1;
    g2.accept_score = 70;
    TestGroup secret = group("secret", {}, root);
    secret.groups = {group("secret/g1", {"1", "2"}, g1), group("secret/g2", {"1", "2"}, g2)};
    const Problem p = problem(FormatVersion::Legacy, true, {group("sample", {"1"}, root), secret}, root);

    SubmissionScore s = score_submission(p, run(p, {}));
    EXPECT_EQ(s.verdict, Verdict::AC);
    EXPECT_DOUBLE_EQ(s.score, 100);
    EXPECT_EQ(s.max_score, 100.0);

    s = score_submission(p, run(p, {{"secret/g2/2", v(Verdict::WA)}, {"sample/1", v(Verdict::WA)}}));
    EXPECT_DOUBLE_EQ(s.score, 30);  // g2 is min(70, 0); the rejected sample is ignored
    EXPECT_EQ(s.verdict, Verdict::WA);
    ASSERT_EQ(s.data.groups.size(), 2U);
    EXPECT_FALSE(s.data.groups[0].counted);  // sample
}

TEST(LegacyScoring, SumAvgMaxAndValidatorScores) {
    GroupSettings s;
    s.on_reject = OnReject::Continue;
    const Problem sum = problem(FormatVersion::Legacy, true, {group("secret", {"1", "2", "3"}, s)}, s);
    Outcomes o{{"secret/1", {Verdict::AC, 5.0, std::nullopt}},
               {"secret/2", v(Verdict::AC)},
               {"secret/3", v(Verdict::WA)}};
    EXPECT_DOUBLE_EQ(score_submission(sum, o).score, 6);  // 5 + accept_score 1 + reject_score 0
    s.score_aggregation = ScoreAggregation::Avg;
    const Problem avg = problem(FormatVersion::Legacy, true, {group("secret", {"1", "2", "3"}, s)}, s);
    EXPECT_DOUBLE_EQ(score_submission(avg, o).score, 2);
    s.score_aggregation = ScoreAggregation::Max;
    const Problem max = problem(FormatVersion::Legacy, true, {group("secret", {"1", "2", "3"}, s)}, s);
    EXPECT_DOUBLE_EQ(score_submission(max, o).score, 5);
}

TEST(LegacyScoring, OnRejectBreakSkipsTheRestOfTheGroupOnly) {
    GroupSettings root;
    root.on_reject = OnReject::Continue;
    GroupSettings brk = root;
    brk.on_reject = OnReject::Break;
    TestGroup secret = group("secret", {}, root);
    secret.groups = {group("secret/a", {"1", "2"}, brk), group("secret/b", {"1"}, root)};
    const Problem p = problem(FormatVersion::Legacy, true, {secret}, root);
    const Outcomes o = run(p, {{"secret/a/1", v(Verdict::WA)}});
    EXPECT_EQ(o.count("secret/a/2"), 0U);
    EXPECT_EQ(o.count("secret/b/1"), 1U);
    EXPECT_DOUBLE_EQ(score_submission(p, o).score, 1);  // a: 0 (only the WA graded), b: 1
}

TEST(ModernScoring, SumGroupsShareTheirMaxScoreEqually) {
    TestGroup secret = group("secret", {"1", "2", "3", "4"}, modern_secret(100));
    const Problem p = problem(FormatVersion::V2025_09, true, {group("sample", {"1"}), secret});
    const SubmissionScore s = score_submission(p, run(p, {{"secret/2", v(Verdict::WA)}}));
    EXPECT_DOUBLE_EQ(s.score, 75);
    EXPECT_EQ(s.max_score, 100.0);
    EXPECT_EQ(s.verdict, Verdict::WA);
}

TEST(ModernScoring, SamplesDoNotCount) {
    TestGroup secret = group("secret", {"1"}, modern_secret(100));
    const Problem p = problem(FormatVersion::V2025_09, true, {group("sample", {"1"}), secret});
    const SubmissionScore s = score_submission(p, run(p, {{"sample/1", v(Verdict::WA)}}));
    EXPECT_DOUBLE_EQ(s.score, 100);
    EXPECT_EQ(s.verdict, Verdict::AC);
}

TEST(ModernScoring, PassFailGroupsScoreAllOrNothing) {
    TestGroup secret = group("secret", {}, modern_secret(100));
    GroupSettings pf;
    pf.score_aggregation = ScoreAggregation::PassFail;
    pf.max_score = 40;
    GroupSettings pf60 = pf;
    pf60.max_score = 60;
    secret.groups = {group("secret/g1", {"1", "2"}, pf), group("secret/g2", {"1", "2", "3"}, pf60)};
    const Problem p = problem(FormatVersion::V2025_09, true, {secret});
    const Outcomes o = run(p, {{"secret/g2/1", v(Verdict::TLE)}, {"secret/g2/2", v(Verdict::WA)}});
    // A pass-fail group stops at its first rejection; the other group still runs.
    EXPECT_EQ(o.count("secret/g2/2"), 0U);
    EXPECT_EQ(o.count("secret/g1/2"), 1U);
    const SubmissionScore s = score_submission(p, o);
    EXPECT_DOUBLE_EQ(s.score, 40);
    EXPECT_EQ(s.verdict, Verdict::TLE);
    EXPECT_DOUBLE_EQ(s.data.groups.back().groups[1].score, 0);
}

TEST(ModernScoring, MinAggregation) {
    TestGroup secret = group("secret", {"1", "2"}, modern_secret(50, ScoreAggregation::Min));
    const Problem p = problem(FormatVersion::V2025_09, true, {secret});
    Outcomes o{{"secret/1", {Verdict::AC, std::nullopt, 0.5}},
               {"secret/2", {Verdict::AC, std::nullopt, 0.8}}};
    EXPECT_DOUBLE_EQ(score_submission(p, o).score, 25);  // min(0.5 × 50, 0.8 × 50)
}

TEST(ModernScoring, ScoreMultiplierScalesTheShare) {
    TestGroup secret = group("secret", {"1", "2"}, modern_secret(100));
    const Problem p = problem(FormatVersion::V2025_09, true, {secret});
    Outcomes o{{"secret/1", {Verdict::AC, std::nullopt, 0.5}},
               {"secret/2", {Verdict::AC, 20.0, std::nullopt}}};
    EXPECT_DOUBLE_EQ(score_submission(p, o).score, 45);  // 0.5 × 50 + 20
}

TEST(ModernScoring, RequirePassZeroesTheGroup) {
    TestGroup secret = group("secret", {}, modern_secret(100));
    GroupSettings pf;
    pf.score_aggregation = ScoreAggregation::PassFail;
    pf.max_score = 30;
    GroupSettings dependent;
    dependent.score_aggregation = ScoreAggregation::Sum;
    dependent.max_score = 70;
    dependent.on_reject = OnReject::Continue;
    dependent.require_pass = {"sample", "secret/g1"};
    secret.groups = {group("secret/g1", {"1"}, pf), group("secret/g2", {"1", "2"}, dependent)};
    const Problem p = problem(FormatVersion::V2025_09, true, {group("sample", {"1"}), secret});

    EXPECT_DOUBLE_EQ(score_submission(p, run(p, {})).score, 100);
    const Outcomes o = run(p, {{"sample/1", v(Verdict::WA)}});
    EXPECT_EQ(o.count("secret/g2/1"), 0U);  // not run: the sample failed
    const SubmissionScore s = score_submission(p, o);
    EXPECT_DOUBLE_EQ(s.score, 30);
    EXPECT_NE(s.explanation.find("requires sample"), std::string::npos) << s.explanation;
    EXPECT_FALSE(s.data.groups.back().groups[1].counted);
}

TEST(ModernScoring, ValidatorScoreRulesAreEnforced) {
    TestGroup secret = group("secret", {"1", "2"}, modern_secret(100));
    const Problem p = problem(FormatVersion::V2025_09, true, {secret});
    SubmissionScore s =
        score_submission(p, {{"secret/1", {Verdict::AC, 60.0, std::nullopt}}, {"secret/2", v(Verdict::AC)}});
    EXPECT_EQ(s.verdict, Verdict::JE);  // 60 exceeds the case's share of 50
    EXPECT_NE(s.explanation.find("secret/1: score 60"), std::string::npos) << s.explanation;
    s = score_submission(p, {{"secret/1", {Verdict::WA, 1.0, std::nullopt}}, {"secret/2", v(Verdict::AC)}});
    EXPECT_EQ(s.verdict, Verdict::JE);
    s = score_submission(p, {{"secret/1", {Verdict::AC, 1.0, 0.5}}, {"secret/2", v(Verdict::AC)}});
    EXPECT_EQ(s.verdict, Verdict::JE);
    s = score_submission(p, {{"secret/1", {Verdict::AC, std::nullopt, 1.5}}, {"secret/2", v(Verdict::AC)}});
    EXPECT_EQ(s.verdict, Verdict::JE);
    EXPECT_DOUBLE_EQ(s.score, 0);
}

TEST(ModernScoring, UnboundedGroupsNeedScoreTxt) {
    GroupSettings unbounded;
    unbounded.on_reject = OnReject::Continue;
    TestGroup secret = group("secret", {"1", "2"}, unbounded);
    const Problem p = problem(FormatVersion::V2025_09, true, {secret});
    SubmissionScore s = score_submission(
        p, {{"secret/1", {Verdict::AC, 7.0, std::nullopt}}, {"secret/2", {Verdict::AC, 5.5, std::nullopt}}});
    EXPECT_EQ(s.verdict, Verdict::AC);
    EXPECT_DOUBLE_EQ(s.score, 12.5);
    EXPECT_FALSE(s.max_score.has_value());
    s = score_submission(p, {{"secret/1", v(Verdict::AC)}, {"secret/2", v(Verdict::AC)}});
    EXPECT_EQ(s.verdict, Verdict::JE);
}

TEST(MaxScore, PerFormatVersion) {
    EXPECT_FALSE(
        problem_max_score(problem(FormatVersion::V2025_09, false, {group("secret", {"1"})})).has_value());
    EXPECT_EQ(problem_max_score(
                  problem(FormatVersion::V2025_09, true, {group("secret", {"1"}, modern_secret(60))})),
              60.0);
    GroupSettings legacy;
    legacy.accept_score = 5;
    EXPECT_EQ(problem_max_score(
                  problem(FormatVersion::Legacy, true, {group("secret", {"1", "2"}, legacy)}, legacy)),
              10.0);
    legacy.range = std::pair{0.0, 7.0};
    EXPECT_EQ(problem_max_score(
                  problem(FormatVersion::Legacy, true, {group("secret", {"1", "2"}, legacy)}, legacy)),
              7.0);
}

// Legacy scoring problems: samples count neither towards the score nor its maximum, and a rejected sample
// stops nothing, even without ignore_sample (judge/PACKAGES.md, "Scoring rules").
TEST(LegacyScoring, SamplesNeverCountInAScoringProblem) {
    GroupSettings root;  // defaults: on_reject break, worst_error, sum, accept_score 1
    GroupSettings g1 = root;
    g1.accept_score = 10;
    g1.score_aggregation = ScoreAggregation::Min;
    GroupSettings g2 = g1;
    g2.accept_score = 90;
    TestGroup secret = group("secret", {}, root);
    secret.groups = {group("secret/g1", {"1", "2"}, g1), group("secret/g2", {"1", "2"}, g2)};
    const Problem p = problem(FormatVersion::Legacy, true, {group("sample", {"1", "2"}, root), secret}, root);
    EXPECT_EQ(problem_max_score(p), 100.0);  // not 102: the two samples are not worth accept_score each

    // Small cases right, large ones wrong: 10 of 100 with WA, not 12/102.
    const Outcomes o = run(p, {{"sample/2", v(Verdict::WA)}, {"secret/g2/1", v(Verdict::WA)}});
    EXPECT_EQ(o.count("secret/g1/1"), 1U);  // the rejected sample did not stop the judging
    EXPECT_EQ(o.count("secret/g2/2"), 0U);  // on_reject: break inside g2
    const SubmissionScore s = score_submission(p, o);
    EXPECT_DOUBLE_EQ(s.score, 10);
    EXPECT_EQ(s.max_score, 100.0);
    EXPECT_EQ(s.verdict, Verdict::WA);
}

TEST(LegacyScoring, InfiniteRangeKeepsTheComputedMaximum) {
    GroupSettings s;
    s.accept_score = 5;
    s.range = std::pair{-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    EXPECT_EQ(problem_max_score(problem(FormatVersion::Legacy, true, {group("secret", {"1", "2"}, s)}, s)),
              10.0);
}

TEST(LegacyScoring, ACmsFractionScalesTheAcceptScore) {
    GroupSettings s;
    s.on_reject = OnReject::Continue;
    s.accept_score = 40;
    const Problem p = problem(FormatVersion::Legacy, true, {group("secret", {"1", "2"}, s)}, s);
    Outcomes o{{"secret/1", {Verdict::AC, std::nullopt, 0.5}}, {"secret/2", v(Verdict::AC)}};
    EXPECT_DOUBLE_EQ(score_submission(p, o).score, 60);  // 40 × 0.5 + 40
}
