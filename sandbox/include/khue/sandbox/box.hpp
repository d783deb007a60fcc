// Running one program in a box, and reporting which protections this host offers.
#pragma once

#include <string>
#include <vector>

#include "khue/sandbox/config.hpp"
#include "khue/sandbox/result.hpp"
#include "khue/sandbox/trust.hpp"

namespace khue::sandbox {

// Runs config.argv in a fresh box. Failures of the box itself come back as status sandbox_error with a
// message (never as an exception), so that a result can always be written.
RunResult run_box(const BoxConfig& config);

// Opens (creating when missing) the --result file as an entry of its folder, after checking that folder
// against the policy's roots; "/dev/null" is always accepted. Returns the descriptor or -1 with errno; throws
// SandboxError when the folder is refused.
int open_result_file(const std::string& path, const PathPolicy& policy);
// The same check before the run, so that a refused --result stops the run before the program starts.
void check_result_path(const std::string& path, const PathPolicy& policy);

struct Protection {
    std::string name;
    bool active = false;
    bool required = false;  // a contest must not run without it
    std::string detail;
};

// Probes namespaces, pivot_root, seccomp, the cgroup backend and its controllers, uid separation.
std::vector<Protection> check_protections();

// For khue-box's SIGTERM/SIGINT/SIGHUP handlers (async-signal-safe): the running box is killed and its result
// becomes a sandbox_error, so that the judge's cancellation still leaves a result and a clean slot.
void interrupt_runs(int signal) noexcept;
// The signal interrupt_runs() recorded, or 0.
int stop_signal() noexcept;

// `khue-box session`: the warm mode. Reads requests from `in_fd` and answers each with one result on
// `out_fd`, until end of input, a broken request stream or a stop signal. A request is the arguments of
// `khue-box run` after "run" (options, "--", program and its arguments), each ended by a NUL byte, and the
// request itself ended by one more NUL (an empty argument). The answer is the result JSON of that run on one
// line, the same object `khue-box run --result` writes. Streams a request does not name are /dev/null (never
// the session's own), --result must be absent or "-", and a request with bad options is answered with a
// sandbox_error result naming the option. Every run is exactly a one-shot run (its own slot lock, namespaces,
// mounts, tmpfs folders, cgroup reset); the session keeps only host facts between runs (host_state.hpp).
// Returns the exit status: 0 at end of input, 1 otherwise.
int run_session(int in_fd, int out_fd);

// `khue-box clean DIR`: empties a folder a box wrote to (clean_dir.hpp), under the same rules as --dir: never
// "/", a top-level or a system folder, and for callers that are not plain root only under the roots. Throws
// SandboxError when the folder is refused or cannot be emptied.
void clean_folder(const std::string& path);

// Removes the khue/box-* cgroups; returns what could not be removed.
std::vector<std::string> cleanup();

}  // namespace khue::sandbox
