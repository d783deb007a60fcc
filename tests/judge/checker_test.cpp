// Exit-code mappings of the checker protocols (pure, no processes) and safe reading of feedback files.
#include "khue/judge/checker.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <fstream>

namespace khue::judge {
namespace {

RunReport exited(int code) {
    RunReport r;
    r.status = RunStatus::Exited;
    r.exit_code = code;
    return r;
}

TEST(KattisProtocol, FortyTwoAcceptsFortyThreeRejects) {
    EXPECT_EQ(kattis_outcome(exited(42), {}).result.status, CheckStatus::Accepted);
    EXPECT_EQ(kattis_outcome(exited(43), {}).result.status, CheckStatus::WrongAnswer);
}

TEST(KattisProtocol, AnyOtherExitIsAJudgeErrorZeroIncluded) {
    for (int code : {0, 1, 2, 41, 44, 255}) {
        EXPECT_EQ(kattis_outcome(exited(code), {}).result.status, CheckStatus::JudgeError) << code;
    }
    RunReport killed;
    killed.status = RunStatus::Signaled;
    killed.signal = 11;
    EXPECT_EQ(kattis_outcome(killed, {}).result.status, CheckStatus::JudgeError);
    RunReport slow;
    slow.status = RunStatus::TimeLimit;
    EXPECT_EQ(kattis_outcome(slow, {}).result.status, CheckStatus::JudgeError);
}

TEST(KattisProtocol, MessagesScoreAndNextPassAreReadBack) {
    Feedback fb;
    fb.judge_message = "judges only";
    fb.team_message = "for the team";
    fb.score = " 12.5\n";
    fb.score_multiplier = "0.5";
    fb.nextpass = true;
    const auto outcome = kattis_outcome(exited(42), fb);
    EXPECT_EQ(outcome.result.judge_message, "judges only");
    EXPECT_EQ(outcome.result.team_message, "for the team");
    EXPECT_EQ(outcome.result.score, 12.5);
    EXPECT_EQ(outcome.score_multiplier, 0.5);
    EXPECT_TRUE(outcome.next_pass);
    EXPECT_FALSE(kattis_outcome(exited(43), fb).next_pass) << "a rejected pass ends the test";
}

TEST(KattisProtocol, ScoreThatIsNotANumberIsAJudgeError) {
    Feedback fb;
    fb.score = "lots";
    EXPECT_EQ(kattis_outcome(exited(42), fb).result.status, CheckStatus::JudgeError);
    Feedback multiplier;
    multiplier.score_multiplier = "1/2";
    EXPECT_EQ(kattis_outcome(exited(42), multiplier).result.status, CheckStatus::JudgeError);
}

TEST(TestlibProtocol, ExitCodesMapToVerdicts) {
    EXPECT_EQ(testlib_outcome(exited(0), "ok").result.status, CheckStatus::Accepted);
    EXPECT_EQ(testlib_outcome(exited(1), "wrong").result.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(testlib_outcome(exited(2), "presentation").result.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(testlib_outcome(exited(3), "fail").result.status, CheckStatus::JudgeError);
    EXPECT_EQ(testlib_outcome(exited(8), "eof").result.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(testlib_outcome(exited(42), "").result.status, CheckStatus::JudgeError);
    EXPECT_EQ(testlib_outcome(exited(1), "wrong answer 5 != 6").result.judge_message, "wrong answer 5 != 6");
}

TEST(TestlibProtocol, PartialPointsComeFromTheMessage) {
    const auto partial = testlib_outcome(exited(7), "points 0.25 half of the pairs");
    EXPECT_EQ(partial.result.status, CheckStatus::Accepted);
    EXPECT_EQ(partial.result.score, 0.25);
    EXPECT_EQ(testlib_outcome(exited(7), "3 ok").result.score, 3.0);
    EXPECT_EQ(testlib_outcome(exited(7), "no number here").result.status, CheckStatus::JudgeError);
}

TEST(TestlibProtocol, CrashedCheckerIsAJudgeError) {
    RunReport killed;
    killed.status = RunStatus::Signaled;
    killed.signal = 9;
    EXPECT_EQ(testlib_outcome(killed, "").result.status, CheckStatus::JudgeError);
}

class FeedbackDir : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = tmp_.path(); }
    khue::test::TempDir tmp_{"khue-feedback"};
    std::filesystem::path dir_;
};

TEST_F(FeedbackDir, ReadsPlainFilesBounded) {
    std::ofstream(dir_ / "judgemessage.txt") << std::string(200 * 1024, 'x');
    std::ofstream(dir_ / "score.txt") << "7";
    const auto fb = read_feedback(dir_);
    ASSERT_TRUE(fb.judge_message.has_value());
    EXPECT_EQ(fb.judge_message->size(), kMaxFeedbackFile.count());
    EXPECT_EQ(fb.score, "7");
    EXPECT_FALSE(fb.team_message.has_value());
    EXPECT_FALSE(fb.nextpass);
}

TEST_F(FeedbackDir, RefusesSymlinksAndFifosPlantedByTheValidator) {
    std::filesystem::create_symlink("/etc/passwd", dir_ / "judgemessage.txt");
    ASSERT_EQ(::mkfifo((dir_ / "teammessage.txt").c_str(), 0600), 0);
    std::filesystem::create_symlink("/etc/hostname", dir_ / "nextpass.in");
    const auto fb = read_feedback(dir_);  // must neither block on the FIFO nor follow the links
    EXPECT_FALSE(fb.judge_message.has_value());
    EXPECT_FALSE(fb.team_message.has_value());
    EXPECT_FALSE(fb.nextpass);
}

TEST(CmsProtocol, ScoreOnStdoutDecidesMessageFromStderr) {
    auto full = cms_outcome(exited(0), "1\n", "translate:success\n");
    EXPECT_EQ(full.result.status, CheckStatus::Accepted);
    EXPECT_FALSE(full.score_multiplier.has_value());
    EXPECT_EQ(full.result.team_message, "translate:success");
    EXPECT_EQ(cms_outcome(exited(0), "0.0", "").result.status, CheckStatus::WrongAnswer);
    const auto partial = cms_outcome(exited(0), "  0.25 extra\n", "partly");
    EXPECT_EQ(partial.result.status, CheckStatus::Accepted);
    ASSERT_TRUE(partial.score_multiplier.has_value());
    EXPECT_DOUBLE_EQ(*partial.score_multiplier, 0.25);
}

TEST(CmsProtocol, AnythingElseIsAJudgeError) {
    EXPECT_EQ(cms_outcome(exited(1), "1", "").result.status, CheckStatus::JudgeError);
    EXPECT_EQ(cms_outcome(exited(0), "", "").result.status, CheckStatus::JudgeError);
    EXPECT_EQ(cms_outcome(exited(0), "1.5", "").result.status, CheckStatus::JudgeError);
    EXPECT_EQ(cms_outcome(exited(0), "-0.5", "").result.status, CheckStatus::JudgeError);
    EXPECT_EQ(cms_outcome(exited(0), "abc", "").result.status, CheckStatus::JudgeError);
    EXPECT_NE(cms_outcome(exited(0), "abc", "").result.judge_message.find("not a score in [0, 1]"),
              std::string::npos);
}

}  // namespace
}  // namespace khue::judge
