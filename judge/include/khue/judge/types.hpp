// Vocabulary shared by every part of the judge: units, verdicts, what a sandboxed run reports, what a checker
// says. Kept small and dependency-free so that packages, the pipeline, the store and the API all speak the
// same types.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace khue::judge {

// A size in bytes. Construct with bytes(), kib(), mib(); never pass bare integers for sizes.
class Bytes {
  public:
    constexpr Bytes() = default;
    constexpr explicit Bytes(std::uint64_t n) : n_(n) {}
    constexpr std::uint64_t count() const { return n_; }
    constexpr std::uint64_t in_kib() const { return n_ / 1024; }
    constexpr std::uint64_t in_mib() const { return n_ / (1024 * 1024); }
    constexpr auto operator<=>(const Bytes&) const = default;
    constexpr Bytes operator+(Bytes o) const { return Bytes{n_ + o.n_}; }

  private:
    std::uint64_t n_ = 0;
};
constexpr Bytes kib(std::uint64_t n) {
    return Bytes{n * 1024};
}
constexpr Bytes mib(std::uint64_t n) {
    return Bytes{n * 1024 * 1024};
}

// Durations are seconds held as double so that limits like 1.5 s stay exact enough and convert cleanly.
using Seconds = std::chrono::duration<double>;

// Verdict ids are the Contest API judgement-type ids.
enum class Verdict { AC, WA, TLE, MLE, RTE, OLE, CE, JE };

std::string_view to_string(Verdict v);                           // "AC", "WA", ...
std::optional<Verdict> verdict_from_string(std::string_view s);  // accepts the ids above, case-sensitive

// How a sandboxed run ended, exactly as khue-box reports it (docs/cli.md, result field `status`).
enum class RunStatus { Exited, Signaled, TimeLimit, WallTimeLimit, MemoryLimit, OutputLimit, SandboxError };

std::string_view to_string(RunStatus s);  // "exited", "signaled", "time_limit", ...
std::optional<RunStatus> run_status_from_string(std::string_view s);

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
