// clone() into fresh namespaces, the box's init, the program's last steps before exec, and the supervisor's
// wait loop that enforces the CPU and wall-clock limits.
#pragma once

#include <linux/filter.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "khue/sandbox/cgroup.hpp"
#include "limits.hpp"
#include "mounts.hpp"

namespace khue::sandbox {

// Everything the child side needs, prepared before clone(): the child only reads it.
struct ChildPlan {
    const MountPlan* mounts = nullptr;
    const RlimitPlan* rlimits = nullptr;
    sock_fprog seccomp{};
    uid_t uid = 0;
    gid_t gid = 0;
    int stdio[3] = {-1, -1, -1};          // -1: keep khue-box's own
    std::vector<std::string> exec_paths;  // where to look for the program, in order (PATH search done here)
    std::vector<std::string> argv, env;
    std::vector<int> cgroup_self_attach;  // see Cgroup::self_attach_fds()
    int netns_fd = -1;                    // the slot's network namespace (netns.hpp)
    // Warm session (warm_ns.hpp): the base mount namespace to copy instead of building the root, and the
    // socket on which the init sends its copy to the supervisor (so that the init's exit does not free it).
    int base_mnt_fd = -1;
    int keep_ns_fd = -1;
    bool pin = false;  // --cpus: the init sets this affinity before forking the program
    cpu_set_t cpus{};
    bool bounding_set_empty =
        false;           // HostState::bounding_set_empty: the program skips dropping each capability
    bool steps = false;  // KHUE_BOX_STEPS: record the child side's step times (SpawnOutcome::steps)
};

struct SupervisorLimits {
    std::optional<Micros> cpu_time;
    Micros wall_time{0};
};

struct SpawnOutcome {
    std::optional<std::string> failure;  // setup failed or khue-box was interrupted: sandbox_error
    bool killed_for_cpu = false;
    bool killed_for_wall = false;
    std::optional<int>
        program_wait_status;  // as from waitpid(); absent when the program never finished itself
    rusage usage{};           // of the init and everything it reaped
    Micros wall_time{0};
    // With ChildPlan::steps, CLOCK_MONOTONIC nanoseconds of: clone() called, init started, init's mounts
    // done, init about to start the program, program about to execve(), init saw the program end, supervisor
    // woke for the init's exit, init reaped. 0 where not reached.
    static constexpr int kSteps = 8;
    std::int64_t steps[kSteps] = {};
};

// clone3() with CLONE_INTO_CGROUP and CLONE_PIDFD plus `flags`, like fork(): returns 0 in the child (which
// runs on a copy of our stack), the child's pid in the parent, or -1 with errno. glibc has no wrapper for
// clone3.
pid_t clone3_into_cgroup(unsigned long long flags, int cgroup_fd, int* pidfd) noexcept;

// `cgroup` may be null (rlimit fallback). Throws SandboxError when the supervisor itself cannot proceed.
SpawnOutcome spawn_and_supervise(const ChildPlan& plan, Cgroup* cgroup, const SupervisorLimits& limits);

}  // namespace khue::sandbox
