#include "mounts.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <string_view>

#include "fs_util.hpp"
#include "khue/sandbox/error.hpp"
#include "khue/sandbox/trust.hpp"

namespace khue::sandbox {
namespace {

using Kind = MountOp::Kind;

constexpr unsigned long kReadOnly = MS_RDONLY | MS_NOSUID | MS_NODEV;
constexpr unsigned long kWritable = MS_NOSUID | MS_NODEV;

// Top-level system folders that compilers and runtimes need. On Debian 12 /bin, /sbin and /lib* are symlinks
// into /usr ("merged /usr"); they are recreated as symlinks, real folders are bound read-only.
constexpr std::array kSystemFolders = {"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"};

// The part of /etc that toolchains read: the dynamic linker's cache and config, the alternatives symlinks
// (/usr/bin/java points there), name lookups of uids, the time zone, and per-toolchain config folders. The
// rest of /etc (service configs, possibly credentials of the judge host) stays invisible.
// passwd and group are not the host's (they would list the host's accounts): the box gets synthetic ones.
constexpr std::array kEtcNames = {"alternatives",  "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
                                  "nsswitch.conf", "localtime",   "os-release", "fpc.cfg"};
constexpr std::array kEtcPrefixes = {"java-", "fpc-", "python3"};

// Machine-wide files of /proc hidden by an empty file where subset=pid is missing (kernels before 5.8).
constexpr std::array kProcMasked = {"cmdline", "locks",     "modules",  "partitions", "devices",
                                    "keys",    "key-users", "kallsyms", "timer_list", "sched_debug"};

class Planner {
  public:
    explicit Planner(MountPlan& plan) : plan_(plan) {}

    void mkdir(const std::string& inside) { add(Kind::Mkdir, inside); }
    void symlink(const std::string& inside, std::string link) { add(Kind::Symlink, inside, std::move(link)); }
    void file(const std::string& inside, std::string content) { add(Kind::File, inside, std::move(content)); }
    void tmpfs(const std::string& inside, std::string data, unsigned long flags, bool per_run = false) {
        add(Kind::Mkdir, inside);
        add(Kind::Tmpfs, inside, std::move(data), flags);
        plan_.ops.back().per_run = per_run;
    }
    // Binds `host` at `inside`, creating the mount point (a folder or an empty file) and its parents.
    void bind(const std::string& host, const std::string& inside, unsigned long flags,
              const struct stat* expect = nullptr, bool per_run = false) {
        struct stat st {};
        if (expect) {
            st = *expect;
        } else if (::stat(host.c_str(), &st) != 0) {
            throw_errno("cannot bind " + host + " at " + inside, errno);
        }
        parents(inside);
        add(S_ISDIR(st.st_mode) ? Kind::Mkdir : Kind::Touch, inside);
        add(Kind::Bind, inside, host, flags);
        plan_.ops.back().per_run = per_run;
        // Part of base_key(): a file replaced on the host (ldconfig renames a new ld.so.cache into place)
        // gives a new base, since a bind keeps showing the inode it was made from.
        plan_.ops.back().expect_dev = st.st_dev;
        plan_.ops.back().expect_ino = st.st_ino;
        if (expect) {
            // The bind goes by path: the box's init checks that it bound the inode checked here.
            plan_.ops.back().verify = true;
        }
    }
    void parents(const std::string& inside) {
        for (std::size_t pos = inside.find('/', 1); pos != std::string::npos;
             pos = inside.find('/', pos + 1)) {
            add(Kind::Mkdir, inside.substr(0, pos));
        }
    }

  private:
    void add(Kind k, const std::string& inside, std::string source = {}, unsigned long flags = 0) {
        plan_.ops.push_back({k, plan_.root + inside, std::move(source), flags});
    }
    MountPlan& plan_;
};

// The names of /etc a box gets. Reading /etc (a few hundred entries) is most of planning a run, so a warm
// session reuses the list while /etc itself is unchanged (an entry added, removed or renamed into place
// changes its modification time).
const std::vector<std::string>& wanted_etc_names() {
    static std::vector<std::string> names;
    static struct stat seen {};
    static bool valid = false;
    struct stat now {};
    if (::stat("/etc", &now) != 0) {
        names.clear();
        valid = false;
        return names;
    }
    if (valid && now.st_dev == seen.st_dev && now.st_ino == seen.st_ino &&
        now.st_mtim.tv_sec == seen.st_mtim.tv_sec && now.st_mtim.tv_nsec == seen.st_mtim.tv_nsec &&
        now.st_ctim.tv_sec == seen.st_ctim.tv_sec && now.st_ctim.tv_nsec == seen.st_ctim.tv_nsec) {
        return names;
    }
    names.clear();
    valid = false;
    DIR* d = ::opendir("/etc");
    if (!d) {
        return names;
    }
    while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        bool wanted = false;
        for (std::string_view n : kEtcNames) {
            wanted = wanted || name == n;
        }
        for (std::string_view prefix : kEtcPrefixes) {
            wanted = wanted || name.starts_with(prefix);
        }
        if (wanted) {
            names.emplace_back(name);
        }
    }
    ::closedir(d);
    seen = now;
    valid = true;
    return names;
}

void plan_etc(Planner& p, unsigned box_uid) {
    p.mkdir("/etc");
    for (const std::string& name : wanted_etc_names()) {
        std::string host = "/etc/" + name;
        char link[PATH_MAX];
        ssize_t n = ::readlink(host.c_str(), link, sizeof link - 1);
        if (n > 0) {
            p.symlink(host, std::string(link, static_cast<std::size_t>(n)));
        } else {
            p.bind(host, host, kReadOnly);
        }
    }
    // Name lookups of the box's own uid work (Java wants a user name and a home), and nothing of the host's
    // accounts shows.
    const std::string uid = std::to_string(box_uid);
    p.file("/etc/passwd",
           "root:x:0:0:root:/root:/usr/sbin/nologin\nkhue:x:" + uid + ":" + uid +
               ":khue box:/box:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/"
               "sbin/nologin\n");
    p.file("/etc/group", "root:x:0:\nkhue:x:" + uid + ":\nnogroup:x:65534:\n");
}

}  // namespace

MountPlan plan_mounts(const BoxConfig& config, const std::string& root, const std::optional<BoxDir>& box_dir,
                      unsigned box_uid, const PathPolicy& policy) {
    MountPlan plan;
    plan.root = root;
    Planner p(plan);
    for (std::string_view name : kSystemFolders) {
        std::string host = "/" + std::string(name);
        char link[PATH_MAX];
        ssize_t n = ::readlink(host.c_str(), link, sizeof link - 1);
        struct stat st {};
        if (n > 0) {
            p.symlink(host, std::string(link, static_cast<std::size_t>(n)));
        } else if (::stat(host.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            p.bind(host, host, kReadOnly);
        }
    }
    plan_etc(p, box_uid);

    p.mkdir("/proc");
    // hidepid=invisible: the program sees only processes of its own uid, not the init, whose command line
    // would show the judge's paths. subset=pid (Linux 5.8+): only the process folders, none of the
    // machine-wide files (/proc/cmdline, /proc/locks, /proc/mounts, /proc/sys, ...). Kernels that reject it
    // get the plain mount and the files below masked by an empty file instead (apply_mounts).
    p.file("/.empty", "");
    plan.ops.push_back(
        {Kind::Proc, root + "/proc", "hidepid=invisible,subset=pid", MS_NOSUID | MS_NODEV | MS_NOEXEC});
    plan.ops.back().per_run = true;
    for (const char* name : kProcMasked) {
        plan.proc_masks.push_back(root + "/proc/" + name);
    }
    plan.empty_file = root + "/.empty";

    // /dev: four harmless devices, the fd symlinks and a private /dev/shm; nothing else.
    p.tmpfs("/dev", "size=64k,nr_inodes=64,mode=0755", MS_NOSUID | MS_NOEXEC);
    for (const char* dev : {"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"}) {
        p.bind(dev, dev, MS_NOSUID | MS_NOEXEC);
    }
    p.symlink("/dev/fd", "/proc/self/fd");
    p.symlink("/dev/stdin", "/proc/self/fd/0");
    p.symlink("/dev/stdout", "/proc/self/fd/1");
    p.symlink("/dev/stderr", "/proc/self/fd/2");
    std::string tmp_data = "size=" + std::to_string(config.tmp_size.count()) + ",mode=1777";
    p.tmpfs("/dev/shm", tmp_data, kWritable, true);
    p.tmpfs("/tmp", tmp_data, kWritable, true);

    p.mkdir("/box");
    if (box_dir) {
        plan.ops.push_back({Kind::Bind, root + "/box", box_dir->host_path, kWritable, true, box_dir->dev,
                            box_dir->ino, true});
    }
    for (const auto& m : config.mounts) {
        fs::refuse_foreign_symlinks(m.host_path, "--mount");
        // mount() follows a symlink in the last component too: one a box planted (owned by a box uid) is
        // refused like one on the way.
        struct stat link {};
        if (::lstat(m.host_path.c_str(), &link) == 0 && S_ISLNK(link.st_mode) && link.st_uid != 0 &&
            link.st_uid != ::geteuid()) {
            throw SandboxError("--mount: " + m.host_path + " is a symlink owned by uid " +
                               std::to_string(link.st_uid) + "; refused");
        }
        // Opened (following symlinks, as mount() does) and checked where it really is.
        int fd = ::open(m.host_path.c_str(), O_PATH | O_CLOEXEC);
        if (fd < 0) {
            throw_errno("--mount: cannot open " + m.host_path, errno);
        }
        struct stat st {};
        try {
            require_under_roots(policy, fd, "--mount", m.host_path);
            if (::fstat(fd, &st) != 0) {
                throw_errno("--mount: cannot stat " + m.host_path, errno);
            }
        } catch (...) {
            ::close(fd);
            throw;
        }
        ::close(fd);
        p.bind(m.host_path, m.inside_path, m.writable ? kWritable : kReadOnly, &st, true);
    }
    return plan;
}

namespace {

int fail(const char** step, const char* what) noexcept {
    *step = what;
    return errno ? errno : EIO;
}

}  // namespace

namespace {

enum class Which { All, Base, Run };

// struct mount_attr and the wrappers of <sys/mount.h> are glibc 2.36+; the system call is older (Linux 5.2).
constexpr unsigned kMoveMountEmptyPath = 0x00000004;  // MOVE_MOUNT_F_EMPTY_PATH

int apply_ops(const MountPlan& plan, Which which, const char** step) noexcept {
    // In a warm run the init is inside the box root already: the targets lose the root prefix.
    const std::size_t strip = which == Which::Run ? plan.root.size() : 0;
    for (const MountOp& op : plan.ops) {
        if ((which == Which::Base && op.per_run) || (which == Which::Run && !op.per_run)) {
            continue;
        }
        const char* t = op.target.c_str() + strip;
        int rc = 0;
        switch (op.kind) {
            case Kind::Mkdir:
                rc = ::mkdir(t, 0755);
                if (rc != 0 && errno == EEXIST) {
                    rc = 0;
                }
                break;
            case Kind::Touch: {
                int fd = ::open(t, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
                rc = fd < 0 ? -1 : ::close(fd);
                break;
            }
            case Kind::Symlink:
                rc = ::symlink(op.source.c_str(), t);
                break;
            case Kind::Bind:
                if (which == Which::Run) {
                    // The detached copy the supervisor made of the host path (it is the checked inode).
                    rc = op.tree_fd < 0 ? (errno = EBADF, -1)
                                        : static_cast<int>(::syscall(SYS_move_mount, op.tree_fd, "", AT_FDCWD,
                                                                     t, kMoveMountEmptyPath));
                } else {
                    rc = ::mount(op.source.c_str(), t, nullptr, MS_BIND, nullptr);
                }
                // A bind mount ignores flags on creation; they take effect through a remount.
                if (rc == 0) {
                    rc = ::mount(nullptr, t, nullptr, MS_BIND | MS_REMOUNT | op.flags, nullptr);
                }
                if (rc == 0 && op.verify) {
                    struct stat st {};
                    if (::stat(t, &st) != 0) {
                        rc = -1;
                    } else if (st.st_dev != op.expect_dev || st.st_ino != op.expect_ino) {
                        errno = EXDEV;
                        rc = -1;
                    }
                }
                break;
            case Kind::Tmpfs:
                rc = ::mount("tmpfs", t, "tmpfs", op.flags, op.source.c_str());
                break;
            case Kind::File: {
                int fd = ::open(t, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
                rc = fd < 0 ? -1 : 0;
                if (fd >= 0) {
                    ssize_t n = ::write(fd, op.source.data(), op.source.size());
                    if (n != static_cast<ssize_t>(op.source.size())) {
                        rc = -1;
                        errno = n < 0 ? errno : EIO;
                    }
                    ::close(fd);
                }
                break;
            }
            case Kind::Proc:
                rc = ::mount("proc", t, "proc", op.flags, op.source.c_str());
                if (rc != 0 && errno == EINVAL) {
                    // No subset=pid before Linux 5.8: mount without it and mask the machine-wide files.
                    rc = ::mount("proc", t, "proc", op.flags, "hidepid=invisible");
                    if (rc != 0 && errno == EINVAL) {
                        rc = ::mount("proc", t, "proc", op.flags, "hidepid=2");  // "invisible" is 5.8+ too
                    }
                    const char* empty = plan.empty_file.c_str() + strip;
                    for (std::size_t i = 0; rc == 0 && i < plan.proc_masks.size(); ++i) {
                        const char* mask = plan.proc_masks[i].c_str() + strip;
                        if (::mount(empty, mask, nullptr, MS_BIND, nullptr) != 0 && errno != ENOENT) {
                            return fail(step, mask);
                        }
                    }
                }
                break;
        }
        if (rc != 0) {
            return fail(step, t);
        }
    }
    return 0;
}

int build_root(const MountPlan& plan, Which which, const char** step) noexcept {
    const char* root = plan.root.c_str();
    // Nothing we mount may propagate back to the host's mount namespace.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        return fail(step, "make / private");
    }
    // No access times on the root tmpfs: a warm session's runs share it (warm_ns.hpp), and an access time a
    // run changes would be a bit another run could read.
    if (::mount("khue-box", root, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOATIME,
                "size=1m,nr_inodes=4096,mode=0755") != 0) {
        return fail(step, root);
    }
    if (int err = apply_ops(plan, which, step)) {
        return err;
    }
    // pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves only the new root,
    // without needing a folder for the old one.
    if (::chdir(root) != 0) {
        return fail(step, "chdir to new root");
    }
    if (::syscall(SYS_pivot_root, ".", ".") != 0) {
        return fail(step, "pivot_root");
    }
    if (::umount2(".", MNT_DETACH) != 0) {
        return fail(step, "detach old root");
    }
    if (::chdir("/") != 0) {
        return fail(step, "chdir /");
    }
    if (::mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOATIME,
                nullptr) != 0) {
        return fail(step, "remount / read-only");
    }
    return 0;
}

}  // namespace

int apply_mounts(const MountPlan& plan, const char** step) noexcept {
    return build_root(plan, Which::All, step);
}

int apply_base_mounts(const MountPlan& plan, const char** step) noexcept {
    return build_root(plan, Which::Base, step);
}

int apply_run_mounts(const MountPlan& plan, const char** step) noexcept {
    if (::chdir("/") != 0) {
        return fail(step, "chdir /");
    }
    return apply_ops(plan, Which::Run, step);
}

std::string base_key(const MountPlan& plan) {
    std::string key = plan.root;
    key += '\0';
    for (const MountOp& op : plan.ops) {
        if (op.per_run) {
            continue;
        }
        key += std::to_string(static_cast<int>(op.kind)) + ' ' + std::to_string(op.flags) + ' ' +
               std::to_string(op.expect_dev) + ' ' + std::to_string(op.expect_ino);
        key += '\0';
        key += op.target;
        key += '\0';
        key += op.source;
        key += '\0';
    }
    return key;
}

}  // namespace khue::sandbox
