#include "khue/judge/interactive.hpp"

namespace khue::judge {
namespace fs = std::filesystem;

InteractiveRun run_interactive(const RunSpec& submission, const Executable& validator,
                               const CheckFiles& files, const ValidationLimits& limits, Box& box) {
    auto validator_spec = kattis_validator_spec(validator, files, limits);
    InteractiveRun run = run_connected_pair(validator_spec, submission, files, "validator", box);
    run.check = kattis_outcome(run.validator, read_feedback(files.feedback_dir));
    return run;
}

InteractiveRun run_connected_pair(RunSpec& helper, const RunSpec& submission, const CheckFiles& files,
                                  const std::string& role, Box& box) {
    // The helper mostly waits for the submission: it must outlive the submission's own wall limit, or a slow
    // submission would look like a validator failure (a judge error) instead of a TLE.
    if (submission.wall_time && helper.wall_time && *helper.wall_time < *submission.wall_time) {
        helper.wall_time = *submission.wall_time + Seconds{1};
    }
    const auto debug =
        files.feedback_dir.parent_path() / (files.feedback_dir.filename().string() + "." + role);
    helper.stderr_file = fs::path(debug.string() + ".stderr");
    RunSpec submission_spec = submission;
    if (!submission_spec.stderr_file) {
        submission_spec.stderr_file = fs::path(debug.string() + ".team-stderr");
    }
    const auto reports = box.run_connected(helper, submission_spec);
    InteractiveRun run;
    run.validator = reports.first;
    run.submission = reports.second;
    run.validator_exited_first = reports.first_ended_first;
    return run;
}

}  // namespace khue::judge
