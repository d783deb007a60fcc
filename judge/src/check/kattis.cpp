#include "khue/judge/checker.hpp"

#include "check_text.hpp"

#include <charconv>
#include <cmath>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

using check_text::describe_exit;
using check_text::parse_number;

fs::path parent_or_root(const fs::path& p) {
    return p.has_parent_path() ? p.parent_path() : fs::path("/");
}

}  // namespace

Feedback read_feedback(const fs::path& dir) {
    Feedback feedback;
    feedback.judge_message = read_regular_file_bounded(dir / "judgemessage.txt", kMaxFeedbackFile);
    feedback.team_message = read_regular_file_bounded(dir / "teammessage.txt", kMaxFeedbackFile);
    feedback.score = read_regular_file_bounded(dir / "score.txt", kib(1));
    feedback.score_multiplier = read_regular_file_bounded(dir / "score_multiplier.txt", kib(1));
    std::error_code ec;
    feedback.nextpass = fs::is_regular_file(fs::symlink_status(dir / "nextpass.in", ec));
    return feedback;
}

CheckOutcome kattis_outcome(const RunReport& validator, const Feedback& feedback) {
    CheckOutcome outcome;
    auto& result = outcome.result;
    result.judge_message = feedback.judge_message.value_or("");
    result.team_message = feedback.team_message.value_or("");
    if (validator.status != RunStatus::Exited || (validator.exit_code != 42 && validator.exit_code != 43)) {
        result.status = CheckStatus::JudgeError;
        result.judge_message = "output validator " + describe_exit(validator) + " (expected 42 or 43)" +
                               (result.judge_message.empty() ? "" : ": " + result.judge_message);
        return outcome;
    }
    result.status = validator.exit_code == 42 ? CheckStatus::Accepted : CheckStatus::WrongAnswer;
    if (feedback.score) {
        result.score = parse_number(*feedback.score);
        if (!result.score) {
            result.status = CheckStatus::JudgeError;
            result.judge_message = "score.txt is not a number: '" + feedback.score->substr(0, 40) + "'";
            return outcome;
        }
    }
    if (feedback.score_multiplier) {
        outcome.score_multiplier = parse_number(*feedback.score_multiplier);
        if (!outcome.score_multiplier) {
            result.status = CheckStatus::JudgeError;
            result.judge_message =
                "score_multiplier.txt is not a number: '" + feedback.score_multiplier->substr(0, 40) + "'";
            return outcome;
        }
    }
    outcome.next_pass = result.status == CheckStatus::Accepted && feedback.nextpass;
    return outcome;
}

RunSpec kattis_validator_spec(const Executable& validator, const CheckFiles& files,
                              const ValidationLimits& limits) {
    const fs::path input_inside = fs::path(kInputMount) / files.input.filename();
    const fs::path answer_inside = fs::path(kAnswerMount) / files.answer.filename();
    std::vector<std::string> args{input_inside.string(), answer_inside.string(), "/box/"};
    args.insert(args.end(), files.args.begin(), files.args.end());
    auto spec = run_spec(validator, limits.memory, args);
    spec.cpu_time = limits.time;
    spec.wall_time = limits.time * 2 + Seconds{1};
    spec.output = limits.output;
    spec.dir = files.feedback_dir;
    spec.helper = true;  // a slot of its own, never the submission's
    spec.mounts.push_back({parent_or_root(files.input), kInputMount, false});
    spec.mounts.push_back({parent_or_root(files.answer), kAnswerMount, false});
    return spec;
}

CheckOutcome run_kattis_validator(const Executable& validator, const CheckFiles& files,
                                  const ValidationLimits& limits, Box& box) {
    auto spec = kattis_validator_spec(validator, files, limits);
    spec.stdin_file = files.team_output;
    // Its stdout and stderr are debug output only; keep them out of the feedback dir and bounded.
    const auto debug =
        files.feedback_dir.parent_path() / (files.feedback_dir.filename().string() + ".validator");
    spec.stdout_file = fs::path(debug.string() + ".stdout");
    spec.stderr_file = fs::path(debug.string() + ".stderr");
    const auto report = box.run(spec);
    return kattis_outcome(report, read_feedback(files.feedback_dir));
}

}  // namespace khue::judge
