// decide_verdict: one test per precedence rule (verdict.hpp lists the order).
#include <gtest/gtest.h>

#include "khue/judge/verdict.hpp"

using namespace khue::judge;

namespace {

RunReport exited(int code = 0) {
    RunReport r;
    r.status = RunStatus::Exited;
    r.exit_code = code;
    r.cpu_time = Seconds{0.1};
    r.wall_time = Seconds{0.2};
    r.peak_memory = mib(10);
    return r;
}

RunReport with_status(RunStatus s) {
    RunReport r = exited();
    r.status = s;
    return r;
}

CheckResult checked(CheckStatus s) {
    CheckResult c;
    c.status = s;
    return c;
}

const CheckResult kAccepted = checked(CheckStatus::Accepted);
const CheckResult kWrong = checked(CheckStatus::WrongAnswer);
const CheckResult kNotRun = checked(CheckStatus::NotRun);
const CheckResult kCheckerBroke = checked(CheckStatus::JudgeError);
const TestLimits kLimits{Seconds{1.0}, mib(256), mib(8)};

}  // namespace

TEST(DecideVerdict, CleanExitAndAcceptedIsAC) {
    EXPECT_EQ(decide_verdict(exited(), kAccepted, kLimits), Verdict::AC);
}

TEST(DecideVerdict, CleanExitAndWrongIsWA) {
    EXPECT_EQ(decide_verdict(exited(), kWrong, kLimits), Verdict::WA);
}

TEST(DecideVerdict, SandboxErrorBeatsEverything) {
    RunReport r = with_status(RunStatus::SandboxError);
    r.oom_killed = true;
    r.cpu_time = Seconds{5};
    EXPECT_EQ(decide_verdict(r, kAccepted, kLimits), Verdict::JE);
    EXPECT_EQ(decide_verdict(r, kCheckerBroke, kLimits), Verdict::JE);
}

TEST(DecideVerdict, CheckerFailureBeatsTimeLimit) {
    EXPECT_EQ(decide_verdict(with_status(RunStatus::TimeLimit), kCheckerBroke, kLimits), Verdict::JE);
}

TEST(DecideVerdict, CheckerFailureOnCleanRunIsJE) {
    EXPECT_EQ(decide_verdict(exited(), kCheckerBroke, kLimits), Verdict::JE);
}

TEST(DecideVerdict, CpuTimeLimitIsTLE) {
    EXPECT_EQ(decide_verdict(with_status(RunStatus::TimeLimit), kNotRun, kLimits), Verdict::TLE);
}

TEST(DecideVerdict, WallTimeLimitIsTLE) {
    EXPECT_EQ(decide_verdict(with_status(RunStatus::WallTimeLimit), kNotRun, kLimits), Verdict::TLE);
}

TEST(DecideVerdict, CpuTimeOverLimitWithCorrectOutputIsStillTLE) {
    RunReport r = exited();
    r.cpu_time = Seconds{1.01};
    EXPECT_EQ(decide_verdict(r, kAccepted, kLimits), Verdict::TLE);
    r.cpu_time = Seconds{1.0};  // at the limit is within it
    EXPECT_EQ(decide_verdict(r, kAccepted, kLimits), Verdict::AC);
}

TEST(DecideVerdict, TimeLimitBeatsMemoryLimit) {
    RunReport r = with_status(RunStatus::TimeLimit);
    r.oom_killed = true;
    EXPECT_EQ(decide_verdict(r, kNotRun, kLimits), Verdict::TLE);
}

TEST(DecideVerdict, MemoryLimitIsMLE) {
    EXPECT_EQ(decide_verdict(with_status(RunStatus::MemoryLimit), kNotRun, kLimits), Verdict::MLE);
}

TEST(DecideVerdict, OomBeatsNonZeroExit) {
    RunReport r = exited(137);
    r.oom_killed = true;
    EXPECT_EQ(decide_verdict(r, kNotRun, kLimits), Verdict::MLE);
}

TEST(DecideVerdict, OomBeatsSignal) {
    RunReport r = with_status(RunStatus::Signaled);
    r.signal = 9;
    r.oom_killed = true;
    EXPECT_EQ(decide_verdict(r, kNotRun, kLimits), Verdict::MLE);
}

TEST(DecideVerdict, PeakMemoryAboveLimitIsMLE) {
    RunReport r = exited();
    r.peak_memory = mib(257);
    EXPECT_EQ(decide_verdict(r, kAccepted, kLimits), Verdict::MLE);
}

TEST(DecideVerdict, MemoryBeatsOutputLimit) {
    RunReport r = with_status(RunStatus::OutputLimit);
    r.oom_killed = true;
    EXPECT_EQ(decide_verdict(r, kNotRun, kLimits), Verdict::MLE);
}

TEST(DecideVerdict, OutputLimitIsOLE) {
    EXPECT_EQ(decide_verdict(with_status(RunStatus::OutputLimit), kNotRun, kLimits), Verdict::OLE);
}

TEST(DecideVerdict, OutputLimitBeatsWrongAnswer) {
    EXPECT_EQ(decide_verdict(with_status(RunStatus::OutputLimit), kWrong, kLimits), Verdict::OLE);
}

TEST(DecideVerdict, SignalIsRTE) {
    RunReport r = with_status(RunStatus::Signaled);
    r.signal = 11;
    EXPECT_EQ(decide_verdict(r, kNotRun, kLimits), Verdict::RTE);
}

TEST(DecideVerdict, NonZeroExitIsRTEEvenWithCorrectOutput) {
    EXPECT_EQ(decide_verdict(exited(1), kAccepted, kLimits), Verdict::RTE);
}

TEST(DecideVerdict, RuntimeErrorBeatsWrongAnswer) {
    EXPECT_EQ(decide_verdict(exited(3), kWrong, kLimits), Verdict::RTE);
}

TEST(DecideVerdict, CleanExitWithoutCheckIsJE) {
    EXPECT_EQ(decide_verdict(exited(), kNotRun, kLimits), Verdict::JE);
}

TEST(DecideInteractiveVerdict, ValidatorCrashIsJE) {
    RunReport validator = with_status(RunStatus::Signaled);
    EXPECT_EQ(decide_interactive_verdict(exited(), validator, kWrong, true, kLimits), Verdict::JE);
}

TEST(DecideInteractiveVerdict, ValidatorBadExitIsJE) {
    EXPECT_EQ(decide_interactive_verdict(exited(), exited(0), kCheckerBroke, true, kLimits), Verdict::JE);
}

TEST(DecideInteractiveVerdict, ValidatorFirstWithWrongAnswerBeatsSubmissionCrash) {
    RunReport submission = with_status(RunStatus::Signaled);
    submission.signal = 13;  // SIGPIPE: the validator hung up
    EXPECT_EQ(decide_interactive_verdict(submission, exited(43), kWrong, true, kLimits), Verdict::WA);
}

TEST(DecideInteractiveVerdict, ValidatorFirstWithWrongAnswerBeatsSubmissionTimeout) {
    EXPECT_EQ(
        decide_interactive_verdict(with_status(RunStatus::WallTimeLimit), exited(43), kWrong, true, kLimits),
        Verdict::WA);
}

TEST(DecideInteractiveVerdict, SubmissionFirstThenTimeoutIsTLE) {
    EXPECT_EQ(
        decide_interactive_verdict(with_status(RunStatus::TimeLimit), exited(43), kWrong, false, kLimits),
        Verdict::TLE);
}

TEST(DecideInteractiveVerdict, SubmissionCrashBeatsValidatorVerdictWhenSubmissionEndedFirst) {
    EXPECT_EQ(decide_interactive_verdict(exited(1), exited(43), kWrong, false, kLimits), Verdict::RTE);
}

TEST(DecideInteractiveVerdict, ValidatorFirstAcceptingStillSeesSubmissionTimeout) {
    EXPECT_EQ(
        decide_interactive_verdict(with_status(RunStatus::TimeLimit), exited(42), kAccepted, true, kLimits),
        Verdict::TLE);
}

TEST(DecideInteractiveVerdict, CleanRunTakesTheValidatorVerdict) {
    EXPECT_EQ(decide_interactive_verdict(exited(), exited(42), kAccepted, false, kLimits), Verdict::AC);
    EXPECT_EQ(decide_interactive_verdict(exited(), exited(43), kWrong, false, kLimits), Verdict::WA);
}

TEST(DecideInteractiveVerdict, SandboxErrorOfEitherIsJE) {
    EXPECT_EQ(decide_interactive_verdict(with_status(RunStatus::SandboxError), exited(42), kAccepted, false,
                                         kLimits),
              Verdict::JE);
    EXPECT_EQ(
        decide_interactive_verdict(exited(), with_status(RunStatus::SandboxError), kAccepted, false, kLimits),
        Verdict::JE);
}
