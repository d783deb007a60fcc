// cgroup v1: memory, pids and cpuacct, each in its own hierarchy (possibly co-mounted with others).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "cgroup_common.hpp"
#include "fs_util.hpp"
#include "khue/sandbox/cgroup.hpp"
#include "khue/sandbox/error.hpp"

namespace khue::sandbox {
namespace {

class CgroupV1 final : public Cgroup {
  public:
    CgroupV1(const CgroupProbe& probe, int box_id)
        : dirs_{cg::HeldDir(probe.v1_memory_parent + leaf(box_id)),
                cg::HeldDir(probe.v1_pids_parent + leaf(box_id)),
                cg::HeldDir(probe.v1_cpuacct_parent + leaf(box_id))} {
        parents_[0] = probe.v1_memory_parent;
        parents_[1] = probe.v1_pids_parent;
        parents_[2] = probe.v1_cpuacct_parent;
    }

    std::string_view backend_name() const override { return "cgroup-v1"; }

    void prepare(const CgroupLimits& limits) override {
        // A session keeps this object, and the files below open, from run to run; a folder that is gone or
        // was made again since (`khue-box cleanup`) is made if needed and opened afresh.
        for (int i = 0; i < 3; ++i) {
            if (!dirs_[i].current()) {
                fs::ensure_dir(parents_[i] + "/khue", 0755);
                fs::ensure_dir(dirs_[i].path(), 0755);
                dirs_[i].dir_fd();
            }
        }
        // Nothing of an earlier run may still be running in the slot.
        for (const auto& d : dirs_) {
            if (!cg::kill_listed(d.path() + "/cgroup.procs")) {
                throw SandboxError("slot refused: tasks of an earlier run survive SIGKILL in " + d.path());
            }
        }
        cg::HeldDir& mem = dirs_[0];
        // Page cache left by the previous run (files it wrote to /box) stays charged to a reused cgroup and
        // would count towards this run's peak. Reclaiming it is only possible without tasks (as now) and is
        // slow: the kernel loops with cond_resched() until nothing is left, which on a busy host costs
        // milliseconds even for the few hundred KiB of kernel memory that never goes away. So only a real
        // leftover is reclaimed; below the threshold it is at most that much on top of the measured peak.
        if (usage() > cg::kLeftoverBytes) {
            fs::try_write_file(mem.path() + "/memory.force_empty", "0");
            // What reclaim cannot free (files on tmpfs, e.g. left in a --dir under /dev/shm, with no swap)
            // would count against this run and could make its limit unsettable (EBUSY below the usage): the
            // slot gets a fresh memory cgroup, and the old one keeps those pages until they are deleted.
            if (auto left = usage(); left > cg::kLeftoverBytes) {
                mem.forget();
                if (::rmdir(mem.path().c_str()) != 0) {
                    throw_errno("slot refused: its memory cgroup " + mem.path() + " still holds " +
                                    std::to_string(left / 1024) +
                                    " KiB of an earlier run and cannot be recreated",
                                errno);
                }
                fs::ensure_dir(mem.path(), 0755);
                if (auto again = usage(); again > cg::kLeftoverBytes) {
                    throw SandboxError("slot refused: the recreated memory cgroup " + mem.path() + " holds " +
                                       std::to_string(again / 1024) + " KiB before the run");
                }
            }
        }
        if (!memsw_known_) {
            memsw_ = fs::exists(mem.path() + "/memory.memsw.limit_in_bytes");
            memsw_known_ = true;
        }
        std::string limit = limits.memory ? std::to_string(limits.memory->count()) : "-1";
        // memsw must never be below the plain limit: lift it, set the limit, then bring memsw down to it, so
        // that the program cannot escape into swap.
        if (memsw_) {
            mem.write("memory.memsw.limit_in_bytes", "-1");
        }
        mem.write("memory.limit_in_bytes", limit);
        if (memsw_) {
            mem.write("memory.memsw.limit_in_bytes", limit);
            mem.write("memory.memsw.max_usage_in_bytes", "0");
        }
        mem.write("memory.max_usage_in_bytes", "0");
        oom_before_ = oom_kills();
        dirs_[1].write("pids.max", std::to_string(limits.max_pids));
        dirs_[2].write("cpuacct.usage", "0");
    }

    // The init writes "0" into these: each cgroup's `tasks`, opened now (after prepare(), so in the folders
    // checked there).
    std::vector<int> self_attach_fds() override {
        return {dirs_[0].fd("tasks", O_WRONLY), dirs_[1].fd("tasks", O_WRONLY),
                dirs_[2].fd("tasks", O_WRONLY)};
    }

    void attach(pid_t pid) override {
        std::string s = std::to_string(pid);
        for (const auto& d : dirs_) {
            fs::write_file(d.path() + "/cgroup.procs", s);
        }
    }

    Micros cpu_time() override {
        std::string s = dirs_[2].read("cpuacct.usage");
        return std::chrono::duration_cast<Micros>(std::chrono::nanoseconds{std::stoll(s)});
    }

    CgroupStats stats() override {
        CgroupStats st;
        st.cpu_time = cpu_time();
        std::string peak =
            dirs_[0].read(memsw_ ? "memory.memsw.max_usage_in_bytes" : "memory.max_usage_in_bytes");
        st.peak_memory = Bytes{std::stoull(peak)};
        st.oom_killed = oom_kills() > oom_before_;
        return st;
    }

    void kill_all() override {
        // cgroup.procs is opened afresh each time: an open v1 cgroup.procs keeps serving the pid list it read
        // first (for about a second), which could hide a task started since.
        for (const auto& d : dirs_) {
            if (!cg::kill_listed(d.path() + "/cgroup.procs")) {
                throw SandboxError("tasks survive SIGKILL in " + d.path());
            }
        }
    }

  private:
    static std::string leaf(int box_id) { return "/khue/box-" + std::to_string(box_id); }

    unsigned long long usage() { return std::stoull(dirs_[0].read("memory.usage_in_bytes")); }

    unsigned long long oom_kills() {
        // "oom_kill" appeared in memory.oom_control in Linux 4.13; the exit code cannot tell an OOM kill from
        // a program that killed itself with SIGKILL.
        return fs::keyed_value(dirs_[0].read("memory.oom_control"), "oom_kill").value_or(0);
    }

    std::string parents_[3];
    cg::HeldDir dirs_[3];  // memory, pids, cpuacct
    bool memsw_ = false;
    bool memsw_known_ = false;
    unsigned long long oom_before_ = 0;
};

}  // namespace

std::unique_ptr<Cgroup> make_cgroup_v1(const CgroupProbe& probe, int box_id) {
    return std::make_unique<CgroupV1>(probe, box_id);
}

}  // namespace khue::sandbox
