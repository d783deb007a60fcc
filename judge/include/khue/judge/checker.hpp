// Checking one test's output: the default validator (in-process), a custom validator speaking the Kattis
// protocol, or a testlib checker — the latter two run inside the box with the validation limits. The
// exit-code mappings are pure functions, tested without processes.
#pragma once

#include "khue/judge/box.hpp"
#include "khue/judge/compile.hpp"
#include "khue/judge/types.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace khue::judge {

inline constexpr Bytes kMaxFeedbackFile = kib(64);
// Where a check sees its files inside the box.
inline constexpr const char* kInputMount = "/judge/input";
inline constexpr const char* kAnswerMount = "/judge/answer";
inline constexpr const char* kTeamOutputMount = "/judge/output";

// A check's conclusion plus what the format lets a validator say besides accept/reject.
struct CheckOutcome {
    CheckResult result;
    std::optional<double> score_multiplier;  // score_multiplier.txt
    bool next_pass = false;                  // 42 with nextpass.in in the feedback dir (multi-pass)
};

struct ValidationLimits {
    Seconds time{60.0};
    Bytes memory = mib(2048);
    Bytes output = mib(8);
};

// Feedback files of the Kattis protocol, read back bounded; symlinks, FIFOs and devices are ignored (the
// validator ran sandboxed and may have planted them).
struct Feedback {
    std::optional<std::string> judge_message;
    std::optional<std::string> team_message;
    std::optional<std::string> score;
    std::optional<std::string> score_multiplier;
    bool nextpass = false;
};
Feedback read_feedback(const std::filesystem::path& feedback_dir);

// Kattis: 42 accepted, 43 wrong answer, anything else (0 included), a signal or a limit is a judge error.
// A score or multiplier that is not a number is a judge error too.
CheckOutcome kattis_outcome(const RunReport& validator, const Feedback& feedback);
// testlib: 0 ok, 1 wrong answer, 2 presentation error (counts as wrong answer), 4 and 8 (dirt / unexpected
// EOF) wrong answer, 7 partial points (first number of the message), 3 and anything else a judge error.
CheckOutcome testlib_outcome(const RunReport& checker, const std::string& message);

// CMS: exit 0 with a score in [0,1] first on stdout (1 AC, 0 WA, between: AC with that score_multiplier),
// the contestant's message on stderr; anything else is a judge error.
CheckOutcome cms_outcome(const RunReport& checker, const std::string& stdout_text,
                         const std::string& stderr_text);

struct CheckFiles {
    std::filesystem::path input;
    std::filesystem::path answer;
    std::filesystem::path team_output;
    std::filesystem::path feedback_dir;  // empty folder writable by the box (0777); persists across passes
    std::vector<std::string> args;       // output validator args
};

// `validator input answer feedback_dir/ args... < team_output`, inside the box.
CheckOutcome run_kattis_validator(const Executable& validator, const CheckFiles& files,
                                  const ValidationLimits& limits, Box& box);
// `checker input output answer`, inside the box; message from its stderr.
CheckOutcome run_testlib_checker(const Executable& checker, const CheckFiles& files,
                                 const ValidationLimits& limits, Box& box);

// `checker input answer output`, inside the box (CMS order); score from its stdout.
CheckOutcome run_cms_checker(const Executable& checker, const CheckFiles& files,
                             const ValidationLimits& limits, Box& box);

// The validator side of an interactive run: argv and mounts with the feedback dir at /box.
RunSpec kattis_validator_spec(const Executable& validator, const CheckFiles& files,
                              const ValidationLimits& limits);

}  // namespace khue::judge
