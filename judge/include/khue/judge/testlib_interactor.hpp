// Interactive problems whose interactor is a testlib one (`khue: {checker_protocol: testlib}`).
#pragma once

#include "khue/judge/interactive.hpp"

namespace khue::judge {

// `interactor <input> /box/output_log <answer>` connected to the submission; verdict from its exit code as
// testlib_outcome() maps it, message from its stderr.
InteractiveRun run_testlib_interactor(const RunSpec& submission, const Executable& interactor,
                                      const CheckFiles& files, const ValidationLimits& limits, Box& box);

}  // namespace khue::judge
