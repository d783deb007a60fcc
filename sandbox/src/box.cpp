// One run in a box. run_checked() reads top to bottom as the list of protections, in the order they are set
// up.
#include "khue/sandbox/box.hpp"

#include <fcntl.h>
#include <linux/filter.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string_view>
#include <vector>

#include "fs_util.hpp"
#include "host_files.hpp"
#include "host_state.hpp"
#include "khue/sandbox/cgroup.hpp"
#include "khue/sandbox/error.hpp"
#include "khue/sandbox/trust.hpp"
#include "limits.hpp"
#include "mounts.hpp"
#include "netns.hpp"
#include "seccomp_policy.hpp"
#include "slot.hpp"
#include "spawn.hpp"
#include "warm_ns.hpp"

namespace khue::sandbox {
namespace {

// Where each box mounts its private root; every box has its own mount namespace, so one folder serves all.
std::string root_dir() {
    return std::string(kRunDir) + "/root";
}

std::vector<std::string> exec_paths(const BoxConfig& config) {
    const std::string& program = config.argv[0];
    if (program.find('/') != std::string::npos) {
        return {program};
    }
    std::string path = "/usr/local/bin:/usr/bin:/bin";
    for (const auto& e : config.env) {
        if (e.starts_with("PATH=")) {
            path = e.substr(5);
        }
    }
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto next = path.find(':', pos);
        if (next == std::string::npos) {
            next = path.size();
        }
        std::string dir = path.substr(pos, next - pos);
        out.push_back((dir.empty() ? "." : dir) + "/" + program);
        pos = next + 1;
    }
    return out;
}

std::string seconds_text(Micros t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(t.count()) / 1e6);
    return buf;
}

Micros to_micros(const timeval& tv) {
    return Micros{static_cast<Micros::rep>(tv.tv_sec) * 1000000 + tv.tv_usec};
}

// Building the filter with libseccomp costs ~0.5 ms of CPU per run, more than anything else khue-box does
// itself; the exported program depends only on this binary (and on --cpus), so it is kept in the root-only
// run folder under a name made of the binary's identity (device, inode, size, modification time). A file that
// is missing or malformed is rebuilt; `khue-box cleanup` removes them.
SeccompProgram cached_seccomp_policy(bool pinned) {
    struct stat exe {};
    if (::stat("/proc/self/exe", &exe) != 0) {
        return build_seccomp_policy(pinned);
    }
    char name[160];
    std::snprintf(name, sizeof name, "%s/seccomp-%llx-%llx-%llx-%llx.%09ld%s.bpf", kRunDir,
                  static_cast<unsigned long long>(exe.st_dev), static_cast<unsigned long long>(exe.st_ino),
                  static_cast<unsigned long long>(exe.st_size),
                  static_cast<unsigned long long>(exe.st_mtim.tv_sec), exe.st_mtim.tv_nsec,
                  pinned ? "-pinned" : "");
    int fd = ::open(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        struct stat st {};
        SeccompProgram cached;
        bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == 0 && st.st_size > 0 &&
                  st.st_size % static_cast<off_t>(sizeof(sock_filter)) == 0 &&
                  st.st_size <= static_cast<off_t>(BPF_MAXINSNS * sizeof(sock_filter));
        if (ok) {
            cached.filter.resize(static_cast<std::size_t>(st.st_size) / sizeof(sock_filter));
            ok = ::pread(fd, cached.filter.data(), static_cast<std::size_t>(st.st_size), 0) == st.st_size;
        }
        ::close(fd);
        if (ok) {
            return cached;
        }
    }
    SeccompProgram built = build_seccomp_policy(pinned);
    // Written under a temporary name and renamed, so that a concurrent run reads either nothing or all of it.
    ensure_run_dir();
    std::string tmp = std::string(name) + ".tmp" + std::to_string(::getpid());
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
        std::size_t size = built.filter.size() * sizeof(sock_filter);
        bool ok = ::write(fd, built.filter.data(), size) == static_cast<ssize_t>(size);
        ::close(fd);
        if (!ok || ::rename(tmp.c_str(), name) != 0) {
            ::unlink(tmp.c_str());
        }
    }
    return built;
}

// KHUE_BOX_STEPS=1 (HostState::steps): one line per run on standard error, the microseconds each step took,
// for finding where a run's time goes (docs/architecture.md "Warm sessions").
class Steps {
  public:
    explicit Steps(bool on) : on_(on) { mark("start"); }
    void mark(const char* name) {
        if (on_) {
            points_.push_back({name, now_ns()});
        }
    }
    // The spawn's own points (SpawnOutcome::steps), between the marks "setup" and "spawn".
    void add_spawn(const SpawnOutcome& o) {
        static const char* const names[SpawnOutcome::kSteps] = {
            "clone",       "init-start", "init-mounts", "init-ready", "program-pre-exec",
            "program-ran", "init-exit",  "reap"};
        if (!on_) {
            return;
        }
        for (int i = 0; i < SpawnOutcome::kSteps; ++i) {
            if (o.steps[i] != 0) {
                points_.push_back({names[i], o.steps[i]});
            }
        }
    }
    ~Steps() {
        if (!on_ || points_.size() < 2) {
            return;
        }
        std::string line = "khue-box steps (us):";
        for (std::size_t i = 1; i < points_.size(); ++i) {
            line += " " + std::string(points_[i].name) + "=" +
                    std::to_string((points_[i].ns - points_[i - 1].ns) / 1000);
        }
        line += " total=" + std::to_string((points_.back().ns - points_.front().ns) / 1000) + "\n";
        std::fputs(line.c_str(), stderr);
    }

  private:
    static std::int64_t now_ns() {
        timespec ts{};
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    struct Point {
        const char* name;
        std::int64_t ns;
    };
    bool on_;
    std::vector<Point> points_;
};

void run_checked(const BoxConfig& config, RunResult& r, HostState& host) {
    Steps steps(host.steps);
    // 0. Which host paths this caller may name (README "Who may run khue-box"); the result file is checked
    //    now, before anything runs, and again when it is written.
    const PathPolicy& policy = host.policy;
    if (config.result_path && *config.result_path != "-") {
        check_result_path(*config.result_path, policy);
    }

    // 1. Limits backend: cgroup v2, else v1, else rlimits with a loud warning.
    const CgroupProbe& probe = host.probe;
    r.limits_backend = std::string(to_string(probe.backend));
    bool fallback = probe.backend == LimitsBackend::Rlimit;
    if (fallback) {
        r.warnings.emplace_back(kRlimitWarning);
        std::fprintf(stderr, "khue-box: WARNING: %s\n", kRlimitWarning);
    }

    // 2. A slot of our own: uid/gid 60000+N, cgroup khue/box-N, held for the whole run.
    SlotLock slot(config.box_id);
    r.box_id = slot.id();
    steps.mark("lock");
    const uid_t uid = kFirstBoxUid + static_cast<unsigned>(slot.id());
    const gid_t gid = uid;

    // 3. Standard streams, opened here outside the box; without an option the program shares ours.
    Stream in, out, err;
    if (config.stdin_path) {
        open_stream(*config.stdin_path, "--stdin", false, policy, in);
    }
    if (config.stdout_path) {
        open_stream(*config.stdout_path, "--stdout", true, policy, out);
    }
    if (config.stderr_path) {
        open_stream(*config.stderr_path, "--stderr", true, policy, err);
    }

    steps.mark("streams");
    // 4. No network: the slot's empty network namespace.
    Stream netns;
    netns.fd = open_slot_netns(slot.id());

    // 5. The working directory, writable by the box user for this run only.
    WorkDir work(config.work_dir, uid, gid, policy);

    steps.mark("netns-workdir");
    // 6. File system: tmpfs root, read-only system folders, fresh /proc, minimal /dev, private /tmp and
    //    /dev/shm, /box, extra mounts; applied after pivot_root-ready namespaces exist.
    fs::ensure_dir(root_dir(), 0755);
    MountPlan mounts = plan_mounts(config, root_dir(), work.box_dir(), uid, policy);
    // In a warm session the system part of that is made once per session (warm_ns.hpp): the run copies it,
    // binds detached copies of its host folders, and hands its namespace back for the reclaimer to free.
    struct TreeFds {
        MountPlan& plan;
        ~TreeFds() {
            for (MountOp& op : plan.ops) {
                if (op.tree_fd >= 0) {
                    ::close(op.tree_fd);
                }
            }
        }
    } trees{mounts};
    int base_ns = -1;
    Stream keep_init, keep_ns;
    if (host.warm) {
        WarmNamespaces::open_trees(mounts);
        base_ns = host.warm->base(mounts);
        int sv[2];
        if (::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) != 0) {
            throw_errno("socketpair", errno);
        }
        keep_init.fd = sv[0];
        keep_ns.fd = sv[1];
    }

    steps.mark("mount-plan");
    // 7. Per-process limits: output size, stack, open files, no core dumps, no locked memory, CPU backstop.
    RlimitPlan rlimits = plan_rlimits(config, fallback);

    // 8. System calls: the seccomp deny list (SECCOMP.md).
    const bool pinned = !config.cpus.empty();
    if (!host.seccomp[pinned]) {
        host.seccomp[pinned] = cached_seccomp_policy(pinned);
    }
    SeccompProgram& seccomp = *host.seccomp[pinned];

    // 9. Accounting and limits for the whole box: memory (no swap), processes+threads (+1 for the init), CPU.
    Cgroup* cgroup = nullptr;
    if (auto held = host.cgroups.find(slot.id()); held != host.cgroups.end()) {
        cgroup = held->second.get();
    } else if (auto made = make_cgroup(probe, slot.id())) {
        if (host.cgroups.size() >= HostState::kHeldCgroups) {
            host.cgroups.erase(host.cgroups.begin());
        }
        cgroup = made.get();
        host.cgroups.emplace(slot.id(), std::move(made));
    }
    if (cgroup) {
        cgroup->prepare({config.memory_limit, config.max_processes + 1});
    }

    steps.mark("cgroup");
    // 10. New mount, PID, network, IPC and UTS namespaces in one clone(); an init as PID 1; the program with
    //    its own session, the box uid, no capabilities, no new privileges, fds 0-2 only, --env only, seccomp.
    ChildPlan plan;
    plan.mounts = &mounts;
    plan.rlimits = &rlimits;
    plan.seccomp = seccomp.prog();
    plan.uid = uid;
    plan.gid = gid;
    plan.stdio[0] = in.fd;
    plan.stdio[1] = out.fd;
    plan.stdio[2] = err.fd;
    plan.exec_paths = exec_paths(config);
    plan.argv = config.argv;
    plan.env = config.env;
    plan.netns_fd = netns.fd;
    plan.base_mnt_fd = base_ns;
    plan.keep_ns_fd = keep_init.fd;
    if (!config.cpus.empty()) {
        plan.pin = true;
        CPU_ZERO(&plan.cpus);
        for (int cpu : config.cpus) {
            CPU_SET(cpu, &plan.cpus);
        }
    }
    if (cgroup) {
        plan.cgroup_self_attach = cgroup->self_attach_fds();
    }
    plan.bounding_set_empty = host.bounding_set_empty;
    plan.steps = host.steps;
    steps.mark("setup");
    SpawnOutcome outcome =
        spawn_and_supervise(plan, cgroup, {config.cpu_time_limit, config.effective_wall_time_limit()});
    if (host.warm) {
        host.warm->retire(keep_ns.fd);
        keep_ns.fd = -1;
    }

    steps.add_spawn(outcome);
    steps.mark("spawn");
    // 11. Nothing outlives the run: the PID namespace died with its init; sweep the cgroup as well.
    if (cgroup) {
        cgroup->kill_all();
    }

    // 12. With --clean-dir, nothing the program left in /box survives it; a folder that cannot be emptied
    //    makes the run a sandbox_error, never a verdict.
    std::optional<std::string> dirty;
    if (config.clean_dir) {
        try {
            work.empty();
        } catch (const std::exception& e) {
            dirty = e.what();
        }
    }

    // 13. Facts.
    r.wall_time = outcome.wall_time;
    if (cgroup) {
        CgroupStats st = cgroup->stats();
        r.cpu_time = st.cpu_time;
        r.peak_memory = st.peak_memory;
        r.oom_killed = st.oom_killed;
    } else {
        r.cpu_time = to_micros(outcome.usage.ru_utime) + to_micros(outcome.usage.ru_stime);
        r.peak_memory = kib(static_cast<std::uint64_t>(outcome.usage.ru_maxrss));
    }
    steps.mark("sweep-stats");
    if (outcome.failure || dirty) {
        r.status = Status::SandboxError;
        r.message = outcome.failure ? *outcome.failure : *dirty;
        return;
    }
    int sig = 0;
    if (outcome.program_wait_status) {
        int ws = *outcome.program_wait_status;
        if (WIFEXITED(ws)) {
            r.exit_code = WEXITSTATUS(ws);
        } else if (WIFSIGNALED(ws)) {
            sig = WTERMSIG(ws);
        }
    } else {
        sig = SIGKILL;  // killed with the whole box by the supervisor
    }
    if (sig != 0) {
        r.signal = sig;
    }
    // RLIMIT_FSIZE is one byte above the limit (limits.cpp): a file longer than the limit proves the program
    // tried to write more, even if it ignored SIGXFSZ; it is cut back to the limit.
    bool output_full = false;
    for (const Stream* s : {&out, &err}) {
        struct stat st {};
        if (s->fd >= 0 && ::fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<std::uint64_t>(st.st_size) > config.output_limit.count()) {
            output_full = true;
            if (::ftruncate(s->fd, static_cast<off_t>(config.output_limit.count())) != 0) {
                r.warnings.push_back(std::string("cannot cut an output file back to the limit: ") +
                                     std::strerror(errno));
            }
        }
    }
    const auto& cpu_limit = config.cpu_time_limit;
    if (outcome.killed_for_cpu || (cpu_limit && r.cpu_time > *cpu_limit) || sig == SIGXCPU) {
        r.status = Status::TimeLimit;
        r.message = "CPU time " + seconds_text(r.cpu_time) + " exceeds the limit of " +
                    seconds_text(cpu_limit.value_or(Micros{0}));
    } else if (outcome.killed_for_wall) {
        r.status = Status::WallTimeLimit;
        r.message =
            "killed after " + seconds_text(config.effective_wall_time_limit()) + " of wall-clock time";
    } else if (r.oom_killed) {
        r.status = Status::MemoryLimit;
        r.message = "killed by the out-of-memory killer at the memory limit";
    } else if (sig == SIGXFSZ || output_full) {
        r.status = Status::OutputLimit;
        r.message = "the program reached the output limit";
    } else if (sig != 0) {
        r.status = Status::Signaled;
        r.message = std::string("killed by signal ") + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
    } else {
        r.status = Status::Exited;
    }
}

}  // namespace

HostState load_host_state() {
    HostState host;
    host.policy = load_path_policy();
    host.probe = probe_cgroups();
    if (const char* on = std::getenv("KHUE_BOX_STEPS"); on && std::string_view(on) == "1") {
        host.steps = true;
    }
    return host;
}

RunResult run_box_with(const BoxConfig& config, HostState& host) {
    RunResult r;
    try {
        run_checked(config, r, host);
    } catch (const std::exception& e) {
        r.status = Status::SandboxError;
        r.exit_code.reset();
        r.signal.reset();
        r.message = e.what();
    }
    return r;
}

RunResult run_box(const BoxConfig& config) {
    RunResult r;
    try {
        HostState host = load_host_state();
        run_checked(config, r, host);
    } catch (const std::exception& e) {
        r.status = Status::SandboxError;
        r.exit_code.reset();
        r.signal.reset();
        r.message = e.what();
    }
    return r;
}

}  // namespace khue::sandbox
