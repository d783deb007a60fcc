// Whether a judged example submission keeps what its folder, submissions.yaml or comment promises.
#include <gtest/gtest.h>

#include "khue/judge/expectations.hpp"

using namespace khue::judge;

namespace {

JudgedSubmission judged(std::vector<std::pair<std::string, Verdict>> tests,
                        std::optional<double> score = {}) {
    JudgedSubmission j;
    j.score = score;
    j.verdict = Verdict::AC;
    for (const auto& [name, v] : tests) {
        j.tests.push_back({name, v, ""});
        if (v != Verdict::AC && j.verdict == Verdict::AC) {
            j.verdict = v;
        }
    }
    return j;
}

Expectation folder(const std::string& name) {
    Expectation e;
    e.rules.push_back(*default_rule_for_folder(name));
    return e;
}

}  // namespace

TEST(FolderDefaults, AcceptedNeedsEveryTestAC) {
    EXPECT_TRUE(matches(folder("accepted"), judged({{"sample/1", Verdict::AC}, {"secret/1", Verdict::AC}})));
    const MatchResult r = match_expectation(folder("accepted"),
                                            judged({{"secret/1", Verdict::AC}, {"secret/2", Verdict::TLE}}));
    EXPECT_FALSE(r.ok);
    ASSERT_EQ(r.failures.size(), 1U);
    EXPECT_EQ(r.failures[0], "folder accepted: secret/2 got TLE, permitted [AC]");
}

TEST(FolderDefaults, WrongAnswerNeedsAWAAndNothingWorse) {
    EXPECT_TRUE(
        matches(folder("wrong_answer"), judged({{"secret/1", Verdict::AC}, {"secret/2", Verdict::WA}})));
    EXPECT_FALSE(matches(folder("wrong_answer"), judged({{"secret/1", Verdict::AC}})));
    EXPECT_FALSE(matches(folder("wrong_answer"), judged({{"secret/1", Verdict::TLE}})));
}

TEST(FolderDefaults, TimeLimitExceededAndRunTimeError) {
    EXPECT_TRUE(matches(folder("time_limit_exceeded"), judged({{"secret/1", Verdict::TLE}})));
    EXPECT_FALSE(matches(folder("time_limit_exceeded"), judged({{"secret/1", Verdict::RTE}})));
    EXPECT_TRUE(matches(folder("run_time_error"), judged({{"secret/1", Verdict::RTE}})));
    // Memory and output limits are crashes in the package format's vocabulary.
    EXPECT_TRUE(matches(folder("run_time_error"), judged({{"secret/1", Verdict::MLE}})));
    EXPECT_TRUE(matches(folder("run_time_error"), judged({{"secret/1", Verdict::OLE}})));
}

TEST(FolderDefaults, RejectedAndBruteForce) {
    EXPECT_TRUE(matches(folder("rejected"), judged({{"secret/1", Verdict::WA}})));
    EXPECT_FALSE(matches(folder("rejected"), judged({{"secret/1", Verdict::AC}})));
    EXPECT_TRUE(
        matches(folder("brute_force"), judged({{"secret/1", Verdict::AC}, {"secret/2", Verdict::TLE}})));
    EXPECT_FALSE(
        matches(folder("brute_force"), judged({{"secret/1", Verdict::WA}, {"secret/2", Verdict::TLE}})));
    EXPECT_FALSE(default_rule_for_folder("misc").has_value());
}

TEST(Expectations, CompileErrorBreaksFolderPromises) {
    JudgedSubmission j;
    j.compiled = false;
    j.verdict = Verdict::CE;
    const MatchResult r = match_expectation(folder("wrong_answer"), j);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.failures, std::vector<std::string>{"compile error"});
    Expectation ce;
    ce.final_verdict = std::set<Verdict>{Verdict::CE};
    EXPECT_TRUE(matches(ce, j));
}

TEST(Expectations, JudgeErrorNeverMatches) {
    EXPECT_FALSE(matches(folder("rejected"), judged({{"secret/1", Verdict::JE}})));
}

TEST(Expectations, ScopedRulesOnlySeeTheirTests) {
    Expectation e = folder("time_limit_exceeded");
    ExpectationRule easy;
    easy.test_pattern = "secret/*-easy";
    easy.permitted = std::set<Verdict>{Verdict::AC};
    easy.origin = "easy";
    e.rules.push_back(easy);
    EXPECT_TRUE(matches(e, judged({{"secret/01-easy", Verdict::AC}, {"secret/02-hard", Verdict::TLE}})));
    EXPECT_FALSE(matches(e, judged({{"secret/01-easy", Verdict::TLE}, {"secret/02-hard", Verdict::TLE}})));
}

TEST(Expectations, ScoreRangesForTheSubmissionAndForGroups) {
    Expectation e;
    ExpectationRule total;
    total.score = std::pair{40.0, 100.0};
    total.origin = "total";
    e.rules.push_back(total);
    EXPECT_TRUE(matches(e, judged({{"secret/1", Verdict::AC}}, 40.0)));
    EXPECT_FALSE(matches(e, judged({{"secret/1", Verdict::AC}}, 39.5)));
    EXPECT_FALSE(matches(e, judged({{"secret/1", Verdict::AC}})));  // no score at all
    ExpectationRule group;
    group.test_pattern = "secret/group1";
    group.score = std::pair{40.0, 40.0};
    group.origin = "group";
    Expectation g;
    g.rules.push_back(group);
    JudgedSubmission j = judged({{"secret/group1/1", Verdict::AC}}, 70.0);
    j.group_scores = {{"secret/group1", 40.0}};
    EXPECT_TRUE(matches(g, j));
    j.group_scores = {{"secret/group1", 0.0}};
    EXPECT_FALSE(matches(g, j));
}

TEST(Expectations, MessageMustAppearInSomeJudgeMessage) {
    Expectation e;
    ExpectationRule r;
    r.message = "too many queries";
    r.origin = "msg";
    e.rules.push_back(r);
    JudgedSubmission j = judged({{"secret/1", Verdict::WA}});
    j.tests[0].judge_message = "team made too many queries (31 > 30)";
    EXPECT_TRUE(matches(e, j));
    j.tests[0].judge_message = "wrong guess";
    EXPECT_FALSE(matches(e, j));
}

TEST(ExpectedResultsComment, FinalVerdictMustBeListed) {
    Expectation e = folder("accepted");  // ignored once a comment speaks
    e.final_verdict = find_expected_results("// @EXPECTED_RESULTS@: WRONG-ANSWER, TIMELIMIT\nint main(){}");
    EXPECT_TRUE(matches(e, judged({{"secret/1", Verdict::AC}, {"secret/2", Verdict::TLE}})));
    EXPECT_FALSE(matches(e, judged({{"secret/1", Verdict::RTE}})));
    EXPECT_FALSE(matches(e, judged({{"secret/1", Verdict::AC}})));
}

TEST(ExpectedResultsComment, ParsesDomjudgeNames) {
    EXPECT_EQ(find_expected_results("# @EXPECTED_RESULTS@: CORRECT"), std::set<Verdict>{Verdict::AC});
    EXPECT_EQ(find_expected_results("/* @EXPECTED_RESULTS@: RUN-ERROR,OUTPUT-LIMIT */"),
              (std::set<Verdict>{Verdict::RTE, Verdict::OLE}));
    EXPECT_EQ(find_expected_results("-- @EXPECTED_RESULTS@: NO-OUTPUT compiler-error"),
              (std::set<Verdict>{Verdict::WA, Verdict::CE}));
    EXPECT_FALSE(find_expected_results("int main() {}").has_value());
    EXPECT_THROW(find_expected_results("// @EXPECTED_RESULTS@: SLOW"), std::invalid_argument);
    EXPECT_THROW(find_expected_results("// @EXPECTED_RESULTS@:"), std::invalid_argument);
}

TEST(ExpectedScoreComment, NumberOrRange) {
    EXPECT_EQ(find_expected_score("# @EXPECTED_SCORE@: 42"), (std::pair<double, double>{42, 42}));
    EXPECT_EQ(find_expected_score("# @EXPECTED_SCORE@: 10-20"), (std::pair<double, double>{10, 20}));
    EXPECT_EQ(find_expected_score("# @EXPECTED_SCORE@: 12.5"), (std::pair<double, double>{12.5, 12.5}));
    EXPECT_FALSE(find_expected_score("nothing").has_value());
    EXPECT_THROW(find_expected_score("# @EXPECTED_SCORE@: lots"), std::invalid_argument);
}

TEST(Glob, MatchesWithinComponentsAndParents) {
    EXPECT_TRUE(glob_matches("accepted", "accepted/sol.py"));
    EXPECT_TRUE(glob_matches("accepted/*", "accepted/sol.py"));
    EXPECT_TRUE(glob_matches("*/sol.py", "wrong_answer/sol.py"));
    EXPECT_FALSE(glob_matches("*", "a/b") && !glob_matches("*", "a"));
    EXPECT_TRUE(glob_matches("*", "a/b"));  // matches the parent "a"
    EXPECT_FALSE(glob_matches("accepted/*.cpp", "accepted/sol.py"));
    EXPECT_FALSE(glob_matches("accept", "accepted/sol.py"));
    EXPECT_FALSE(glob_matches("accepted/sol.py/x", "accepted/sol.py"));
    EXPECT_TRUE(glob_matches("secret/*-easy", "secret/03-easy"));
    EXPECT_TRUE(glob_matches("author.{py,cpp}", "author.cpp"));
    EXPECT_TRUE(glob_matches("{accepted,brute_force}/*.py", "brute_force/a.py"));
    EXPECT_FALSE(glob_matches("{accepted,brute_force}/*.py", "rejected/a.py"));
    EXPECT_TRUE(glob_matches("a*b*c", "aXbYbZc"));
}
