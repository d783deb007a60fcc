// Resource accounting and limits for one box slot: one interface, two cgroup backends (v1, v2), chosen at run
// time. A slot's cgroup (…/khue/box-N) is created on first use and reused across runs, because creating and
// removing cgroups costs more than resetting their counters; `khue-box cleanup` removes them.
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khue/sandbox/types.hpp"

namespace khue::sandbox {

struct CgroupLimits {
    std::optional<Bytes> memory;  // none = unlimited
    unsigned max_pids = 64;       // every task in the cgroup, threads included
};

struct CgroupStats {
    Micros cpu_time{0};
    Bytes peak_memory{};
    bool oom_killed = false;
};

class Cgroup {
  public:
    virtual ~Cgroup() = default;
    virtual std::string_view backend_name() const = 0;
    // Creates the slot's cgroup when missing, writes the limits and resets the counters of the previous run.
    virtual void prepare(const CgroupLimits& limits) = 0;
    // Moves `pid` (and so everything it forks later) into the cgroup.
    virtual void attach(pid_t pid) = 0;
    // Open files into which the box's init writes "0" to move itself, instead of attach(). Moving oneself as
    // a single thread through v1 `tasks` skips the global cgroup_threadgroup_rwsem, whose write side waits
    // for an RCU grace period: about 4-12 ms per run on a busy host, most of the sandbox's cost. Empty: use
    // attach().
    virtual std::vector<int> self_attach_fds() { return {}; }
    // An open cgroup directory for clone3(CLONE_INTO_CGROUP), which starts the init inside the cgroup without
    // any move (v2 only); -1 when not offered. attach() remains the fallback for kernels before 5.7.
    virtual int clone_into_fd() { return -1; }
    // CPU time used since prepare(); cheap, called from the supervisor's poll loop.
    virtual Micros cpu_time() = 0;
    // Counters of the run since prepare().
    virtual CgroupStats stats() = 0;
    // SIGKILLs every task still in the cgroup and waits until it is empty (bounded).
    virtual void kill_all() = 0;
};

enum class LimitsBackend { CgroupV2, CgroupV1, Rlimit };
std::string_view to_string(LimitsBackend b);  // "cgroup-v2", "cgroup-v1", "rlimit"

struct ControllerSet {
    bool memory = false;
    bool pids = false;
    bool cpu = false;  // v2 "cpu"; v1 "cpuacct"
    bool complete() const { return memory && pids && cpu; }
};

// v2 wins when it has every controller, then v1; otherwise the loud rlimit fallback.
LimitsBackend choose_backend(const ControllerSet& v2, const ControllerSet& v1);

// What this host offers, found from /proc/self/mountinfo and /proc/self/cgroup. The environment variable
// KHUE_CGROUP_V2_ROOT replaces the v2 parent directory (tests point it at a fake tree of plain files).
struct CgroupProbe {
    ControllerSet v2, v1;
    std::string v2_parent;         // directory that holds (or will hold) khue/
    std::string v1_memory_parent;  // per controller, <mount>/<own cgroup path>
    std::string v1_pids_parent;
    std::string v1_cpuacct_parent;
    LimitsBackend backend = LimitsBackend::Rlimit;
};
CgroupProbe probe_cgroups();

// `parent` is the directory under which khue/box-N lives.
std::unique_ptr<Cgroup> make_cgroup_v2(std::string parent, int box_id);
std::unique_ptr<Cgroup> make_cgroup_v1(const CgroupProbe& probe, int box_id);
// The backend chosen by the probe, or nullptr for the rlimit fallback.
std::unique_ptr<Cgroup> make_cgroup(const CgroupProbe& probe, int box_id);

// Removes the khue/box-N cgroups for which `may_remove(N)` is true, and the khue parent when it is then
// empty. Returns messages about what could not be removed.
std::vector<std::string> cleanup_cgroups(const CgroupProbe& probe,
                                         const std::function<bool(int)>& may_remove);

}  // namespace khue::sandbox
