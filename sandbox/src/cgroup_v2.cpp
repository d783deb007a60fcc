// cgroup v2: one unified hierarchy. The box cgroup sits at <parent>/khue/box-N; <parent> must be able to hand
// memory, pids and cpu down (cgroup.controllers), which on systemd means a delegated unit (Delegate=yes)
// whose processes live in a leaf — a cgroup with processes of its own cannot enable controllers for children.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "cgroup_common.hpp"
#include "fs_util.hpp"
#include "khue/sandbox/cgroup.hpp"
#include "khue/sandbox/error.hpp"

namespace khue::sandbox {
namespace {

constexpr std::string_view kControllers = "+memory +pids +cpu";

class CgroupV2 final : public Cgroup {
  public:
    CgroupV2(std::string parent, int box_id)
        : parent_(std::move(parent)),
          khue_(parent_ + "/khue"),
          dir_(khue_ + "/box-" + std::to_string(box_id)) {}
    ~CgroupV2() override {
        for (int fd : {peak_fd_, cpu_fd_, dir_fd_}) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }

    std::string_view backend_name() const override { return "cgroup-v2"; }

    void prepare(const CgroupLimits& limits) override {
        // A session keeps this object from run to run: descriptors of a folder removed (and perhaps made
        // again) since the last run would read and clone into a dead cgroup.
        if (dir_fd_ >= 0 && !same_dir()) {
            close_fds();
        }
        if (!fs::exists(dir_)) {
            create();
        }
        // Nothing of an earlier run may still be running in the slot.
        fs::try_write_file(dir_ + "/cgroup.kill", "1");
        if (!cg::kill_listed(dir_ + "/cgroup.procs")) {
            throw SandboxError("slot refused: tasks of an earlier run survive SIGKILL in " + dir_);
        }
        // Memory an earlier run left charged (files on tmpfs, e.g. in a --dir under /dev/shm) would count
        // against this run and could keep its limit from being set: the slot gets a fresh cgroup, and the old
        // one keeps those pages until they are deleted. A cgroup that cannot be removed refuses the slot.
        if (auto current = fs::try_read_file(dir_ + "/memory.current")) {
            unsigned long long used = std::strtoull(current->c_str(), nullptr, 10);
            if (used > cg::kLeftoverBytes) {
                close_fds();
                if (::rmdir(dir_.c_str()) != 0) {
                    throw_errno("slot refused: its cgroup " + dir_ + " still holds " +
                                    std::to_string(used / 1024) +
                                    " KiB of an earlier run and cannot be recreated",
                                errno);
                }
                create();
            }
        }
        // memory.peak is reset per open file (Linux 6.12+): keep our fd, reset through it, read through it.
        if (peak_fd_ < 0) {
            peak_fd_ = ::open((dir_ + "/memory.peak").c_str(), O_RDWR | O_CLOEXEC);
        }
        if (peak_fd_ < 0 || ::pwrite(peak_fd_, "reset\n", 6, 0) != 6) {
            // Older kernels cannot reset the peak: a fresh cgroup is the only way to start from zero.
            if (peak_fd_ >= 0) {
                ::close(peak_fd_);
                peak_fd_ = -1;
            }
            close_fds();
            if (::rmdir(dir_.c_str()) != 0 && errno != ENOENT) {
                throw_errno("cannot recreate " + dir_, errno);
            }
            create();
            peak_fd_ = cg::open_or_throw(dir_ + "/memory.peak", O_RDONLY);
        }
        fs::write_file(dir_ + "/memory.max", limits.memory ? std::to_string(limits.memory->count()) : "max");
        // Absent when the kernel has no swap accounting; then there is no swap to escape into.
        if (int err = fs::try_write_file(dir_ + "/memory.swap.max", "0"); err != 0 && err != ENOENT) {
            throw_errno("cannot write 0 to " + dir_ + "/memory.swap.max", err);
        }
        fs::write_file(dir_ + "/pids.max", std::to_string(limits.max_pids));
        if (cpu_fd_ < 0) {
            cpu_fd_ = cg::open_or_throw(dir_ + "/cpu.stat", O_RDONLY);
        }
        cpu_before_ = usage_usec();
        oom_before_ = oom_kills();
        if (dir_fd_ < 0) {
            dir_fd_ = cg::open_or_throw(dir_, O_RDONLY | O_DIRECTORY);
        }
    }

    int clone_into_fd() override { return dir_fd_; }

    void attach(pid_t pid) override { fs::write_file(dir_ + "/cgroup.procs", std::to_string(pid)); }

    Micros cpu_time() override {
        auto now = usage_usec();
        return Micros{static_cast<Micros::rep>(now >= cpu_before_ ? now - cpu_before_ : 0)};
    }

    CgroupStats stats() override {
        CgroupStats st;
        st.cpu_time = cpu_time();
        std::string peak = cg::pread_all(peak_fd_, dir_ + "/memory.peak");
        st.peak_memory = Bytes{std::stoull(peak)};
        st.oom_killed = oom_kills() > oom_before_;
        return st;
    }

    void kill_all() override {
        // cgroup.kill (5.14+) kills atomically, even tasks forking at that moment; the listing loop is the
        // fallback and the confirmation.
        fs::try_write_file(dir_ + "/cgroup.kill", "1");
        if (!cg::kill_listed(dir_ + "/cgroup.procs")) {
            throw SandboxError("tasks survive SIGKILL in " + dir_);
        }
    }

  private:
    bool same_dir() const {
        struct stat held {
        }, now{};
        return ::fstat(dir_fd_, &held) == 0 && ::stat(dir_.c_str(), &now) == 0 && held.st_dev == now.st_dev &&
               held.st_ino == now.st_ino;
    }

    // Descriptors of an old cgroup would read a removed directory.
    void close_fds() {
        for (int* fd : {&peak_fd_, &dir_fd_, &cpu_fd_}) {
            if (*fd >= 0) {
                ::close(*fd);
                *fd = -1;
            }
        }
    }

    void create() {
        fs::ensure_dir(khue_, 0755);
        // Hand the controllers down two levels: parent -> khue, khue -> box-N.
        if (int err = fs::try_write_file(parent_ + "/cgroup.subtree_control", kControllers)) {
            throw_errno(
                "cannot enable memory, pids and cpu in " + parent_ +
                    "/cgroup.subtree_control (run khue-box from a delegated cgroup whose own processes "
                    "live in a leaf)",
                err);
        }
        fs::write_file(khue_ + "/cgroup.subtree_control", kControllers);
        fs::ensure_dir(dir_, 0755);
    }

    unsigned long long usage_usec() {
        return fs::keyed_value(cg::pread_all(cpu_fd_, dir_ + "/cpu.stat"), "usage_usec").value_or(0);
    }
    unsigned long long oom_kills() {
        return fs::keyed_value(fs::read_file(dir_ + "/memory.events"), "oom_kill").value_or(0);
    }

    std::string parent_, khue_, dir_;
    int peak_fd_ = -1;
    int cpu_fd_ = -1;
    int dir_fd_ = -1;
    unsigned long long cpu_before_ = 0;
    unsigned long long oom_before_ = 0;
};

}  // namespace

std::unique_ptr<Cgroup> make_cgroup_v2(std::string parent, int box_id) {
    return std::make_unique<CgroupV2>(std::move(parent), box_id);
}

}  // namespace khue::sandbox
