// testlib interactors: `interactor <input> <output_log> [<answer>]`, its stdin fed by the submission's
// stdout and its stdout by the submission's stdin, both in boxes. Exit codes as a testlib checker's: 0 AC,
// 1/2 WA, 3 judge error, 7 partial points. Chosen with `khue: {checker_protocol: testlib}` on an interactive
// problem.
#include "khue/judge/testlib_interactor.hpp"

namespace khue::judge {
namespace fs = std::filesystem;

InteractiveRun run_testlib_interactor(const RunSpec& submission, const Executable& interactor,
                                      const CheckFiles& files, const ValidationLimits& limits, Box& box) {
    const fs::path input_inside = fs::path(kInputMount) / files.input.filename();
    const fs::path answer_inside = fs::path(kAnswerMount) / files.answer.filename();
    // The output log goes to the feedback dir, mounted read-write at /box.
    auto spec = run_spec(interactor, limits.memory,
                         {input_inside.string(), "/box/output_log", answer_inside.string()});
    spec.cpu_time = limits.time;
    spec.wall_time = limits.time * 2 + Seconds{1};
    spec.output = limits.output;
    spec.dir = files.feedback_dir;
    spec.mounts.push_back(
        {files.input.has_parent_path() ? files.input.parent_path() : fs::path("/"), kInputMount, false});
    spec.mounts.push_back(
        {files.answer.has_parent_path() ? files.answer.parent_path() : fs::path("/"), kAnswerMount, false});
    // It waits for the submission most of the time: it must outlive the submission's wall limit.
    if (submission.wall_time && spec.wall_time && *spec.wall_time < *submission.wall_time) {
        spec.wall_time = *submission.wall_time + Seconds{1};
    }
    const auto debug =
        files.feedback_dir.parent_path() / (files.feedback_dir.filename().string() + ".interactor");
    spec.stderr_file = fs::path(debug.string() + ".stderr");
    RunSpec submission_spec = submission;
    if (!submission_spec.stderr_file) {
        submission_spec.stderr_file = fs::path(debug.string() + ".team-stderr");
    }
    const auto reports = box.run_connected(spec, submission_spec);
    InteractiveRun run;
    run.validator = reports.first;
    run.submission = reports.second;
    run.validator_exited_first = reports.first_ended_first;
    std::string message = read_regular_file_bounded(*spec.stderr_file, kMaxFeedbackFile).value_or("");
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
        message.pop_back();
    }
    run.check = testlib_outcome(run.validator, message);
    return run;
}

}  // namespace khue::judge
