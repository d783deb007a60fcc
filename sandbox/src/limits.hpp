// Resource limits set with setrlimit() in the program's process just before exec. With a cgroup backend they
// are backstops and per-process limits; with the rlimit fallback they are all there is.
#pragma once

#include <sys/resource.h>

#include <array>

#include "khue/sandbox/config.hpp"

namespace khue::sandbox {

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
