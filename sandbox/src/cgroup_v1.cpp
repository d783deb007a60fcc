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
    CgroupV1(const CgroupProbe& probe, int box_id) {
        std::string leaf = "/khue/box-" + std::to_string(box_id);
        parents_[0] = probe.v1_memory_parent;
        parents_[1] = probe.v1_pids_parent;
        parents_[2] = probe.v1_cpuacct_parent;
        for (int i = 0; i < 3; ++i) {
            dirs_[i] = parents_[i] + leaf;
        }
    }
    ~CgroupV1() override {
        for (int fd : tasks_fds_) {
            ::close(fd);
        }
        if (cpu_fd_ >= 0) {
            ::close(cpu_fd_);
        }
    }

    std::string_view backend_name() const override { return "cgroup-v1"; }

    void prepare(const CgroupLimits& limits) override {
        for (int i = 0; i < 3; ++i) {
            fs::ensure_dir(parents_[i] + "/khue", 0755);
            fs::ensure_dir(dirs_[i], 0755);
        }
        // Nothing of an earlier run may still be running in the slot.
        for (const auto& d : dirs_) {
            if (!cg::kill_listed(d + "/cgroup.procs")) {
                throw SandboxError("slot refused: tasks of an earlier run survive SIGKILL in " + d);
            }
        }
        const std::string& mem = dirs_[0];
        // Page cache left by the previous run (files it wrote to /box) stays charged to a reused cgroup and
        // would count towards this run's peak. Reclaiming it is only possible without tasks (as now) and is
        // slow: the kernel loops with cond_resched() until nothing is left, which on a busy host costs
        // milliseconds even for the few hundred KiB of kernel memory that never goes away. So only a real
        // leftover is reclaimed; below the threshold it is at most that much on top of the measured peak.
        const std::string usage = mem + "/memory.usage_in_bytes";
        if (fs::read_number(usage).value_or(0) > cg::kLeftoverBytes) {
            fs::try_write_file(mem + "/memory.force_empty", "0");
            // What reclaim cannot free (files on tmpfs, e.g. left in a --dir under /dev/shm, with no swap)
            // would count against this run and could make its limit unsettable (EBUSY below the usage): the
            // slot gets a fresh memory cgroup, and the old one keeps those pages until they are deleted.
            if (auto left = fs::read_number(usage).value_or(0); left > cg::kLeftoverBytes) {
                if (::rmdir(mem.c_str()) != 0) {
                    throw_errno("slot refused: its memory cgroup " + mem + " still holds " +
                                    std::to_string(left / 1024) +
                                    " KiB of an earlier run and cannot be recreated",
                                errno);
                }
                fs::ensure_dir(mem, 0755);
                if (auto again = fs::read_number(usage).value_or(0); again > cg::kLeftoverBytes) {
                    throw SandboxError("slot refused: the recreated memory cgroup " + mem + " holds " +
                                       std::to_string(again / 1024) + " KiB before the run");
                }
            }
        }
        memsw_ = fs::exists(mem + "/memory.memsw.limit_in_bytes");
        std::string limit = limits.memory ? std::to_string(limits.memory->count()) : "-1";
        // memsw must never be below the plain limit: lift it, set the limit, then bring memsw down to it, so
        // that the program cannot escape into swap.
        if (memsw_) {
            fs::write_file(mem + "/memory.memsw.limit_in_bytes", "-1");
        }
        fs::write_file(mem + "/memory.limit_in_bytes", limit);
        if (memsw_) {
            fs::write_file(mem + "/memory.memsw.limit_in_bytes", limit);
            fs::write_file(mem + "/memory.memsw.max_usage_in_bytes", "0");
        }
        fs::write_file(mem + "/memory.max_usage_in_bytes", "0");
        oom_before_ = oom_kills();
        fs::write_file(dirs_[1] + "/pids.max", std::to_string(limits.max_pids));
        fs::write_file(dirs_[2] + "/cpuacct.usage", "0");
        if (cpu_fd_ < 0) {
            cpu_fd_ = cg::open_or_throw(dirs_[2] + "/cpuacct.usage", O_RDONLY);
        }
        if (tasks_fds_.empty()) {
            for (const auto& d : dirs_) {
                tasks_fds_.push_back(cg::open_or_throw(d + "/tasks", O_WRONLY));
            }
        }
    }

    std::vector<int> self_attach_fds() override { return tasks_fds_; }

    void attach(pid_t pid) override {
        std::string s = std::to_string(pid);
        for (const auto& d : dirs_) {
            fs::write_file(d + "/cgroup.procs", s);
        }
    }

    Micros cpu_time() override {
        std::string s = cg::pread_all(cpu_fd_, dirs_[2] + "/cpuacct.usage");
        return std::chrono::duration_cast<Micros>(std::chrono::nanoseconds{std::stoll(s)});
    }

    CgroupStats stats() override {
        CgroupStats st;
        st.cpu_time = cpu_time();
        const std::string& mem = dirs_[0];
        st.peak_memory = Bytes{fs::read_number(mem + (memsw_ ? "/memory.memsw.max_usage_in_bytes"
                                                             : "/memory.max_usage_in_bytes"))
                                   .value_or(0)};
        st.oom_killed = oom_kills() > oom_before_;
        return st;
    }

    void kill_all() override {
        for (const auto& d : dirs_) {
            if (!cg::kill_listed(d + "/cgroup.procs")) {
                throw SandboxError("tasks survive SIGKILL in " + d);
            }
        }
    }

  private:
    unsigned long long oom_kills() {
        // "oom_kill" appeared in memory.oom_control in Linux 4.13; the exit code cannot tell an OOM kill from
        // a program that killed itself with SIGKILL.
        std::string s = fs::read_file(dirs_[0] + "/memory.oom_control");
        return fs::keyed_value(s, "oom_kill").value_or(0);
    }

    std::string parents_[3];
    std::string dirs_[3];  // memory, pids, cpuacct
    bool memsw_ = false;
    int cpu_fd_ = -1;
    std::vector<int> tasks_fds_;
    unsigned long long oom_before_ = 0;
};

}  // namespace

std::unique_ptr<Cgroup> make_cgroup_v1(const CgroupProbe& probe, int box_id) {
    return std::make_unique<CgroupV1>(probe, box_id);
}

}  // namespace khue::sandbox
