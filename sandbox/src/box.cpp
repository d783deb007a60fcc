// One run in a box. run_checked() reads top to bottom as the list of protections, in the order they are set
// up.
#include "khue/sandbox/box.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <map>

#include "clean_dir.hpp"
#include "fs_util.hpp"
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

namespace khue::sandbox {
namespace {

constexpr const char* kRlimitWarning =
    "NO CGROUP LIMITS: neither cgroup v2 nor v1 offers memory, pids and cpu accounting here; falling back to "
    "rlimits (RLIMIT_AS, RLIMIT_NPROC, per-process RLIMIT_CPU). Memory use and the CPU time of multi-process "
    "programs are not measured reliably and an out-of-memory kill cannot be reported. Do not run a contest "
    "like this.";

// Where each box mounts its private root; every box has its own mount namespace, so one folder serves all.
std::string root_dir() {
    return std::string(kRunDir) + "/root";
}

class Stream {
  public:
    Stream() = default;
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
    ~Stream() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    int fd = -1;
};

bool is_dev_null(const struct stat& st) {
    return S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3);
}

const char* file_type(mode_t mode) {
    switch (mode & S_IFMT) {
        case S_IFLNK:
            return "a symlink";
        case S_IFIFO:
            return "a FIFO";
        case S_IFDIR:
            return "a directory";
        case S_IFSOCK:
            return "a socket";
        case S_IFCHR:
        case S_IFBLK:
            return "a device";
        default:
            return "not a regular file";
    }
}

// The program must not learn the input's host path (readlink /proc/self/fd/0 would name the test file): it
// reads a sealed in-memory copy instead, which /proc shows as "/memfd:stdin (deleted)". The copy is a regular
// file like the original (seekable, mappable, same size); its pages are charged to khue-box's caller, not to
// the box.
void give_neutral_name(Stream& s, const std::string& what) {
    Stream copy;
    copy.fd = ::memfd_create("stdin", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (copy.fd < 0) {
        throw_errno(what + ": cannot create the in-memory copy", errno);
    }
    for (;;) {
        ssize_t n = ::sendfile(copy.fd, s.fd, nullptr, 1 << 30);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw_errno(what + ": cannot copy", errno);
        }
        if (n == 0) {
            break;
        }
    }
    if (::fcntl(copy.fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        throw_errno(what + ": cannot seal the in-memory copy", errno);
    }
    std::string reopen = "/proc/self/fd/" + std::to_string(copy.fd);
    int ro = ::open(reopen.c_str(), O_RDONLY | O_CLOEXEC);
    if (ro < 0) {
        throw_errno(what + ": cannot reopen the in-memory copy", errno);
    }
    ::close(s.fd);
    s.fd = ro;
}

// Opened by khue-box itself, before the box exists. A previous program may have planted a symlink, a FIFO or
// a hard link where the judge expects its file, so the path is first opened with O_PATH (which opens nothing:
// no FIFO blocks, no device wakes up, a symlink is not followed), checked, and only then reopened for real
// through /proc/self/fd, which reaches the same inode whatever happens to the path meanwhile. Anything but a
// regular file with one link, or /dev/null, is refused. A missing output file is created with O_EXCL.
void open_stream(const std::string& path, const char* flag, bool output, const PathPolicy& policy,
                 Stream& s) {
    fs::refuse_foreign_symlinks(path, flag);
    const std::string what = std::string(flag) + ": " + path;
    // The file is opened as an entry of its folder, so the folder checked against the roots is the folder
    // the file is created or found in.
    auto slash = path.rfind('/');
    std::string parent = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (base.empty() || base == "." || base == "..") {
        throw SandboxError(what + ": not a file name");
    }
    Stream dir;
    dir.fd = ::open(parent.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dir.fd < 0) {
        throw_errno(what + ": cannot open its folder", errno);
    }
    int probe = ::openat(dir.fd, base.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (probe < 0 && errno == ENOENT && output) {
        require_under_roots(policy, dir.fd, flag, path);
        s.fd = ::openat(dir.fd, base.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY,
                        0644);
        if (s.fd < 0) {
            throw_errno(what + ": cannot create", errno);
        }
        return;
    }
    if (probe < 0) {
        throw_errno(what + ": cannot open", errno);
    }
    Stream holder;
    holder.fd = probe;
    struct stat st {};
    if (::fstat(probe, &st) != 0) {
        throw_errno(what + ": cannot stat", errno);
    }
    bool dev_null = is_dev_null(st);
    if (!dev_null && !S_ISREG(st.st_mode)) {
        throw SandboxError(what + " is " + file_type(st.st_mode) + "; refused");
    }
    if (!dev_null && st.st_nlink != 1) {
        throw SandboxError(what + " has " + std::to_string(st.st_nlink) + " hard links; refused");
    }
    if (!dev_null) {
        require_under_roots(policy, probe, flag, path);
    }
    std::string reopen = "/proc/self/fd/" + std::to_string(probe);
    s.fd = ::open(reopen.c_str(), (output ? O_WRONLY : O_RDONLY) | O_CLOEXEC | O_NOCTTY);
    if (s.fd < 0) {
        throw_errno(what + ": cannot open", errno);
    }
    if (output && !dev_null && ::ftruncate(s.fd, 0) != 0) {
        throw_errno(what + ": cannot truncate", errno);
    }
    if (!output && !dev_null) {
        give_neutral_name(s, what);
    }
}

// A folder handed to the box user for a run (or emptied by `khue-box clean`): a judge bug passing "/" or /etc
// must not do that. Refused: anything with fewer than two components, and anything in the system folders (but
// /dev/shm/...).
void refuse_system_folder_fd(int fd, const std::string& given, const char* flag) {
    char buf[PATH_MAX];
    std::string link = "/proc/self/fd/" + std::to_string(fd);
    ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
    if (n <= 0) {
        throw_errno(std::string(flag) + ": cannot resolve " + given, errno);
    }
    std::string_view real(buf, static_cast<std::size_t>(n));
    bool shallow = real.find('/', 1) == std::string_view::npos;
    bool system = false;
    for (std::string_view dir : {"/proc", "/sys", "/dev", "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32",
                                 "/lib64", "/libx32", "/boot", "/run/khue-box"}) {
        system = system || real == dir || (real.starts_with(dir) && real[dir.size()] == '/');
    }
    // /dev/shm is the host's tmpfs, not a device folder: the judge keeps run folders below it so that what a
    // program writes into /box counts against its memory limit.
    if (real.starts_with("/dev/shm/")) {
        system = false;
    }
    if (shallow || system) {
        throw SandboxError(std::string(flag) + ": refusing to hand " + std::string(real) +
                           " to the box user");
    }
}

// --dir belongs to the box user for the run (so the program can write there) and is handed back afterwards
// with its owner and mode, whatever the program did to them.
class WorkDir {
  public:
    WorkDir(const std::optional<std::string>& path, uid_t uid, gid_t gid, const PathPolicy& policy) {
        if (!path) {
            return;
        }
        path_ = *path;
        fs::refuse_foreign_symlinks(*path, "--dir");
        fd_ = ::open(path->c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd_ < 0) {
            throw_errno("--dir: cannot open " + *path, errno);
        }
        if (::fstat(fd_, &original_) != 0) {
            throw_errno("--dir: cannot stat " + *path, errno);
        }
        refuse_system_folder(*path);
        require_under_roots(policy, fd_, "--dir", *path);
        if (::fchown(fd_, uid, gid) != 0 || ::fchmod(fd_, (original_.st_mode & 07777) | S_IRWXU) != 0) {
            throw_errno("--dir: cannot hand " + *path + " to the box user", errno);
        }
        changed_ = true;
    }
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    ~WorkDir() {
        if (changed_) {
            // Best effort in a destructor; a failure leaves the folder owned by an unused box uid.
            [[maybe_unused]] int a = ::fchown(fd_, original_.st_uid, original_.st_gid);
            [[maybe_unused]] int b = ::fchmod(fd_, original_.st_mode & 07777);
        }
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    // What the box must find bound at /box: the folder we checked and handed over. The bind itself goes by
    // path (a descriptor from the host's mount namespace cannot be bound in the box's), so the box's init
    // compares device and inode after binding; a path swapped for a symlink meanwhile fails the run.
    // Empties the folder of whatever the run left (clean_dir.hpp); throws SandboxError when it cannot.
    void empty() const {
        if (fd_ >= 0) {
            empty_folder(fd_, "--clean-dir: emptying " + path_);
        }
    }
    std::optional<BoxDir> box_dir() const {
        if (fd_ < 0) {
            return std::nullopt;
        }
        return BoxDir{path_, original_.st_dev, original_.st_ino};
    }

  private:
    void refuse_system_folder(const std::string& given) const {
        refuse_system_folder_fd(fd_, given, "--dir");
    }

    std::string path_;
    int fd_ = -1;
    struct stat original_ {};
    bool changed_ = false;
};

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

void run_checked(const BoxConfig& config, RunResult& r, HostState& host) {
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

    // 4. No network: the slot's empty network namespace.
    Stream netns;
    netns.fd = open_slot_netns(slot.id());

    // 5. The working directory, writable by the box user for this run only.
    WorkDir work(config.work_dir, uid, gid, policy);

    // 6. File system: tmpfs root, read-only system folders, fresh /proc, minimal /dev, private /tmp and
    //    /dev/shm, /box, extra mounts; applied after pivot_root-ready namespaces exist.
    fs::ensure_dir(root_dir(), 0755);
    MountPlan mounts = plan_mounts(config, root_dir(), work.box_dir(), uid, policy);

    // 7. Per-process limits: output size, stack, open files, no core dumps, no locked memory, CPU backstop.
    RlimitPlan rlimits = plan_rlimits(config, fallback);

    // 8. System calls: the seccomp deny list (SECCOMP.md).
    const bool pinned = !config.cpus.empty();
    if (!host.seccomp[pinned]) {
        host.seccomp[pinned] = cached_seccomp_policy(pinned);
    }
    SeccompProgram& seccomp = *host.seccomp[pinned];

    // 9. Accounting and limits for the whole box: memory (no swap), processes+threads (+1 for the init), CPU.
    std::unique_ptr<Cgroup> cgroup = make_cgroup(probe, slot.id());
    if (cgroup) {
        cgroup->prepare({config.memory_limit, config.max_processes + 1});
    }

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
    SpawnOutcome outcome =
        spawn_and_supervise(plan, cgroup.get(), {config.cpu_time_limit, config.effective_wall_time_limit()});

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

int open_result_file(const std::string& path, const PathPolicy& policy) {
    if (path == "/dev/null") {
        return ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    }
    auto slash = path.rfind('/');
    std::string parent = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (base.empty() || base == "." || base == "..") {
        throw SandboxError("--result: " + path + ": not a file name");
    }
    Stream dir;
    dir.fd = ::open(parent.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dir.fd < 0) {
        throw_errno("--result: " + path + ": cannot open its folder", errno);
    }
    require_under_roots(policy, dir.fd, "--result", path);
    // O_NONBLOCK: a FIFO planted at the path must not hang us; the caller writes only a regular file.
    return ::openat(dir.fd, base.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
}

void check_result_path(const std::string& path, const PathPolicy& policy) {
    if (!policy.restricted || path == "/dev/null") {
        return;
    }
    int fd = open_result_file(path, policy);
    if (fd >= 0) {
        ::close(fd);
    }
}

HostState load_host_state() {
    HostState host;
    host.policy = load_path_policy();
    host.probe = probe_cgroups();
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

std::vector<Protection> check_protections() {
    std::vector<Protection> out;
    out.push_back(
        {"root", ::geteuid() == 0, true, "khue-box needs root to create namespaces and switch uids"});

    CgroupProbe probe = probe_cgroups();
    bool cg = probe.backend != LimitsBackend::Rlimit;
    const ControllerSet& set = probe.backend == LimitsBackend::CgroupV2 ? probe.v2 : probe.v1;
    out.push_back({"cgroup backend", cg, true,
                   std::string(to_string(probe.backend)) + (cg ? "" : ": " + std::string(kRlimitWarning))});
    out.push_back({"memory limit and accounting (cgroup)", cg && set.memory, true,
                   probe.backend == LimitsBackend::CgroupV1 ? probe.v1_memory_parent : probe.v2_parent});
    out.push_back({"process limit (pids cgroup)", cg && set.pids, true,
                   probe.backend == LimitsBackend::CgroupV1 ? probe.v1_pids_parent : probe.v2_parent});
    out.push_back({"CPU accounting of all threads (cgroup)", cg && set.cpu, true,
                   probe.backend == LimitsBackend::CgroupV1 ? probe.v1_cpuacct_parent : probe.v2_parent});

    try {
        build_seccomp_policy();
        out.push_back({"seccomp policy builds", true, true, "libseccomp"});
    } catch (const std::exception& e) {
        out.push_back({"seccomp policy builds", false, true, e.what()});
    }

    // The real thing: a box that prints its own /proc/self/status, which shows the PID namespace (Pid 2), the
    // uid, the capabilities, no_new_privs and the seccomp mode as the program sees them.
    BoxConfig c;
    c.argv = {"/usr/bin/cat", "/proc/self/status"};
    c.wall_time_limit = std::chrono::seconds{5};
    std::string status_path = std::string(kRunDir) + "/check-status.txt";
    bool ran = false;
    std::string status, detail;
    try {
        ensure_run_dir();
        c.stdout_path = status_path;
        RunResult r = run_box(c);
        ran = r.status == Status::Exited && r.exit_code == 0;
        detail = ran ? "ran /usr/bin/cat in a box" : "test box failed: " + r.message;
        status = fs::try_read_file(status_path).value_or("");
        ::unlink(status_path.c_str());
    } catch (const std::exception& e) {
        detail = e.what();
    }
    auto field = [&status](std::string_view key) {
        auto pos = status.find(std::string(key) + ":\t");
        if (pos == std::string::npos) {
            return std::string();
        }
        pos += key.size() + 2;
        return status.substr(pos, status.find('\n', pos) - pos);
    };
    out.push_back({"namespaces, pivot_root and exec in a box", ran, true, detail});
    out.push_back({"PID namespace (program is PID 2)", field("Pid") == "2", true, "Pid: " + field("Pid")});
    std::string uids = field("Uid");
    out.push_back({"unprivileged box uid", ran && !uids.starts_with("0"), true, "Uid: " + uids});
    out.push_back({"no capabilities",
                   field("CapEff") == "0000000000000000" && field("CapBnd") == "0000000000000000", true,
                   "CapEff: " + field("CapEff") + ", CapBnd: " + field("CapBnd")});
    out.push_back({"no_new_privs", field("NoNewPrivs") == "1", true, "NoNewPrivs: " + field("NoNewPrivs")});
    out.push_back({"seccomp filter active", field("Seccomp") == "2", true, "Seccomp: " + field("Seccomp")});

    // What the box shows of the host: /proc/self/cgroup must be "/" everywhere (cgroup namespace), and
    // /proc/cmdline must not exist (proc subset=pid, or masked: then it is empty and cat succeeds silently).
    BoxConfig leak;
    leak.argv = {"/usr/bin/cat", "/proc/self/cgroup", "/proc/cmdline"};
    leak.wall_time_limit = std::chrono::seconds{5};
    leak.stdout_path = status_path;
    leak.stderr_path = "/dev/null";
    std::string shown;
    int exit_code = -1;
    try {
        RunResult r = run_box(leak);
        exit_code = r.status == Status::Exited ? r.exit_code.value_or(-1) : -1;
        shown = fs::try_read_file(status_path).value_or("");
        ::unlink(status_path.c_str());
    } catch (const std::exception&) {
    }
    bool rooted = !shown.empty();
    std::size_t pos = 0;
    while (rooted && pos < shown.size()) {
        auto eol = shown.find('\n', pos);
        std::string_view line(shown.data() + pos, (eol == std::string::npos ? shown.size() : eol) - pos);
        rooted = line.ends_with(":/");
        pos = eol == std::string::npos ? shown.size() : eol + 1;
    }
    out.push_back({"cgroup namespace (the box's cgroup is /)", rooted, true,
                   rooted ? "every line of /proc/self/cgroup ends in ':/'" : "/proc/self/cgroup: " + shown});
    bool hidden = (exit_code == 1) || (exit_code == 0 && rooted);
    out.push_back({"host-wide /proc files hidden (subset=pid or masked)", hidden, true,
                   exit_code == 1 ? "/proc/cmdline does not exist"
                                  : "/proc/cmdline: exit " + std::to_string(exit_code)});
    return out;
}

void clean_folder(const std::string& path) {
    const PathPolicy policy = load_path_policy();
    fs::refuse_foreign_symlinks(path, "clean");
    Stream dir;
    dir.fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir.fd < 0) {
        throw_errno("clean: cannot open " + path, errno);
    }
    refuse_system_folder_fd(dir.fd, path, "clean");
    require_under_roots(policy, dir.fd, "clean", path);
    empty_folder(dir.fd, "clean: emptying " + path);
}

std::vector<std::string> cleanup() {
    // Only idle slots are cleaned, and they stay locked until the end, so a concurrent run is never
    // disturbed.
    std::map<int, std::unique_ptr<SlotLock>> held;
    auto may_remove = [&held](int id) {
        if (id < 0 || id > kMaxBoxId) {
            return false;
        }
        if (!held.contains(id)) {
            held[id] = SlotLock::try_take(id);
        }
        return held[id] != nullptr;
    };
    auto problems = cleanup_cgroups(probe_cgroups(), may_remove);
    // Cached seccomp programs (cached_seccomp_policy); a run that needs one builds it again.
    if (DIR* d = ::opendir(kRunDir)) {
        while (dirent* e = ::readdir(d)) {
            std::string_view n = e->d_name;
            if (n.starts_with("seccomp-") && (n.ends_with(".bpf") || n.find(".bpf.tmp") != n.npos)) {
                ::unlinkat(::dirfd(d), e->d_name, 0);
            }
        }
        ::closedir(d);
    }
    for (auto& p : remove_slot_netns(may_remove)) {
        problems.push_back(std::move(p));
    }
    return problems;
}

}  // namespace khue::sandbox
