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
    InteractiveRun run = run_connected_pair(spec, submission, files, "interactor", box);
    std::string message = read_regular_file_bounded(*spec.stderr_file, kMaxFeedbackFile).value_or("");
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
        message.pop_back();
    }
    run.check = testlib_outcome(run.validator, message);
    return run;
}

}  // namespace khue::judge
