// Running one program in a box, and reporting which protections this host offers.
#pragma once

#include <string>
#include <vector>

#include "khue/sandbox/config.hpp"
#include "khue/sandbox/result.hpp"

namespace khue::sandbox {

// Runs config.argv in a fresh box. Failures of the box itself come back as status sandbox_error with a
// message (never as an exception), so that a result can always be written.
RunResult run_box(const BoxConfig& config);

struct Protection {
    std::string name;
    bool active = false;
    bool required = false;  // a contest must not run without it
    std::string detail;
};

// Probes namespaces, pivot_root, seccomp, the cgroup backend and its controllers, uid separation.
std::vector<Protection> check_protections();

// Removes the khue/box-* cgroups; returns what could not be removed.
std::vector<std::string> cleanup();

}  // namespace khue::sandbox
