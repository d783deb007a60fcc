// The verdict of one test, decided by pure functions from facts (docs/architecture.md: one pure function, explicit
// precedence, a test per rule).
#pragma once

#include "khue/judge/types.hpp"

namespace khue::judge {

// Precedence, first match wins:
//   1. the sandbox failed (status sandbox_error)                               -> JE (retried, never shown)
//   2. the checker failed (CheckStatus::JudgeError)                            -> JE
//   3. CPU or wall time limit hit, or CPU time above limits.time_limit         -> TLE
//   4. memory limit hit or OOM-killed, or peak memory above limits.memory_limit -> MLE
//   5. output limit hit                                                        -> OLE
//   6. killed by a signal, or a non-zero exit code                            -> RTE
//   7. the checker said wrong answer                                           -> WA
//   8. the checker accepted                                                    -> AC
//   otherwise (clean exit but the checker never ran)                           -> JE
// Time and memory come before the crash because a program killed at its limit dies of a signal (SIGKILL,
// SIGXCPU) or exits non-zero after a failed allocation: the limit is the cause, the crash the symptom.
Verdict decide_verdict(const RunReport& run, const CheckResult& check, const TestLimits& limits);

// Interactive problems (docs/packages.md): the validator and the submission run together.
//   1. either box failed, the validator did not exit normally, or its result is a judge error -> JE
//   2. the validator exited first and said wrong answer                                    -> WA, whatever
//      the submission did afterwards (it was likely cut off)
//   3. otherwise as decide_verdict for the submission: TLE, MLE, OLE, RTE, then the validator's verdict.
Verdict decide_interactive_verdict(const RunReport& submission, const RunReport& validator,
                                   const CheckResult& check, bool validator_exited_first,
                                   const TestLimits& limits);

}  // namespace khue::judge
