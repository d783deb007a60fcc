// CMS-style checkers (SPECS §2): `checker <input> <correct_output> <contestant_output>`, run in the box; the
// score of the case, a number in [0, 1], is the first thing on stdout, a message for the contestant on
// stderr. Chosen with `khue: {checker_protocol: cms}` in problem.yaml.
#include "khue/judge/checker.hpp"

#include <charconv>
#include <cmath>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

constexpr double kEpsilon = 1e-9;

std::string trimmed_first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.pop_back();
    }
    return line;
}

}  // namespace

CheckOutcome cms_outcome(const RunReport& checker, const std::string& stdout_text,
                         const std::string& stderr_text) {
    CheckOutcome outcome;
    auto& result = outcome.result;
    result.team_message = trimmed_first_line(stderr_text);
    result.judge_message = result.team_message;
    if (checker.status != RunStatus::Exited || checker.exit_code != 0) {
        result.status = CheckStatus::JudgeError;
        result.judge_message =
            "CMS checker " +
            (checker.status == RunStatus::Exited ? "exited with code " + std::to_string(checker.exit_code)
                                                 : std::string(to_string(checker.status))) +
            " (expected 0)" + (result.team_message.empty() ? "" : ": " + result.team_message);
        return outcome;
    }
    const auto first = stdout_text.find_first_not_of(" \t\r\n");
    const auto last = first == std::string::npos ? first : stdout_text.find_first_of(" \t\r\n", first);
    const std::string token =
        first == std::string::npos
            ? std::string()
            : stdout_text.substr(first, last == std::string::npos ? last : last - first);
    double score = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), score);
    if (token.empty() || ec != std::errc{} || end != token.data() + token.size() || !std::isfinite(score) ||
        score < -kEpsilon || score > 1 + kEpsilon) {
        result.status = CheckStatus::JudgeError;
        result.judge_message = "CMS checker printed '" + token.substr(0, 40) + "', not a score in [0, 1]";
        return outcome;
    }
    if (score >= 1 - kEpsilon) {
        result.status = CheckStatus::Accepted;
    } else if (score <= kEpsilon) {
        result.status = CheckStatus::WrongAnswer;
    } else {
        // Partly right: accepted with a fraction of the case's score (score_multiplier); a pass-fail problem
        // takes it as a wrong answer (pipeline).
        result.status = CheckStatus::Accepted;
        outcome.score_multiplier = score;
    }
    return outcome;
}

CheckOutcome run_cms_checker(const Executable& checker, const CheckFiles& files,
                             const ValidationLimits& limits, Box& box) {
    const auto inside = [](const char* mount, const fs::path& file) {
        return (fs::path(mount) / file.filename()).string();
    };
    auto spec = run_spec(checker, limits.memory,
                         {inside(kInputMount, files.input), inside(kAnswerMount, files.answer),
                          inside(kTeamOutputMount, files.team_output)});
    spec.cpu_time = limits.time;
    spec.wall_time = limits.time * 2 + Seconds{1};
    spec.output = limits.output;
    spec.dir = files.feedback_dir;
    spec.mounts.push_back({files.input.parent_path(), kInputMount, false});
    spec.mounts.push_back({files.answer.parent_path(), kAnswerMount, false});
    spec.mounts.push_back({files.team_output.parent_path(), kTeamOutputMount, false});
    const auto base =
        files.feedback_dir.parent_path() / (files.feedback_dir.filename().string() + ".checker");
    spec.stdout_file = fs::path(base.string() + ".stdout");
    spec.stderr_file = fs::path(base.string() + ".stderr");
    const auto report = box.run(spec);
    return cms_outcome(report, read_regular_file_bounded(*spec.stdout_file, kib(4)).value_or(""),
                       read_regular_file_bounded(*spec.stderr_file, kMaxFeedbackFile).value_or(""));
}

}  // namespace khue::judge
