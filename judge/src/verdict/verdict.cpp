#include "khue/judge/verdict.hpp"

namespace khue::judge {

Verdict decide_verdict(const RunReport& run, const CheckResult& check, const TestLimits& limits) {
    if (run.status == RunStatus::SandboxError) {
        return Verdict::JE;
    }
    if (check.status == CheckStatus::JudgeError) {
        return Verdict::JE;
    }
    // The sandbox's own limit flags are authoritative, but a run that finished just past the limit (timer
    // granularity) is still over it.
    if (run.status == RunStatus::TimeLimit || run.status == RunStatus::WallTimeLimit ||
        run.cpu_time > limits.time_limit) {
        return Verdict::TLE;
    }
    if (run.status == RunStatus::MemoryLimit || run.oom_killed || run.peak_memory > limits.memory_limit) {
        return Verdict::MLE;
    }
    if (run.status == RunStatus::OutputLimit) {
        return Verdict::OLE;
    }
    if (run.status == RunStatus::Signaled || (run.status == RunStatus::Exited && run.exit_code != 0)) {
        return Verdict::RTE;
    }
    switch (check.status) {
        case CheckStatus::WrongAnswer:
            return Verdict::WA;
        case CheckStatus::Accepted:
            return Verdict::AC;
        case CheckStatus::JudgeError:
        case CheckStatus::NotRun:
            break;
    }
    // A clean exit whose output was never checked means the pipeline lost track of something.
    return Verdict::JE;
}

Verdict decide_interactive_verdict(const RunReport& submission, const RunReport& validator,
                                   const CheckResult& check, bool validator_exited_first,
                                   const TestLimits& limits) {
    // A validator that did not exit by itself (crashed, timed out) cannot be trusted whatever it wrote.
    if (submission.status == RunStatus::SandboxError || validator.status != RunStatus::Exited ||
        check.status == CheckStatus::JudgeError) {
        return Verdict::JE;
    }
    if (validator_exited_first && check.status == CheckStatus::WrongAnswer) {
        return Verdict::WA;
    }
    return decide_verdict(submission, check, limits);
}

}  // namespace khue::judge
