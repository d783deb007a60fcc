// Near-limit confirmation (time_confirm.hpp): the rule on scripted reports, and the pipeline with a FakeBox
// whose CPU times are scripted per run. No timing is measured here.
#include "khue/judge/time_confirm.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"
#include "khue/judge/result_json.hpp"

#include "programs/fake_programs.hpp"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <unistd.h>
#include <deque>

namespace khue::judge {
namespace {

using namespace khue::judge::testing;

RunReport timed(double cpu, RunStatus status = RunStatus::Exited) {
    RunReport r = exited(0, cpu);
    r.status = status;
    return r;
}

// Answers run i with reports[i] and counts the calls.
struct Script {
    std::vector<RunReport> reports;
    int calls = 0;
    ConfirmedRun run(Seconds limit, TimeConfirmation rule = {}) {
        return run_confirming_time(
            [this](int i) {
                EXPECT_EQ(i, calls);
                return reports.at(static_cast<std::size_t>(calls++));
            },
            limit, rule);
    }
};

TEST(NearTimeLimit, BothSidesOfTheLimitWithinTheMargin) {
    const Seconds limit{1.0};
    EXPECT_FALSE(near_time_limit(timed(0.89), limit, 0.1));
    EXPECT_TRUE(near_time_limit(timed(0.90), limit, 0.1));
    EXPECT_TRUE(near_time_limit(timed(1.0), limit, 0.1));
    EXPECT_TRUE(near_time_limit(timed(1.001, RunStatus::TimeLimit), limit, 0.1));
    EXPECT_TRUE(near_time_limit(timed(1.10, RunStatus::TimeLimit), limit, 0.1));
    EXPECT_FALSE(near_time_limit(timed(1.11, RunStatus::TimeLimit), limit, 0.1));
    EXPECT_FALSE(near_time_limit(timed(0.99), limit, 0.0)) << "margin 0 turns it off";
    EXPECT_FALSE(near_time_limit(timed(0.99, RunStatus::Signaled), limit, 0.1)) << "a crash is no timing";
    EXPECT_FALSE(near_time_limit(timed(0.99, RunStatus::MemoryLimit), limit, 0.1));
    EXPECT_FALSE(near_time_limit(timed(0.2, RunStatus::WallTimeLimit), limit, 0.1));
}

TEST(RunConfirmingTime, AFastRunIsNotRepeated) {
    Script s{{timed(0.5)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 1);
    EXPECT_FALSE(out.confirmed());
    EXPECT_DOUBLE_EQ(out.fastest.cpu_time.count(), 0.5);
}

TEST(RunConfirmingTime, ANearRunIsRepeatedTwiceAndTheFastestDecides) {
    Script s{{timed(1.02, RunStatus::TimeLimit), timed(0.97), timed(0.99)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 3);
    EXPECT_TRUE(out.confirmed());
    EXPECT_EQ(out.fastest.status, RunStatus::Exited);
    EXPECT_DOUBLE_EQ(out.fastest.cpu_time.count(), 0.97);
    EXPECT_EQ(out.fastest_index, 1u);
    EXPECT_EQ(out.cpu_times.size(), 3u);
}

TEST(RunConfirmingTime, ATimeLimitConfirmedByEveryRunStays) {
    Script s{{timed(1.001, RunStatus::TimeLimit), timed(1.002, RunStatus::TimeLimit),
              timed(1.001, RunStatus::TimeLimit)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 3);
    EXPECT_EQ(out.fastest.status, RunStatus::TimeLimit);
}

TEST(RunConfirmingTime, StopsOnceTheFastestRunIsClearlyInside) {
    Script s{{timed(0.95), timed(0.7), timed(0.1)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 2);
    EXPECT_DOUBLE_EQ(out.fastest.cpu_time.count(), 0.7);
}

TEST(RunConfirmingTime, ACrashOnARerunDecides) {
    Script s{{timed(0.95), timed(0.3, RunStatus::Signaled), timed(0.9)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 2);
    EXPECT_EQ(out.fastest.status, RunStatus::Signaled);
}

TEST(RunConfirmingTime, TheNumberOfRerunsAndTheMarginAreSettings) {
    Script none{{timed(0.99)}};
    none.run(Seconds{1.0}, {0.10, 0});
    EXPECT_EQ(none.calls, 1);
    Script wide{{timed(0.7), timed(0.69), timed(0.68), timed(0.67), timed(0.66)}};
    wide.run(Seconds{1.0}, {0.5, 4});
    EXPECT_EQ(wide.calls, 5);
}

class ConfirmPipeline : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "khue-confirm-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        scratch_ = pattern;
        options_.cache_dir = scratch_ / "cache";
        options_.stop_at_first_failure = false;
    }
    void TearDown() override { fs::remove_all(scratch_); }
    fs::path scratch_;
    JudgeOptions options_;
};

// The sum program, whose runs take the scripted CPU times in order (then 0.01 s); each run writes the right
// sum to the output file it was given, except when it is marked wrong.
struct ScriptedSum {
    std::deque<RunReport> times;
    std::vector<fs::path> outputs;
    RunReport operator()(const RunSpec& spec) {
        if (is_compile(spec)) {
            return exited(0);
        }
        RunReport r = simulate_sum(spec);
        outputs.push_back(*spec.stdout_file);
        if (!times.empty()) {
            RunReport t = times.front();
            times.pop_front();
            r.status = t.status;
            r.cpu_time = t.cpu_time;
        }
        return r;
    }
};

TEST_F(ConfirmPipeline, ANearLimitTestIsRerunAndTheFastestRunsOutputIsChecked) {
    ScriptedSum script{{timed(1.03, RunStatus::TimeLimit), timed(0.96), timed(0.98)}, {}};
    FakeBox box(std::ref(script));
    const auto problem = load_problem(kPrograms / "sum");
    SubmissionFiles files{"", {kPrograms / "sum" / "submissions" / "accepted" / "sum.c"}, std::nullopt};
    const auto outcome = judge_submission(problem, files, options_, box);
    EXPECT_EQ(outcome.verdict, Verdict::AC);
    ASSERT_FALSE(outcome.tests.empty());
    const auto& first = outcome.tests[0];
    EXPECT_EQ(first.verdict, Verdict::AC) << first.message;
    EXPECT_EQ(first.time_runs, 3);
    EXPECT_DOUBLE_EQ(first.cpu_time.count(), 0.96);
    EXPECT_NE(first.message.find("fastest of 3 runs"), std::string::npos) << first.message;
    // Each run wrote its own file; the later tests ran once each.
    ASSERT_GE(script.outputs.size(), 3u);
    EXPECT_NE(script.outputs[0], script.outputs[1]);
    EXPECT_EQ(outcome.tests[1].time_runs, 1);
    const auto json = boost::json::serialize(judge_outcome_json(outcome));
    EXPECT_NE(json.find("\"time_runs\":3"), std::string::npos) << json;
}

TEST_F(ConfirmPipeline, ATimeLimitOnEveryRunStaysATimeLimit) {
    ScriptedSum script{{timed(1.001, RunStatus::TimeLimit), timed(1.002, RunStatus::TimeLimit),
                        timed(1.001, RunStatus::TimeLimit)},
                       {}};
    FakeBox box(std::ref(script));
    const auto problem = load_problem(kPrograms / "sum");
    SubmissionFiles files{"", {kPrograms / "sum" / "submissions" / "accepted" / "sum.c"}, std::nullopt};
    const auto outcome = judge_submission(problem, files, options_, box);
    EXPECT_EQ(outcome.tests.at(0).verdict, Verdict::TLE);
    EXPECT_EQ(outcome.tests.at(0).time_runs, 3);
}

TEST_F(ConfirmPipeline, TurnedOffItRunsEachTestOnce) {
    options_.time_confirmation.margin = 0;
    ScriptedSum script{{timed(1.03, RunStatus::TimeLimit), timed(0.96)}, {}};
    FakeBox box(std::ref(script));
    const auto problem = load_problem(kPrograms / "sum");
    SubmissionFiles files{"", {kPrograms / "sum" / "submissions" / "accepted" / "sum.c"}, std::nullopt};
    const auto outcome = judge_submission(problem, files, options_, box);
    EXPECT_EQ(outcome.tests.at(0).verdict, Verdict::TLE);
    EXPECT_EQ(outcome.tests.at(0).time_runs, 1);
}

}  // namespace
}  // namespace khue::judge
