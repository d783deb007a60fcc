// The box's file system: a fresh tmpfs root holding read-only bind mounts of the system folders, a fresh
// /proc, a minimal /dev, a private /tmp and /dev/shm, /box and the --mount extras. The plan is computed in
// the supervisor (allocation allowed) and applied in the box's init after clone() (no allocation, no
// exceptions).
#pragma once

#include <string>
#include <vector>

#include "khue/sandbox/config.hpp"

namespace khue::sandbox {

struct MountOp {
    enum class Kind { Mkdir, Touch, Symlink, Bind, Tmpfs, Proc };
    Kind kind;
    std::string target;       // absolute path on the host side of the pivot (under the new root)
    std::string source;       // Bind: host path; Symlink: link text; Tmpfs: mount data ("size=...,mode=...")
    unsigned long flags = 0;  // mount flags for Bind (applied by an extra remount), Tmpfs and Proc
};

struct MountPlan {
    std::string root;  // where the tmpfs root is mounted before pivot_root
    std::vector<MountOp> ops;
};

// `work_dir_source` is what to bind at /box (usually /proc/self/fd/N of the directory khue-box opened), or
// empty for a read-only empty /box. Throws SandboxError when a --mount host path is missing.
MountPlan plan_mounts(const BoxConfig& config, const std::string& root, const std::string& work_dir_source);

// In the child: applies the plan, pivots into the new root and makes it read-only. Returns 0 or an errno;
// `*step` then names the failed operation (points into the plan's strings or to a literal).
int apply_mounts(const MountPlan& plan, const char** step) noexcept;

}  // namespace khue::sandbox
