// Between clone() and execve() the code below must be async-signal-safe: no allocation, no logging, no
// exceptions (CONTRIBUTING.md, style). Every string and array it reads was built by the supervisor
// beforehand; failures go back to the supervisor over a close-on-exec pipe, whose end-of-file therefore means
// "exec succeeded".
#include "spawn.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>

#include "khue/sandbox/error.hpp"
#include "seccomp_policy.hpp"

namespace khue::sandbox {
namespace {

struct ChildError {
    int err;
    char what[240];
};

// Written by the init when the program ends; read by the supervisor after the init is reaped.
struct SharedStatus {
    int finished;
    int wait_status;
    std::int64_t steps[SpawnOutcome::kSteps];  // KHUE_BOX_STEPS (SpawnOutcome::steps)
};

struct ChildArgs {
    const ChildPlan* plan;
    const char* const* argv;
    const char* const* envp;
    const char* const* exec_paths;
    int err_w;
    int go_r;
    bool wait_for_go;
    SharedStatus* shared;
    sock_fprog seccomp;
    char* program_stack_top;  // the program's stack between the init's clone() and its execve()
    const sigset_t* ignored;  // the signals khue-box ignores (ignored_signals())
};

// CLOCK_MONOTONIC in nanoseconds into `slot` when the run records its steps; async-signal-safe (vDSO).
void mark(const ChildArgs& a, int slot) noexcept {
    if (a.plan->steps) {
        timespec ts{};
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        a.shared->steps[slot] = static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
}

void report(int fd, const char* what, int err) noexcept {
    ChildError e{};
    e.err = err;
    std::size_t i = 0;
    for (; what[i] != '\0' && i + 1 < sizeof e.what; ++i) {
        e.what[i] = what[i];
    }
    e.what[i] = '\0';
    // One write below PIPE_BUF is atomic; nothing useful can be done if it fails.
    [[maybe_unused]] ssize_t n = ::write(fd, &e, sizeof e);
}

// The program's process runs on a stack of its own until its exec: AddressSanitizer, which knows only the
// thread's stack, would warn (on the program's standard error) at each noreturn call there. Uninstrumented.
#if defined(__clang__) || defined(__GNUC__)
#define KHUE_OWN_STACK __attribute__((no_sanitize("address")))
#else
#define KHUE_OWN_STACK
#endif

[[noreturn]] KHUE_OWN_STACK void die(const ChildArgs& a, const char* what, int err) noexcept {
    report(a.err_w, what, err);
    ::_exit(127);
}

const char* rlimit_name(int resource) noexcept {
    switch (resource) {
        case RLIMIT_CPU:
            return "setrlimit RLIMIT_CPU";
        case RLIMIT_FSIZE:
            return "setrlimit RLIMIT_FSIZE";
        case RLIMIT_STACK:
            return "setrlimit RLIMIT_STACK";
        case RLIMIT_NOFILE:
            return "setrlimit RLIMIT_NOFILE";
        case RLIMIT_CORE:
            return "setrlimit RLIMIT_CORE";
        case RLIMIT_MEMLOCK:
            return "setrlimit RLIMIT_MEMLOCK";
        case RLIMIT_AS:
            return "setrlimit RLIMIT_AS";
        case RLIMIT_NPROC:
            return "setrlimit RLIMIT_NPROC";
        default:
            return "setrlimit";
    }
}

// The program's process: drop everything, then exec. Runs as a child of the box's init.
[[noreturn]] KHUE_OWN_STACK void exec_program(const ChildArgs& a) noexcept {
    const ChildPlan& p = *a.plan;
    // A judge built on Asio may ignore SIGPIPE or block signals; exec keeps both, the program must not.
    // execve() itself resets every caught signal to the default; only the ignored ones need it here.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig = 1; sig < NSIG; ++sig) {
        if (sigismember(a.ignored, sig) == 1) {
            ::signal(sig, SIG_DFL);
        }
    }
    // A realtime policy inherited from the caller would let a busy loop starve the machine.
    sched_param normal{};
    if (::sched_setscheduler(0, SCHED_OTHER, &normal) != 0) {
        die(a, "sched_setscheduler", errno);
    }
    if (::setsid() < 0) {
        die(a, "setsid", errno);
    }
    for (int fd = 0; fd < 3; ++fd) {
        if (p.stdio[fd] >= 0 && ::dup2(p.stdio[fd], fd) < 0) {
            die(a, "dup2 standard stream", errno);
        }
    }
    if (::chdir("/box") != 0) {
        die(a, "chdir /box", errno);
    }
    int resource = 0;
    if (int err = apply_rlimits(*p.rlimits, &resource)) {
        die(a, rlimit_name(resource), err);
    }
    // Empty the capability bounding set (needs CAP_SETPCAP, so before setuid) and the ambient set.
    if (!p.bounding_set_empty) {
        for (int cap = 0; ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0; ++cap) {
        }
    }
    ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    // The out-of-memory killer of the box's cgroup takes the process with the most memory, which the init can
    // be (a program filling /tmp or /box holds little itself), and the run would end without the program's
    // status: the program and everything it starts are its first choice instead. (Where khue-box holds
    // CAP_SYS_RESOURCE, writing it here also makes 1000 the least the program may set; elsewhere the program
    // may lower it to 0 again, the score it would have without this, never below.)
    // Best effort: where /proc refuses it, the run goes on as before this existed.
    if (int oom = ::open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC); oom >= 0) {
        [[maybe_unused]] ssize_t n = ::write(oom, "1000", 4);
        ::close(oom);
    }
    // Raw system calls, not glibc's: its set*id() wrappers change the ids of every thread of the process they
    // believe they run in (signalling each and waiting for it), and this process is a clone() of a session
    // whose glibc state still lists the session's threads: they would wait for threads that are not here.
    // The kernel calls change this task only, which is all there is.
    if (::syscall(SYS_setgroups, 0, nullptr) != 0) {
        die(a, "setgroups", errno);
    }
    if (::syscall(SYS_setresgid, p.gid, p.gid, p.gid) != 0) {
        die(a, "setresgid", errno);
    }
    // From uid 0 to a non-zero uid in all three ids: the kernel clears the permitted and effective
    // capabilities.
    if (::syscall(SYS_setresuid, p.uid, p.uid, p.uid) != 0) {
        die(a, "setresuid", errno);
    }
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        die(a, "PR_SET_NO_NEW_PRIVS", errno);
    }
    ::umask(022);
    // Only 0, 1 and 2 survive exec; the error pipe stays open until then and closes itself on success.
    if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
        die(a, "close_range", errno);
    }
    sock_fprog prog = a.seccomp;
    if (int err = install_seccomp(&prog)) {
        die(a, "install seccomp filter", err);
    }
    mark(a, 4);
    int err = ENOENT;
    for (const char* const* path = a.exec_paths; *path; ++path) {
        ::execve(*path, const_cast<char* const*>(a.argv), const_cast<char* const*>(a.envp));
        // As execvp: "not here" means try the next folder, remembering a permission problem; anything else is
        // the answer.
        int e = errno;
        if (e == EACCES) {
            err = e;
        } else if (e != ENOENT && e != ENOTDIR) {
            err = e;
            break;
        }
    }
    report(a.err_w, a.argv[0], err);
    ::_exit(127);
}

KHUE_OWN_STACK int program_main(void* raw) noexcept {
    exec_program(*static_cast<const ChildArgs*>(raw));
}

// Sends the init's mount namespace over `sock` (SCM_RIGHTS) and closes `sock`. The message stays queued at
// the supervisor's end, which holds the namespace until it closes that end (warm_ns.hpp).
int send_own_mount_ns(int sock) noexcept {
    int ns = ::open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
    if (ns < 0) {
        return errno;
    }
    char byte = 'n';
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(cm), &ns, sizeof ns);
    int err = ::sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : errno;
    ::close(ns);
    ::close(sock);
    return err;
}

// PID 1 of the box's PID namespace. When it exits, the kernel kills every process left in the namespace.
KHUE_OWN_STACK int box_init(void* raw) noexcept {
    const ChildArgs& a = *static_cast<const ChildArgs*>(raw);
    mark(a, 1);
    // If khue-box dies, the box dies with it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (::setns(a.plan->netns_fd, CLONE_NEWNET) != 0) {
        die(a, "join the slot's network namespace", errno);
    }
    const char* step = nullptr;
    if (a.plan->base_mnt_fd >= 0) {
        // Warm: a private copy of the session's base namespace, then only the per-run mounts.
        if (::setns(a.plan->base_mnt_fd, CLONE_NEWNS) != 0) {
            die(a, "join the box's base mount namespace", errno);
        }
        if (::unshare(CLONE_NEWNS) != 0) {
            die(a, "copy the box's base mount namespace", errno);
        }
        if (int err = apply_run_mounts(*a.plan->mounts, &step)) {
            die(a, step, err);
        }
        if (int err = send_own_mount_ns(a.plan->keep_ns_fd)) {
            die(a, "hand the run's mount namespace to the supervisor", err);
        }
    } else if (int err = apply_mounts(*a.plan->mounts, &step)) {
        die(a, step, err);
    }
    mark(a, 2);
    if (::sethostname("box", 3) != 0) {
        die(a, "sethostname", errno);
    }
    // v1: into the cgroup only now, so the setup above is not charged to the program. (v2: born there.)
    for (int fd : a.plan->cgroup_self_attach) {
        if (::write(fd, "0", 1) != 1) {
            die(a, "join the box cgroup", errno);
        }
    }
    // With attach() instead, the supervisor moves us and then says go.
    char go = 0;
    if (a.wait_for_go && ::read(a.go_r, &go, 1) != 1) {
        ::_exit(127);
    }
    // A cgroup namespace rooted at the box's cgroup, now that we are in it: /proc/self/cgroup shows "/" and
    // nothing of the judge's cgroup paths.
    if (::unshare(CLONE_NEWCGROUP) != 0) {
        die(a, "unshare the cgroup namespace", errno);
    }
    // --cpus: the program and everything it starts run only there (sched_setaffinity is then denied to it).
    if (a.plan->pin && ::sched_setaffinity(0, sizeof a.plan->cpus, &a.plan->cpus) != 0) {
        die(a, "sched_setaffinity for --cpus", errno);
    }
    // As posix_spawn: the program shares the init's memory until its execve() (CLONE_VM), and the init sleeps
    // until then (CLONE_VFORK). No copy of the init's page tables, no copy-on-write faults in either, and
    // nothing to tear down but the program's own new memory. The init is single-threaded and suspended, so
    // the program's steps before exec (on their own stack, writing nothing shared but errno) cannot race it.
    mark(a, 3);
    pid_t program = ::clone(program_main, a.program_stack_top, CLONE_VM | CLONE_VFORK | SIGCHLD,
                            const_cast<ChildArgs*>(&a));
    if (program < 0) {
        die(a, "clone the program", errno);
    }
    ::close(a.err_w);
    for (;;) {
        int status = 0;
        pid_t pid = ::waitpid(-1, &status, 0);
        if (pid == program) {
            mark(a, 5);
            a.shared->wait_status = status;
            a.shared->finished = 1;
            ::_exit(0);
        }
        if (pid < 0 && errno != EINTR) {
            ::_exit(126);
        }
    }
}

// The signals set to SIG_IGN in this process (inherited from the caller, or SIGPIPE by khue-box's main()): an
// ignored signal stays ignored across execve(), so the program resets these. Read once: khue-box changes no
// disposition after main() starts.
const sigset_t* ignored_signals() {
    static const sigset_t set = [] {
        sigset_t s;
        sigemptyset(&s);
        for (int sig = 1; sig < NSIG; ++sig) {
            struct sigaction old {};
            if (sig != SIGKILL && sig != SIGSTOP && ::sigaction(sig, nullptr, &old) == 0 &&
                old.sa_handler == SIG_IGN) {
                sigaddset(&s, sig);
            }
        }
        return s;
    }();
    return &set;
}

std::vector<const char*> c_strings(const std::vector<std::string>& v) {
    std::vector<const char*> out;
    out.reserve(v.size() + 1);
    for (const auto& s : v) {
        out.push_back(s.c_str());
    }
    out.push_back(nullptr);
    return out;
}

class Fd {
  public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = -1;
    }

  private:
    int fd_;
};

class Mapping {
  public:
    Mapping(std::size_t size, int sharing) : size_(size) {
        ptr_ = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, sharing | MAP_ANONYMOUS, -1, 0);
        if (ptr_ == MAP_FAILED) {
            throw_errno("mmap", errno);
        }
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() { ::munmap(ptr_, size_); }
    void* get() const { return ptr_; }
    std::size_t size() const { return size_; }

  private:
    void* ptr_;
    std::size_t size_;
};

constexpr std::size_t kProgramStack = 128 * 1024;
// The network namespace is joined instead (netns.hpp).
constexpr int kNamespaces = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS;

// Set from khue-box's signal handlers (interrupt_runs); async-signal-safe because lock-free.
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

// Blocks the stop signals while the supervisor runs, so that ppoll() can unblock them atomically: a signal
// that arrives between checking the flag and sleeping still wakes the loop.
class StopSignalsBlocked {
  public:
    StopSignalsBlocked() {
        sigset_t stop;
        sigemptyset(&stop);
        for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
            sigaddset(&stop, sig);
        }
        pthread_sigmask(SIG_BLOCK, &stop, &old_);
    }
    StopSignalsBlocked(const StopSignalsBlocked&) = delete;
    StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;
    ~StopSignalsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
    const sigset_t* during_wait() const { return &old_; }

  private:
    sigset_t old_;
};

Micros since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<Micros>(std::chrono::steady_clock::now() - start);
}

// struct clone_args of <linux/sched.h> (its first 11 fields, CLONE_ARGS_SIZE_VER2); that header clashes with
// glibc's <sched.h>.
struct CloneArgs {
    std::uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
        set_tid_size, cgroup;
};
static_assert(sizeof(CloneArgs) == 88);
constexpr unsigned long long kCloneIntoCgroup = 0x200000000ULL;

}  // namespace

pid_t clone3_into_cgroup(unsigned long long flags, int cgroup_fd, int* pidfd) noexcept {
    CloneArgs ca{};
    ca.flags = flags | CLONE_PIDFD | kCloneIntoCgroup;
    ca.pidfd = reinterpret_cast<std::uintptr_t>(pidfd);
    ca.exit_signal = SIGCHLD;
    ca.cgroup = static_cast<std::uint64_t>(cgroup_fd);
    return static_cast<pid_t>(::syscall(SYS_clone3, &ca, sizeof ca));
}

void interrupt_runs(int signal) noexcept {
    g_stop_signal.store(signal);
}

int stop_signal() noexcept {
    return g_stop_signal.load();
}

SpawnOutcome spawn_and_supervise(const ChildPlan& plan, Cgroup* cgroup, const SupervisorLimits& limits) {
    auto argv = c_strings(plan.argv);
    auto envp = c_strings(plan.env);
    auto paths = c_strings(plan.exec_paths);
    bool attach_from_outside = cgroup && plan.cgroup_self_attach.empty();
    int err_pipe[2], go_pipe[2];
    if (::pipe2(err_pipe, O_CLOEXEC) != 0 || ::pipe2(go_pipe, O_CLOEXEC) != 0) {
        throw_errno("pipe2", errno);
    }
    Fd err_r(err_pipe[0]), err_w(err_pipe[1]), go_r(go_pipe[0]), go_w(go_pipe[1]);
    Mapping shared(sizeof(SharedStatus), MAP_SHARED);
    // The program's stack until its exec (the init runs on a copy of ours, as after fork()).
    Mapping program_stack(kProgramStack, MAP_PRIVATE);
    ChildArgs args{&plan,
                   argv.data(),
                   envp.data(),
                   paths.data(),
                   err_w.get(),
                   go_r.get(),
                   attach_from_outside,
                   static_cast<SharedStatus*>(shared.get()),
                   plan.seccomp,
                   static_cast<char*>(program_stack.get()) + kProgramStack,
                   ignored_signals()};

    // Warm: the init joins (a copy of) the session's base mount namespace instead of a copy of ours.
    const int namespaces = plan.base_mnt_fd >= 0 ? kNamespaces & ~CLONE_NEWNS : kNamespaces;
    SpawnOutcome out;
    StopSignalsBlocked stop_signals;
    auto start = std::chrono::steady_clock::now();
    mark(args, 0);
    int pidfd = -1;
    pid_t init = -1;
    if (cgroup && cgroup->clone_into_fd() >= 0) {
        // Born inside the cgroup: no move, so no wait for the RCU grace period a cgroup.procs write costs.
        args.wait_for_go = false;
        init = clone3_into_cgroup(namespaces, cgroup->clone_into_fd(), &pidfd);
        if (init == 0) {
            ::_exit(box_init(&args));
        }
        if (init > 0) {
            attach_from_outside = false;
        } else if (errno != ENOSYS && errno != E2BIG && errno != EINVAL) {
            throw_errno("clone3 into the box cgroup", errno);
        }
        args.wait_for_go = attach_from_outside;  // kernels before 5.7: clone() and attach() below
    }
    if (init < 0) {
        // As fork(): the init goes on on a copy of this stack (glibc's clone() wants one of its own). The
        // kernel puts the pidfd where the third argument points, on every architecture Khue builds on.
        init = static_cast<pid_t>(::syscall(SYS_clone,
                                            static_cast<unsigned long>(namespaces | CLONE_PIDFD | SIGCHLD),
                                            nullptr, &pidfd, nullptr, nullptr));
        if (init == 0) {
            ::_exit(box_init(&args));
        }
    }
    if (init < 0) {
        throw_errno("clone into new namespaces", errno);
    }
    Fd pid_fd(pidfd);
    // Whatever goes wrong in the supervisor from here on, the box does not outlive this function.
    struct Reaper {
        pid_t pid;
        ~Reaper() {
            if (pid > 0) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        }
    } reaper{init};
    err_w.reset();
    go_r.reset();
    if (attach_from_outside) {
        cgroup->attach(init);
        // A failed write means the init died already; its error report, if any, is in the pipe.
        [[maybe_unused]] ssize_t n = ::write(go_w.get(), "g", 1);
    }
    go_w.reset();

    static const long cpus = [] {
        long n = ::sysconf(_SC_NPROCESSORS_ONLN);
        return n > 0 ? n : 1;
    }();
    auto wall_deadline = start + limits.wall_time;
    bool killed = false;
    auto kill_box = [&] {
        if (!killed) {
            ::kill(init, SIGKILL);
            killed = true;
        }
    };
    for (;;) {
        using namespace std::chrono;
        auto now = steady_clock::now();
        auto timeout = duration_cast<milliseconds>(wall_deadline - now) + milliseconds{1};
        if (limits.cpu_time && cgroup && !killed) {
            // Sample often enough that even all CPUs burning at once overshoot the limit by at most ~1 ms,
            // but never less often than every 50 ms.
            Micros used = cgroup->cpu_time();
            if (used > *limits.cpu_time) {
                out.killed_for_cpu = true;
                kill_box();
            }
            auto left = duration_cast<milliseconds>((*limits.cpu_time - used) / cpus);
            timeout = std::min(timeout, std::clamp(left, milliseconds{1}, milliseconds{50}));
        }
        if (now >= wall_deadline && !killed) {
            out.killed_for_wall = true;
            kill_box();
        }
        if (int sig = g_stop_signal.load(); sig != 0 && !killed) {
            out.failure =
                "khue-box was interrupted by signal " + std::to_string(sig) + "; the box was killed";
            kill_box();
        }
        timespec ts{static_cast<time_t>(timeout.count() / 1000),
                    static_cast<long>(timeout.count() % 1000) * 1000000};
        // Only the init's exit wakes us (besides the timeout): setup failures are read from the error pipe
        // afterwards, which saves a wake-up per run at exec time.
        pollfd fds[1] = {{pid_fd.get(), POLLIN, 0}};
        int n = ::ppoll(fds, 1, killed ? nullptr : &ts, stop_signals.during_wait());
        if (n < 0 && errno != EINTR) {
            kill_box();
            throw_errno("ppoll", errno);
        }
        if (fds[0].revents & POLLIN) {
            mark(args, 6);
            break;
        }
    }
    int status = 0;
    if (::wait4(init, &status, 0, &out.usage) < 0) {
        throw_errno("wait for the box's init", errno);
    }
    mark(args, 7);
    reaper.pid = 0;
    out.wall_time = since(start);
    auto* st = static_cast<SharedStatus*>(shared.get());
    std::copy(std::begin(st->steps), std::end(st->steps), std::begin(out.steps));
    if (st->finished) {
        out.program_wait_status = st->wait_status;
    }
    if (!out.failure) {
        // Every write end is closed now (the init is gone, the program exec'd or died), so this cannot block.
        ChildError e{};
        if (::read(err_r.get(), &e, sizeof e) == static_cast<ssize_t>(sizeof e)) {
            out.failure = "box setup failed: " + std::string(e.what) + ": " + std::strerror(e.err);
        }
    }
    if (!out.failure && !st->finished && !killed) {
        out.failure =
            "the box's init ended without the program's status (wait status " + std::to_string(status) + ")";
    }
    return out;
}

}  // namespace khue::sandbox
