// Vocabulary shared by every part of the judge: units, verdicts, what a sandboxed run reports, what a checker
// says. Kept small and dependency-free so that packages, the pipeline, the store and the API all speak the
// same types.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "khue/sandbox/protocol.hpp"

namespace khue::judge {

// Sizes and run statuses are the sandbox protocol's: one definition for khue-box and the judge.
using sandbox::protocol::Bytes;
using sandbox::protocol::kib;
using sandbox::protocol::mib;

// Durations are seconds held as double so that limits like 1.5 s stay exact enough and convert cleanly.
using Seconds = std::chrono::duration<double>;

// Verdict ids are the Contest API judgement-type ids.
enum class Verdict { AC, WA, TLE, MLE, RTE, OLE, CE, JE };

std::string_view to_string(Verdict v);                           // "AC", "WA", ...
std::optional<Verdict> verdict_from_string(std::string_view s);  // accepts the ids above, case-sensitive

// How a sandboxed run ended, exactly as khue-box reports it (docs/cli.md, result field `status`): "exited",
// "signaled", "time_limit", ... (to_string, run_status_from_string).
using sandbox::protocol::run_status_from_string;
using sandbox::protocol::RunStatus;
using sandbox::protocol::to_string;

// Facts about one run in a box; never a verdict (the sandbox reports facts, docs/architecture.md).
struct RunReport {
    RunStatus status = RunStatus::SandboxError;
    int exit_code = 0;  // meaningful when status == Exited
    int signal = 0;     // meaningful when status == Signaled
    Seconds cpu_time{0};
    Seconds wall_time{0};
    Bytes peak_memory{};
    bool oom_killed = false;
    std::string message;  // sandbox's own explanation; for SandboxError, what broke
};

// What an output validator or checker concluded about one test's output.
enum class CheckStatus {
    Accepted,     // Kattis 42, testlib 0
    WrongAnswer,  // Kattis 43, testlib 1/2
    JudgeError,   // anything else, or the checker itself crashed / timed out
    NotRun,       // the submission failed before its output could be checked
};

struct CheckResult {
    CheckStatus status = CheckStatus::NotRun;
    std::optional<double> score;  // score.txt or testlib partial points, when given
    std::string judge_message;    // judgemessage.txt / checker stderr, bounded
    std::string team_message;     // teammessage.txt, bounded
};

// The limits one test ran under, as the verdict decision needs them.
struct TestLimits {
    Seconds time_limit{1.0};
    Bytes memory_limit = mib(256);
    Bytes output_limit = mib(8);
};

}  // namespace khue::judge
