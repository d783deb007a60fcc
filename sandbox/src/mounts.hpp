// The box's file system: a fresh tmpfs root holding read-only bind mounts of the system folders, a fresh
// /proc, a minimal /dev, a private /tmp and /dev/shm, /box and the --mount extras. The plan is computed in
// the supervisor (allocation allowed) and applied in the box's init after clone() (no allocation, no
// exceptions).
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "khue/sandbox/config.hpp"
#include "khue/sandbox/trust.hpp"

namespace khue::sandbox {

struct MountOp {
    enum class Kind { Mkdir, Touch, Symlink, Bind, Tmpfs, Proc, File };
    Kind kind;
    std::string target;  // absolute path on the host side of the pivot (under the new root)
    std::string source;  // Bind: host path; Symlink: link text; Tmpfs and Proc: mount data; File: content
    unsigned long flags = 0;  // mount flags for Bind (applied by an extra remount), Tmpfs and Proc
    // Bind only: the inode planned (part of base_key()); when `verify` is set, the bound path must still be
    // that inode, or the setup fails.
    bool verify = false;
    dev_t expect_dev = 0;
    ino_t expect_ino = 0;
    // What must be fresh for every run (/proc, /tmp, /dev/shm, /box and the --mount binds); everything else
    // is the same for every run with the same plan and a warm session makes it once (warm_ns.hpp).
    bool per_run = false;
    // Bind in a warm session: a detached copy of the source (open_tree), made by the supervisor in the host's
    // mount namespace, because the box's init no longer sees host paths.
    int tree_fd = -1;
};

struct BoxDir {
    std::string host_path;
    dev_t dev;
    ino_t ino;
};

struct MountPlan {
    std::string root;  // where the tmpfs root is mounted before pivot_root
    std::vector<MountOp> ops;
    // Where /proc cannot be mounted with subset=pid: files bound over with `empty_file`.
    std::vector<std::string> proc_masks;
    std::string empty_file;
};

// `box_dir` is bound read-write at /box; without it /box is an empty read-only folder. Throws SandboxError
// when a --mount host path is missing.
// `box_uid` is named `khue` in the box's synthetic /etc/passwd and /etc/group.
// --mount host paths must lie under `policy`'s roots.
MountPlan plan_mounts(const BoxConfig& config, const std::string& root, const std::optional<BoxDir>& box_dir,
                      unsigned box_uid, const PathPolicy& policy);

// In the child: applies the plan, pivots into the new root and makes it read-only. Returns 0 or an errno;
// `*step` then names the failed operation (points into the plan's strings or to a literal).
int apply_mounts(const MountPlan& plan, const char** step) noexcept;

// Warm sessions split apply_mounts() in two. In a new mount namespace: the operations that are not per run,
// the pivot into the new root and its read-only remount (the base, made once; mount points for the per-run
// mounts included).
int apply_base_mounts(const MountPlan& plan, const char** step) noexcept;
// In a copy of the base namespace, already inside the box root: the per-run operations, their targets taken
// relative to the root, binds moved in from their `tree_fd`.
int apply_run_mounts(const MountPlan& plan, const char** step) noexcept;
// Equal for two plans exactly when their base operations are the same.
std::string base_key(const MountPlan& plan);

}  // namespace khue::sandbox
