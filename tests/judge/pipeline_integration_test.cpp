// End-to-end judging through the real sandbox: compile and run the fixture packages' programs in khue-box.
// Needs root and a built khue-box (KHUE_BOX, or khue-box in the build folder); skipped otherwise, as in a
// developer's unprivileged build. CI runs as root.
#include "khue/judge/box.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"

#include "khue/test/temp_dir.hpp"
#include "programs/fake_programs.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <unistd.h>
#include <cstdio>

namespace khue::judge {
namespace {

using namespace khue::judge::testing;

class RealBox : public ::testing::Test {
  protected:
    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "needs root (khue-box creates namespaces and cgroups)";
        }
        auto found = locate_khue_box();
        if (!found || !fs::exists(*found)) {
            GTEST_SKIP() << "khue-box is not built";
        }
        box_.emplace(*found);
        scratch_ = tmp_.path();
        // A shared cache keeps the C++ header and validators across tests, as a worker would.
        options_.cache_dir = fs::temp_directory_path() / "khue-integration-cache";
    }

    JudgeOutcome judge_file(const std::string& package, const fs::path& source) {
        const auto problem = load_problem(kPrograms / package);
        return judge_submission(problem, {"", {source}, std::nullopt}, options_, *box_);
    }
    JudgeOutcome judge(const std::string& package, const std::string& submission) {
        return judge_file(package, kPrograms / package / "submissions" / submission);
    }

    std::optional<KhueBoxClient> box_;
    khue::test::TempDir tmp_{"khue-real-box"};
    fs::path scratch_;
    JudgeOptions options_;
};

TEST_F(RealBox, CAndPythonSolutionsAreAccepted) {
    const auto c = judge("sum", "accepted/sum.c");
    EXPECT_EQ(c.verdict, Verdict::AC) << c.compile.output << c.internal_message;
    EXPECT_EQ(c.tests.size(), 4u);
    const auto py = judge("sum", "accepted/sum.py");
    EXPECT_EQ(py.verdict, Verdict::AC) << py.compile.output << py.internal_message;
}

TEST_F(RealBox, WrongTimeoutAndCrashGetTheirVerdicts) {
    EXPECT_EQ(judge("sum", "wrong_answer/wrong.c").verdict, Verdict::WA);
    EXPECT_EQ(judge("sum", "time_limit_exceeded/loop.c").verdict, Verdict::TLE);
    EXPECT_EQ(judge("sum", "run_time_error/crash.c").verdict, Verdict::RTE);
}

TEST_F(RealBox, CompileErrorKeepsTheCompilerMessage) {
    const auto source = scratch_ / "broken.c";
    write_file(source, "int main(void) { return }\n");
    const auto outcome = judge_file("sum", source);
    EXPECT_EQ(outcome.verdict, Verdict::CE);
    EXPECT_NE(outcome.compile.output.find("error"), std::string::npos) << outcome.compile.output;
}

TEST_F(RealBox, CustomKattisValidatorRunsInTheBox) {
    options_.time_limit_override = Seconds{1.0};
    EXPECT_EQ(judge("legacy-custom", "accepted/sum.c").verdict, Verdict::AC);
    const auto wrong = judge("legacy-custom", "wrong_answer/wrong.c");
    EXPECT_EQ(wrong.verdict, Verdict::WA);
    ASSERT_EQ(wrong.tests.size(), 2u);
    EXPECT_EQ(wrong.tests[1].message, "expected 15, got 16\n");
}

TEST_F(RealBox, TestlibCheckerRunsInTheBox) {
    EXPECT_EQ(judge("testlib", "accepted/sum.c").verdict, Verdict::AC);
    const auto wrong = judge("testlib", "wrong_answer/wrong.c");
    EXPECT_EQ(wrong.verdict, Verdict::WA);
    EXPECT_EQ(wrong.tests.back().message, "wrong answer: expected 15, found 16");
}

TEST_F(RealBox, InteractiveProblemConnectsValidatorAndSubmission) {
    const auto ok = judge("guess", "accepted/binary.c");
    EXPECT_EQ(ok.verdict, Verdict::AC) << (ok.tests.empty() ? "" : ok.tests.front().message);
    EXPECT_EQ(judge("guess", "wrong_answer/linear.c").verdict, Verdict::WA);
    // Neither side talks: the submission spins, the validator waits; the time limit ends it, no deadlock.
    EXPECT_EQ(judge("guess", "time_limit_exceeded/silent.c").verdict, Verdict::TLE);
}

TEST_F(RealBox, MultiPassRunsTheSecondPassOnNextpassIn) {
    const auto outcome = judge("multipass", "accepted/double.c");
    EXPECT_EQ(outcome.verdict, Verdict::AC) << (outcome.tests.empty() ? "" : outcome.tests.front().message);
}

TEST_F(RealBox, ScoringGivesThePartialSolutionItsGroup) {
    const auto outcome = judge("scored", "partially_accepted/wrong.c");
    EXPECT_DOUBLE_EQ(outcome.score, 30.0);
    EXPECT_DOUBLE_EQ(outcome.max_score, 100.0);
}

TEST_F(RealBox, KhueJudgeJsonHasTheDesignFields) {
    const auto khue = fs::path(KHUE_BUILD_DIR) / "khue";
    if (!fs::exists(khue)) {
        GTEST_SKIP() << "the khue executable is not built";
    }
    const auto command = khue.string() + " judge " + (kPrograms / "sum").string() + " " +
                         (kPrograms / "sum/submissions/wrong_answer/wrong.c").string() + " --json";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    while (auto n = std::fread(buffer, 1, sizeof buffer, pipe)) {
        out.append(buffer, n);
    }
    EXPECT_EQ(::pclose(pipe), 0) << "exit 0 when judging completed, whatever the verdict";
    const auto json = boost::json::parse(out).as_object();
    EXPECT_EQ(json.at("verdict").as_string(), "WA");
    EXPECT_EQ(json.at("time_limit").to_number<double>(), 1.0);
    EXPECT_TRUE(json.at("compile").as_object().at("ok").as_bool());
    const auto& tests = json.at("tests").as_array();
    ASSERT_EQ(tests.size(), 2u);
    for (const char* key : {"name", "group", "verdict", "cpu_time", "wall_time", "memory_kib", "message"}) {
        EXPECT_TRUE(tests[1].as_object().contains(key)) << key;
    }
    EXPECT_EQ(tests[1].as_object().at("verdict").as_string(), "WA");
    EXPECT_GT(tests[1].as_object().at("memory_kib").to_number<double>(), 0);
}

}  // namespace
}  // namespace khue::judge
