// Resource limits set with setrlimit() in the program's process just before exec. With a cgroup backend they
// are backstops and per-process limits; with the rlimit fallback they are all there is.
#pragma once

#include <sys/resource.h>

#include <array>

#include "khue/sandbox/config.hpp"

namespace khue::sandbox {

// Printed and reported as a warning whenever no cgroup backend is available (rlimits only).
inline constexpr const char* kRlimitWarning =
    "NO CGROUP LIMITS: neither cgroup v2 nor v1 offers memory, pids and cpu accounting here; falling back to "
    "rlimits (RLIMIT_AS, RLIMIT_NPROC, per-process RLIMIT_CPU). Memory use and the CPU time of multi-process "
    "programs are not measured reliably and an out-of-memory kill cannot be reported. Do not run a contest "
    "like this.";

struct RlimitPlan {
    struct Entry {
        int resource;
        rlimit value;
    };
    std::array<Entry, 8> entries{};
    std::size_t count = 0;
};

// `fallback` adds RLIMIT_AS and RLIMIT_NPROC, which stand in for the memory and pids cgroups.
RlimitPlan plan_rlimits(const BoxConfig& config, bool fallback);

// In the child; returns 0 or errno and the failing resource in *resource.
int apply_rlimits(const RlimitPlan& plan, int* resource) noexcept;

}  // namespace khue::sandbox
