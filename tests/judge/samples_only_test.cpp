// `JudgeOptions::samples_only` and `keep_output` (the team page's "run on samples", `khue judge
// --samples-only`) with a FakeBox standing in for khue-box: only data/sample runs, every sample, and the
// program's output is kept.
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"
#include "khue/judge/result_json.hpp"

#include "khue/test/temp_dir.hpp"
#include "programs/fake_programs.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <unistd.h>

namespace khue::judge {
namespace {

using namespace khue::judge::testing;

class SamplesOnly : public ::testing::Test {
  protected:
    void SetUp() override {
        scratch_ = tmp_.path();
        options_.cache_dir = scratch_ / "cache";
        options_.samples_only = true;
        options_.keep_output = kib(64);
    }

    JudgeOutcome judge(const std::string& source, FakeBox& box) {
        const auto problem = load_problem(kPrograms / "sum");
        SubmissionFiles files{"", {kPrograms / "sum" / "submissions" / source}, std::nullopt};
        return judge_submission(problem, files, options_, box);
    }

    khue::test::TempDir tmp_{"khue-samples-only-test"};
    fs::path scratch_;
    JudgeOptions options_;
};

TEST_F(SamplesOnly, OnlyTheSamplesRunAndTheirOutputIsKept) {
    FakeBox box(simulate_sum);
    // Wrong on the secret tests only: on the samples it is right, and the secret tests are not run.
    const auto outcome = judge("wrong_answer/wrong.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::AC);
    ASSERT_EQ(outcome.tests.size(), 1u);
    EXPECT_EQ(outcome.tests[0].name, "sample/1");
    EXPECT_EQ(outcome.tests[0].output, "3\n");
    EXPECT_EQ(outcome.tests[0].error_output, "");
    const auto json = boost::json::parse(to_json(outcome));
    EXPECT_EQ(json.at("tests").at(0).at("output"), "3\n");
}

TEST_F(SamplesOnly, ARejectedSampleDecidesTheVerdict) {
    FakeBox box(simulate_sum);
    const auto outcome = judge("run_time_error/crash.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::RTE);
    ASSERT_EQ(outcome.tests.size(), 1u);
    EXPECT_EQ(outcome.tests[0].verdict, Verdict::RTE);
}

TEST_F(SamplesOnly, KeptOutputIsCutAtTheLimit) {
    options_.keep_output = Bytes{1};
    FakeBox box(simulate_sum);
    const auto outcome = judge("accepted/sum.c", box);
    ASSERT_EQ(outcome.tests.size(), 1u);
    EXPECT_EQ(outcome.tests[0].output, "3…");
}

TEST_F(SamplesOnly, WithoutKeepOutputNothingIsKeptAndTheJsonIsUnchanged) {
    options_.samples_only = false;
    options_.keep_output = Bytes{0};
    FakeBox box(simulate_sum);
    const auto outcome = judge("accepted/sum.c", box);
    EXPECT_EQ(outcome.tests.size(), 4u);  // samples and secret: a real judgement
    EXPECT_TRUE(outcome.tests[0].output.empty());
    const auto json = boost::json::parse(to_json(outcome));
    EXPECT_FALSE(json.at("tests").at(0).as_object().contains("output"));
}

}  // namespace
}  // namespace khue::judge
