// What khue-box reports about one run: facts, never verdicts (docs/architecture.md). Every field is
// documented in sandbox/README.md; the JSON form is the contract the judge parses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khue/sandbox/types.hpp"

namespace khue::sandbox {

enum class Status { Exited, Signaled, TimeLimit, WallTimeLimit, MemoryLimit, OutputLimit, SandboxError };

std::string_view to_string(Status s);  // "exited", "signaled", "time_limit", ...

struct RunResult {
    Status status = Status::SandboxError;
    std::optional<int> exit_code;  // set when the program exited by itself
    std::optional<int> signal;     // set when the program was killed by a signal
    Micros cpu_time{0};            // user+system of every process and thread of the run
    Micros wall_time{0};
    Bytes peak_memory{};
    bool oom_killed = false;
    std::string message;
    std::string limits_backend;  // "cgroup-v1", "cgroup-v2" or "rlimit"
    std::vector<std::string> warnings;
    std::optional<int> box_id;
};

// The result as one JSON object followed by a newline.
std::string to_json(const RunResult& r);

// Minimal JSON writing shared by the result and `khue-box check --json`. Hand-written because the sandbox may
// link nothing but libc and libseccomp: the privileged piece stays tiny and auditable.
std::string json_quote(std::string_view s);

}  // namespace khue::sandbox
