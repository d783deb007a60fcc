// What one run in a box may do: the typed form of `khue-box run`'s options.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "khue/sandbox/types.hpp"

namespace khue::sandbox {

struct BindMount {
    std::string host_path;
    std::string inside_path;  // absolute, normalised, never shadowing /proc, /dev or the system folders
    bool writable = false;
};

inline constexpr int kMaxBoxId = 999;
inline constexpr int kMaxCpu = 1023;  // CPU_SETSIZE - 1

struct BoxConfig {
    std::optional<Micros> cpu_time_limit;   // --time; none = no CPU limit
    std::optional<Micros> wall_time_limit;  // --wall-time; none = 2*cpu+1 s, or 10 s without --time
    std::optional<Bytes> memory_limit;      // --memory; none = no memory limit
    unsigned max_processes = 64;            // --processes: processes and threads of the program together
    Bytes output_limit = mib(64);           // --output: RLIMIT_FSIZE
    Bytes tmp_size = mib(64);               // --tmp-size: the private /tmp and /dev/shm tmpfs
    unsigned max_open_files = 64;           // RLIMIT_NOFILE
    std::optional<std::string> stdin_path, stdout_path, stderr_path;
    std::optional<std::string> work_dir;     // --dir, mounted read-write at /box
    bool clean_dir = false;                  // --clean-dir: empty work_dir after the run
    std::vector<BindMount> mounts;           // --mount
    std::vector<std::string> env;            // --env, "NAME=VALUE"
    std::optional<int> box_id;               // --box-id; none = pick a free slot
    std::vector<int> cpus;                   // --cpus; empty = every CPU khue-box may use
    std::optional<std::string> result_path;  // --result; none or "-" = standard output
    std::vector<std::string> argv;           // PROGRAM [ARGS...]

    Micros effective_wall_time_limit() const;
};

}  // namespace khue::sandbox
