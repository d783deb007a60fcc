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
    EXPECT_TRUE(near_time_limit(timed(1.001), limit, 0.1)) << "ended by itself just over the limit";
    EXPECT_TRUE(near_time_limit(timed(1.10), limit, 0.1));
    EXPECT_FALSE(near_time_limit(timed(1.11), limit, 0.1));
    EXPECT_FALSE(near_time_limit(timed(1.10, RunStatus::TimeLimit), limit, 0.1))
        << "stopped by the box at the kill limit: an endless loop is not run again";
    EXPECT_FALSE(near_time_limit(timed(0.99), limit, 0.0)) << "margin 0 turns it off";
    EXPECT_FALSE(near_time_limit(timed(0.99, RunStatus::Signaled), limit, 0.1)) << "a crash is no timing";
    EXPECT_FALSE(near_time_limit(timed(0.99, RunStatus::MemoryLimit), limit, 0.1));
    EXPECT_FALSE(near_time_limit(timed(0.2, RunStatus::WallTimeLimit), limit, 0.1));
}

TEST(CpuKillLimit, TheBoxStopsARunAtTheLimitPlusTheMargin) {
    EXPECT_DOUBLE_EQ(cpu_kill_limit(Seconds{2.0}, 0.1).count(), 2.2);
    EXPECT_DOUBLE_EQ(cpu_kill_limit(Seconds{2.0}, 0.0).count(), 2.0) << "margin 0: the limit itself";
}

TEST(RunConfirmingTime, ARunStoppedAtTheKillLimitIsNotRepeated) {
    Script s{{timed(1.1, RunStatus::TimeLimit)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 1);
    EXPECT_FALSE(out.confirmed());
    EXPECT_EQ(out.fastest.status, RunStatus::TimeLimit);
}

TEST(RunConfirmingTime, AFastRunIsNotRepeated) {
    Script s{{timed(0.5)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 1);
    EXPECT_FALSE(out.confirmed());
    EXPECT_DOUBLE_EQ(out.fastest.cpu_time.count(), 0.5);
}

TEST(RunConfirmingTime, ANearRunIsRepeatedTwiceAndTheFastestDecides) {
    Script s{{timed(1.02), timed(0.97), timed(0.99)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 3);
    EXPECT_TRUE(out.confirmed());
    EXPECT_EQ(out.fastest.status, RunStatus::Exited);
    EXPECT_DOUBLE_EQ(out.fastest.cpu_time.count(), 0.97);
    EXPECT_EQ(out.fastest_index, 1u);
    EXPECT_EQ(out.cpu_times.size(), 3u);
}

TEST(RunConfirmingTime, ATimeLimitConfirmedByEveryRunStays) {
    Script s{{timed(1.003), timed(1.002), timed(1.004)}};
    auto out = s.run(Seconds{1.0});
    EXPECT_EQ(s.calls, 3);
    EXPECT_DOUBLE_EQ(out.fastest.cpu_time.count(), 1.002) << "still over the limit: a TLE";
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
    std::vector<Seconds> cpu_limits;  // what the box was asked to stop each run at
    RunReport operator()(const RunSpec& spec) {
        if (is_compile(spec)) {
            return exited(0);
        }
        RunReport r = simulate_sum(spec);
        outputs.push_back(*spec.stdout_file);
        cpu_limits.push_back(spec.cpu_time.value_or(Seconds{0}));
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
    ScriptedSum script{{timed(1.03), timed(0.96), timed(0.98)}, {}, {}};
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
    ScriptedSum script{{timed(1.003), timed(1.002), timed(1.004)}, {}, {}};
    FakeBox box(std::ref(script));
    const auto problem = load_problem(kPrograms / "sum");
    SubmissionFiles files{"", {kPrograms / "sum" / "submissions" / "accepted" / "sum.c"}, std::nullopt};
    const auto outcome = judge_submission(problem, files, options_, box);
    EXPECT_EQ(outcome.tests.at(0).verdict, Verdict::TLE);
    EXPECT_EQ(outcome.tests.at(0).time_runs, 3);
    EXPECT_NE(outcome.tests.at(0).message.find("CPU time limit"), std::string::npos)
        << outcome.tests.at(0).message;
}

// The box stops a run at the limit plus the margin; one it had to stop there is a time limit at once.
TEST_F(ConfirmPipeline, AnEndlessLoopStoppedAtTheKillLimitRunsOnce) {
    const auto problem = load_problem(kPrograms / "sum");
    SubmissionFiles files{"", {kPrograms / "sum" / "submissions" / "accepted" / "sum.c"}, std::nullopt};
    options_.time_confirmation.margin = 0;
    ScriptedSum plain{{}, {}, {}};
    FakeBox plain_box(std::ref(plain));
    judge_submission(problem, files, options_, plain_box);
    ASSERT_FALSE(plain.cpu_limits.empty());
    const Seconds limit = plain.cpu_limits.front();

    options_.time_confirmation.margin = 0.1;
    ScriptedSum loop{{timed(limit.count() * 1.1, RunStatus::TimeLimit)}, {}, {}};
    FakeBox box(std::ref(loop));
    const auto outcome = judge_submission(problem, files, options_, box);
    EXPECT_EQ(outcome.tests.at(0).verdict, Verdict::TLE);
    EXPECT_EQ(outcome.tests.at(0).time_runs, 1);
    ASSERT_FALSE(loop.cpu_limits.empty());
    EXPECT_NEAR(loop.cpu_limits.front().count(), limit.count() * 1.1, 1e-9);
    EXPECT_EQ(loop.cpu_limits.size(), outcome.tests.size()) << "one run per test";
}

TEST_F(ConfirmPipeline, TurnedOffItRunsEachTestOnce) {
    options_.time_confirmation.margin = 0;
    ScriptedSum script{{timed(1.03, RunStatus::TimeLimit), timed(0.96)}, {}, {}};
    FakeBox box(std::ref(script));
    const auto problem = load_problem(kPrograms / "sum");
    SubmissionFiles files{"", {kPrograms / "sum" / "submissions" / "accepted" / "sum.c"}, std::nullopt};
    const auto outcome = judge_submission(problem, files, options_, box);
    EXPECT_EQ(outcome.tests.at(0).verdict, Verdict::TLE);
    EXPECT_EQ(outcome.tests.at(0).time_runs, 1);
}

}  // namespace
}  // namespace khue::judge
