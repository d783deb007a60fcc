// khue verify's logic with a FakeBox: promises kept or broken, and the time limit derived from the accepted
// submissions when the package gives none.
#include "khue/judge/verify.hpp"
#include "khue/judge/package.hpp"

#include "khue/test/temp_dir.hpp"
#include "programs/fake_programs.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

namespace khue::judge {
namespace {

using namespace khue::judge::testing;

class Verify : public ::testing::Test {
  protected:
    void SetUp() override {
        scratch_ = tmp_.path();
        options_.cache_dir = scratch_ / "cache";
        options_.progress = [this](const std::string& line) { progress_.push_back(line); };
    }

    const VerifiedSubmission& find(const VerifyReport& report, const std::string& name) {
        for (const auto& s : report.submissions) {
            if (s.submission->name == name) {
                return s;
            }
        }
        throw std::runtime_error("no submission " + name);
    }

    khue::test::TempDir tmp_{"khue-verify-test"};
    fs::path scratch_;
    VerifyOptions options_;
    std::vector<std::string> progress_;
};

TEST_F(Verify, EveryPromiseOfTheSumPackageIsKept) {
    const auto problem = load_problem(kPrograms / "sum");
    FakeBox box(simulate_sum);
    const auto report = verify_problem(problem, options_, box);
    ASSERT_EQ(report.submissions.size(), 5u);
    for (const auto& s : report.submissions) {
        EXPECT_TRUE(s.match.ok) << s.submission->name << ": "
                                << (s.match.failures.empty() ? "" : s.match.failures.front());
    }
    EXPECT_TRUE(report.decision.consistent) << report.decision.explanation;
    EXPECT_TRUE(report.ok);
    EXPECT_FALSE(report.time_limit_derived);
    EXPECT_DOUBLE_EQ(report.time_limit.count(), 1.0);
    // TLE submissions must time out even with the margin (time_limit_to_tle 1.5) on top.
    EXPECT_DOUBLE_EQ(find(report, "time_limit_exceeded/loop.c").judged_with.count(), 1.5);
    EXPECT_EQ(find(report, "accepted/sum.py").outcome.verdict, Verdict::AC);
    EXPECT_FALSE(progress_.empty());
}

TEST_F(Verify, BrokenPromiseIsAMismatch) {
    const auto problem = load_problem(kPrograms / "sum");
    FakeBox box([](const RunSpec& spec) {
        if (!is_compile(spec) && behaviour(spec) == "rte") {
            write_file(*spec.stdout_file, std::to_string(0) + "\n");
            return exited(0);  // the "crashing" submission runs fine: wrong answer, not a crash
        }
        return simulate_sum(spec);
    });
    const auto report = verify_problem(problem, options_, box);
    EXPECT_FALSE(report.ok);
    const auto& crash = find(report, "run_time_error/crash.c");
    EXPECT_FALSE(crash.match.ok);
    EXPECT_FALSE(crash.match.failures.empty());
    EXPECT_TRUE(find(report, "accepted/sum.c").match.ok);
}

TEST_F(Verify, DerivesTheTimeLimitFromAcceptedSubmissionsWhenThePackageHasNone) {
    const auto problem = load_problem(kPrograms / "legacy-custom");
    ASSERT_FALSE(problem.limits.time_limit.has_value());
    FakeBox box([](const RunSpec& spec) -> RunReport {
        if (is_validator(spec)) {
            const auto want = std::stol(read_file(host_path(spec, spec.argv[spec.argv.size() - 3])));
            return exited(std::stol(read_file(*spec.stdin_file)) == want ? 42 : 43);
        }
        auto report = simulate_sum(spec);
        if (!is_compile(spec)) {
            report.cpu_time = Seconds{0.3};
        }
        return report;
    });
    const auto report = verify_problem(problem, options_, box);
    EXPECT_TRUE(report.time_limit_derived);
    const auto expected = derive_time_limit(Seconds{0.3}, std::nullopt, problem.limits, problem.version);
    EXPECT_DOUBLE_EQ(report.time_limit.count(), expected.limit.count());
    EXPECT_GE(report.time_limit.count(), 0.3 * problem.limits.time_multiplier - 0.5);
    EXPECT_DOUBLE_EQ(find(report, "accepted/sum.c").judged_with.count(),
                     options_.generous_time_limit.count());
    EXPECT_DOUBLE_EQ(find(report, "accepted/sum.c").max_time.count(), 0.3);
    EXPECT_TRUE(report.ok) << report.decision.explanation;
}

}  // namespace
}  // namespace khue::judge
