#include "khue/judge/themis.hpp"

#include "check_text.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <vector>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

constexpr double kEpsilon = 1e-9;

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::optional<double> parse_fraction(const std::string& text) {
    return check_text::parse_number(text);
}

std::string describe_exit(const RunReport& run) {
    const std::string how = check_text::describe_exit(run);
    return run.status == RunStatus::Signaled ? "was " + how : how;
}

// A fresh read-only folder for the checker holding copies of `files` under the given names.
fs::path lay_out(const fs::path& dir, const std::vector<std::pair<fs::path, std::string>>& files) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
    for (const auto& [from, name] : files) {
        fs::copy_file(from, dir / name, fs::copy_options::overwrite_existing);
        fs::permissions(dir / name, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                        fs::perms::others_read);
    }
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    return dir;
}

}  // namespace

CheckOutcome themis_outcome(const RunReport& checker, const std::string& standard_output,
                            bool partial_credit) {
    CheckOutcome outcome;
    auto& result = outcome.result;
    // The comment lines, then the score line; blank lines at the end are not a score.
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= standard_output.size()) {
        const auto end = standard_output.find('\n', start);
        const auto line =
            trim(std::string_view(standard_output)
                     .substr(start, end == std::string::npos ? std::string::npos : end - start));
        lines.push_back(line);
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
    }
    std::string comment;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        comment += (comment.empty() ? "" : "\n") + lines[i];
    }
    result.judge_message = comment;
    if (checker.status != RunStatus::Exited || checker.exit_code != 0) {
        result.status = CheckStatus::JudgeError;
        result.judge_message =
            "Themis checker " + describe_exit(checker) + " (expected 0)" +
            (lines.empty() ? "" : ": " + comment + (comment.empty() ? "" : " ") + lines.back());
        return outcome;
    }
    if (lines.empty()) {
        result.status = CheckStatus::JudgeError;
        result.judge_message = "Themis checker printed nothing (expected a comment line and a score line)";
        return outcome;
    }
    const auto score = parse_fraction(lines.back());
    if (!score) {
        result.status = CheckStatus::JudgeError;
        result.judge_message =
            "Themis checker's last line is not a score: '" + lines.back().substr(0, 40) + "'";
        return outcome;
    }
    if (*score < -kEpsilon || *score > 1 + kEpsilon) {
        result.status = CheckStatus::JudgeError;
        result.judge_message = "Themis checker's score " + lines.back() +
                               " is outside [0, 1] (it is the fraction of the test's points)";
        return outcome;
    }
    if (*score >= 1 - kEpsilon) {
        result.status = CheckStatus::Accepted;
    } else if (*score > kEpsilon && partial_credit) {
        result.status = CheckStatus::Accepted;
        outcome.score_multiplier = *score;
    } else {
        result.status = CheckStatus::WrongAnswer;
        if (*score > kEpsilon) {
            result.judge_message += std::string(comment.empty() ? "" : "\n") + "partial score " +
                                    lines.back() + " counts as wrong answer: the problem is pass-fail";
        }
    }
    return outcome;
}

CheckOutcome run_themis_checker(const Executable& checker, const CheckFiles& files, const FileIo& names,
                                bool partial_credit, const ValidationLimits& limits, Box& box) {
    const auto base = files.feedback_dir.parent_path() / (files.feedback_dir.filename().string() + ".themis");
    const auto test_dir = lay_out(fs::path(base.string() + ".test"),
                                  {{files.input, names.input}, {files.answer, names.output}});
    const auto team_dir = lay_out(fs::path(base.string() + ".team"), {{files.team_output, names.output}});
    const fs::path stdin_file = base.string() + ".stdin";
    {
        std::ofstream out(stdin_file, std::ios::binary | std::ios::trunc);
        out << kThemisTestMount << "/\n" << kThemisTeamMount << "/\n";
        if (!out) {
            throw SandboxError("cannot write " + stdin_file.string());
        }
    }
    auto spec = run_spec(checker, limits.memory);
    spec.cpu_time = limits.time;
    spec.wall_time = limits.time * 2 + Seconds{1};
    spec.output = limits.output;
    spec.dir = files.feedback_dir;
    spec.mounts.push_back({test_dir, kThemisTestMount, false});
    spec.mounts.push_back({team_dir, kThemisTeamMount, false});
    spec.stdin_file = stdin_file;
    spec.stdout_file = fs::path(base.string() + ".stdout");
    spec.stderr_file = fs::path(base.string() + ".stderr");
    const auto report = box.run(spec);
    const auto output = read_regular_file_bounded(*spec.stdout_file, kMaxFeedbackFile).value_or("");
    auto outcome = themis_outcome(report, output, partial_credit);
    std::error_code ec;
    fs::remove_all(test_dir, ec);
    fs::remove_all(team_dir, ec);
    return outcome;
}

}  // namespace khue::judge
