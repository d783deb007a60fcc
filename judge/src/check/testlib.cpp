#include "khue/judge/checker.hpp"

#include <sstream>

namespace khue::judge {
namespace fs = std::filesystem;

CheckOutcome testlib_outcome(const RunReport& checker, const std::string& message) {
    CheckOutcome outcome;
    auto& result = outcome.result;
    result.judge_message = message;
    if (checker.status != RunStatus::Exited) {
        result.status = CheckStatus::JudgeError;
        result.judge_message = "checker " + std::string(to_string(checker.status)) +
                               (checker.status == RunStatus::Signaled ? " " + std::to_string(checker.signal) : "") +
                               (message.empty() ? "" : ": " + message);
        return outcome;
    }
    switch (checker.exit_code) {
        case 0:
            result.status = CheckStatus::Accepted;
            break;
        case 1:
        case 2:  // presentation error: the package format has no PE, it is a wrong answer
        case 4:  // "dirt" in the output
        case 8:  // unexpected end of output, in some testlib builds
            result.status = CheckStatus::WrongAnswer;
            break;
        case 7: {
            // Partial points: the first number in the message ("points 0.5 ..." or "0.5 ...").
            std::istringstream words(message);
            std::string word;
            while (words >> word) {
                try {
                    std::size_t used = 0;
                    const double points = std::stod(word, &used);
                    if (used == word.size()) {
                        result.score = points;
                        break;
                    }
                } catch (const std::exception&) {
                }
            }
            if (!result.score) {
                result.status = CheckStatus::JudgeError;
                result.judge_message = "checker reported partial points (exit 7) without a number: " + message;
                return outcome;
            }
            result.status = CheckStatus::Accepted;
            break;
        }
        default:
            result.status = CheckStatus::JudgeError;
            result.judge_message = "checker failed (exit code " + std::to_string(checker.exit_code) + ")" +
                                   (message.empty() ? "" : ": " + message);
            break;
    }
    return outcome;
}

CheckOutcome run_testlib_checker(const Executable& checker, const CheckFiles& files, const ValidationLimits& limits,
                                 Box& box) {
    const auto inside = [](const char* mount, const fs::path& file) {
        return (fs::path(mount) / file.filename()).string();
    };
    auto spec = run_spec(checker, limits.memory,
                         {inside(kInputMount, files.input), inside(kTeamOutputMount, files.team_output),
                          inside(kAnswerMount, files.answer)});
    spec.helper = true;  // a slot of its own, never the submission's
    spec.cpu_time = limits.time;
    spec.wall_time = limits.time * 2 + Seconds{1};
    spec.output = limits.output;
    spec.dir = files.feedback_dir;
    spec.mounts.push_back({files.input.parent_path(), kInputMount, false});
    spec.mounts.push_back({files.answer.parent_path(), kAnswerMount, false});
    spec.mounts.push_back({files.team_output.parent_path(), kTeamOutputMount, false});
    const auto base = files.feedback_dir.parent_path() / (files.feedback_dir.filename().string() + ".checker");
    spec.stdout_file = fs::path(base.string() + ".stdout");
    spec.stderr_file = fs::path(base.string() + ".stderr");
    const auto report = box.run(spec);
    auto message = read_regular_file_bounded(*spec.stderr_file, kMaxFeedbackFile).value_or("");
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
        message.pop_back();
    }
    return testlib_outcome(report, message);
}

}  // namespace khue::judge
