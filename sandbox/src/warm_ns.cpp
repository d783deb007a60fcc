#include "warm_ns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "khue/sandbox/error.hpp"

namespace khue::sandbox {
namespace {

constexpr unsigned kOpenTreeClone = 1;  // OPEN_TREE_CLONE (Linux 5.2)

struct HelperStatus {
    int err;
    char what[240];
};

// The helper that builds a base: only async-signal-safe calls (the session has a reclaimer thread).
[[noreturn]] void build_base(const MountPlan& plan, int status_w, int hold_r) noexcept {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    HelperStatus st{};
    const char* step = "unshare a mount namespace";
    if (::unshare(CLONE_NEWNS) != 0) {
        st.err = errno;
    } else {
        st.err = apply_base_mounts(plan, &step);
    }
    if (st.err != 0) {
        std::size_t i = 0;
        for (; step[i] != '\0' && i + 1 < sizeof st.what; ++i) {
            st.what[i] = step[i];
        }
    }
    [[maybe_unused]] ssize_t n = ::write(status_w, &st, sizeof st);
    // Alive until the supervisor holds the namespace (it closes its end of `hold`).
    char c;
    while (::read(hold_r, &c, 1) < 0 && errno == EINTR) {
    }
    ::_exit(0);
}

int make_base(const MountPlan& plan) {
    int status[2], hold[2];
    if (::pipe2(status, O_CLOEXEC) != 0) {
        throw_errno("pipe2", errno);
    }
    if (::pipe2(hold, O_CLOEXEC) != 0) {
        int err = errno;
        ::close(status[0]);
        ::close(status[1]);
        throw_errno("pipe2", err);
    }
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(status[0]);
        ::close(hold[1]);
        build_base(plan, status[1], hold[0]);
    }
    int fork_err = errno;
    ::close(status[1]);
    ::close(hold[0]);
    HelperStatus st{};
    st.err = EIO;
    std::strcpy(st.what, "the helper ended without a status");
    int ns = -1;
    int open_err = 0;
    if (pid > 0) {
        ssize_t n;
        while ((n = ::read(status[0], &st, sizeof st)) < 0 && errno == EINTR) {
        }
        if (n == static_cast<ssize_t>(sizeof st) && st.err == 0) {
            std::string path = "/proc/" + std::to_string(pid) + "/ns/mnt";
            ns = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            open_err = errno;
        } else if (n != static_cast<ssize_t>(sizeof st)) {
            st.err = EIO;
        }
    }
    ::close(status[0]);
    ::close(hold[1]);
    if (pid < 0) {
        throw_errno("fork to prepare the box's base mount namespace", fork_err);
    }
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    if (st.err != 0) {
        st.what[sizeof st.what - 1] = '\0';
        throw_errno(std::string("box setup failed: ") + st.what, st.err);
    }
    if (ns < 0) {
        throw_errno("cannot hold the box's base mount namespace", open_err);
    }
    return ns;
}

}  // namespace

WarmNamespaces::WarmNamespaces() {
    // The reclaimer takes no signal: khue-box's stop signals must reach the supervising thread.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    thread_ = std::thread([this] { reclaim(); });
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

WarmNamespaces::~WarmNamespaces() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    for (const auto& [key, fd] : bases_) {
        ::close(fd);
    }
}

bool WarmNamespaces::supported() {
    int fd = static_cast<int>(::syscall(SYS_open_tree, AT_FDCWD, "/", kOpenTreeClone | O_CLOEXEC));
    if (fd < 0) {
        return false;
    }
    ::close(fd);
    return true;
}

int WarmNamespaces::base(const MountPlan& plan) {
    std::string key = base_key(plan);
    if (auto it = bases_.find(key); it != bases_.end()) {
        return it->second;
    }
    int fd = make_base(plan);
    if (bases_.size() >= kMaxBases) {
        auto oldest = bases_.find(order_.front());
        retire(oldest->second);
        bases_.erase(oldest);
        order_.pop_front();
    }
    bases_.emplace(key, fd);
    order_.push_back(std::move(key));
    return fd;
}

void WarmNamespaces::open_trees(MountPlan& plan) {
    for (MountOp& op : plan.ops) {
        if (!op.per_run || op.kind != MountOp::Kind::Bind) {
            continue;
        }
        // Follows a symlink in the last component as mount() does; plan_mounts() checked where it leads, and
        // the copy is checked below to be that inode.
        int fd = static_cast<int>(
            ::syscall(SYS_open_tree, AT_FDCWD, op.source.c_str(), kOpenTreeClone | O_CLOEXEC));
        if (fd < 0) {
            throw_errno("cannot copy the mount of " + op.source, errno);
        }
        op.tree_fd = fd;
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            throw_errno("cannot stat " + op.source, errno);
        }
        if (op.verify && (st.st_dev != op.expect_dev || st.st_ino != op.expect_ino)) {
            throw SandboxError(op.source + " changed while the box was prepared; refused");
        }
    }
}

void WarmNamespaces::retire(int fd) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return pending_.size() < kMaxPending; });
    pending_.push_back(fd);
    cv_.notify_all();
}

void WarmNamespaces::reclaim() {
    std::unique_lock lock(mutex_);
    for (;;) {
        cv_.wait(lock, [this] { return stop_ || !pending_.empty(); });
        if (pending_.empty()) {
            return;
        }
        int fd = pending_.front();
        lock.unlock();
        // The last reference to a finished run's namespace: its teardown (and RCU grace period) runs here.
        ::close(fd);
        lock.lock();
        pending_.pop_front();
        cv_.notify_all();
    }
}

}  // namespace khue::sandbox
