// What a warm session (`khue-box session`, session.cpp) keeps between runs: facts about the host and about
// this binary that are the same for every run, and nothing of any run or slot. The path policy (who the
// caller is), the cgroup probe (which backend, where the khue/ parents are) and the exported seccomp
// programs. A one-shot `khue-box run` computes the same facts once for its single run.
#pragma once

#include <map>
#include <memory>
#include <optional>

#include "khue/sandbox/cgroup.hpp"
#include "khue/sandbox/config.hpp"
#include "khue/sandbox/result.hpp"
#include "khue/sandbox/trust.hpp"
#include "seccomp_policy.hpp"

namespace khue::sandbox {

class WarmNamespaces;

struct HostState {
    PathPolicy policy;
    CgroupProbe probe;
    std::optional<SeccompProgram> seccomp[2];  // [0] without --cpus, [1] pinned; built on first use
    // A session's prepared mount namespaces (warm_ns.hpp); null in a one-shot run, which builds its root.
    std::shared_ptr<WarmNamespaces> warm;
    // The cgroups of the slots this process ran in, kept with their files open (cgroup_common.hpp, HeldDir);
    // each run still prepares its slot's cgroup (limits set, counters reset, leftovers killed) under the slot
    // lock. At most kHeldCgroups slots are kept.
    std::map<int, std::unique_ptr<Cgroup>> cgroups;
    static constexpr std::size_t kHeldCgroups = 4;
    // A session empties its own capability bounding set once (session.cpp); the boxes' processes inherit it,
    // so they need not drop each capability again per run. It keeps its effective capabilities: the bounding
    // set only limits what an execve() may grant, and a session execs nothing but the boxed programs.
    bool bounding_set_empty = false;
    bool steps = false;  // KHUE_BOX_STEPS=1: each run prints its step times on standard error (box.cpp)
};

// Loads the policy and probes the cgroups. Throws SandboxError when the policy file is not valid.
HostState load_host_state();

// run_box() with the host facts of `host`: every run still gets its own slot lock, PID, IPC and UTS
// namespaces, a private copy of the mount namespace with a fresh /proc, /tmp, /dev/shm and /box, cgroup reset
// and streams, exactly as a one-shot run.
RunResult run_box_with(const BoxConfig& config, HostState& host);

}  // namespace khue::sandbox
