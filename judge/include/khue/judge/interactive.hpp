// Interactive tests (docs/packages.md): the output validator and the submission run at the same time in two
// boxes, each one's stdout piped to the other's stdin through khue-box's inherited streams.
#pragma once

#include "khue/judge/box.hpp"
#include "khue/judge/checker.hpp"

namespace khue::judge {

struct InteractiveRun {
    RunReport submission;
    RunReport validator;
    bool validator_exited_first = false;
    CheckOutcome check;  // from the validator's exit code and feedback files
};

// `submission` carries the submission's argv, limits and mounts; its stdin/stdout must be empty. The team
// output field of `files` is unused (the submission's output goes to the validator).
InteractiveRun run_interactive(const RunSpec& submission, const Executable& validator,
                               const CheckFiles& files, const ValidationLimits& limits, Box& box);

// The part every interactive protocol shares: runs `helper` (the validator or interactor) connected to
// `submission`, the helper outliving the submission's wall limit, their stderr kept beside the feedback
// folder as <feedback>.<role>.stderr and .team-stderr (unless the submission names its own). Leaves `check`
// empty; sets helper.stderr_file, which the caller may read.
InteractiveRun run_connected_pair(RunSpec& helper, const RunSpec& submission, const CheckFiles& files,
                                  const std::string& role, Box& box);

}  // namespace khue::judge
