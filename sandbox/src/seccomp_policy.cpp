// Default allow, with a deny list of the calls a contest program never needs and that widen the attack
// surface of the kernel or of the box. EPERM rather than a kill wherever a runtime may probe for a feature
// (JVM, libuv, glibc): the program then simply sees the feature as unavailable. Rationale per call in
// sandbox/SECCOMP.md.
#include "seccomp_policy.hpp"

#include <fcntl.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <memory>

#include "khue/sandbox/error.hpp"

namespace khue::sandbox {
namespace {

constexpr std::array kDeniedWithEperm = {
    // Debugging or reading other processes.
    "ptrace", "process_vm_readv", "process_vm_writev",
    // Changing the file system view: the box's mounts are final.
    "mount", "umount2", "pivot_root", "move_mount", "fsopen", "fsmount", "fsconfig", "fspick", "open_tree",
    "mount_setattr", "chroot",
    // Leaving or creating namespaces.
    "unshare", "setns",
    // Large kernel attack surface, never needed by a solution.
    "io_uring_setup", "io_uring_enter", "io_uring_register", "bpf", "perf_event_open", "userfaultfd",
    "add_key", "request_key", "keyctl",
    // Whole-machine operations (also refused for lack of capabilities; denied here too as defence in depth).
    "kexec_load", "kexec_file_load", "reboot", "init_module", "finit_module", "delete_module", "swapon",
    "swapoff", "acct", "quotactl", "lookup_dcookie", "open_by_handle_at", "name_to_handle_at"};

// clone() with any of these creates a namespace. CLONE_NEWTIME is absent: for clone() its bit is part of the
// exit signal byte; it is only meaningful to clone3 (refused entirely) and unshare (denied).
constexpr std::array<unsigned long, 7> kCloneNamespaceFlags = {
    CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP};

// Socket families a program may create: AF_UNIX only, for runtimes' own plumbing (Python's multiprocessing,
// socketpair). The box has no network, and javac, java, python3, node and gcc run without AF_INET/AF_INET6
// (checked when this list was made). Every other family (AF_VSOCK reaches the hypervisor and is not
// namespaced, AF_NETLINK, AF_PACKET, AF_ALG, AF_INET, ...) fails with EAFNOSUPPORT, as for a family the
// kernel lacks.
constexpr unsigned long kAllowedSocketFamily = AF_UNIX;

// Locks are channels between boxes that share read-only files (flock("/usr/bin/true") is visible to every
// box). Taking a lock "succeeds" without taking anything (return 0): runtimes lock their own files (the JVM
// flock()s its /tmp/hsperfdata file and warns on stderr when that fails), and no other process can see a lock
// that was never taken. Testing for a lock fails with ENOLCK; leases and directory notification fail with
// EPERM.
constexpr std::array<unsigned long, 4> kFakedLockCommands = {F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW};
constexpr std::array<unsigned long, 2> kLockTests = {F_GETLK, F_OFD_GETLK};
constexpr std::array<unsigned long, 3> kLeaseAndNotify = {F_SETLEASE, F_GETLEASE, F_NOTIFY};

// inotify and fanotify would let a box watch system folders that other boxes use.
constexpr std::array kDeniedWatches = {"inotify_init",     "inotify_init1", "inotify_add_watch",
                                       "inotify_rm_watch", "fanotify_init", "fanotify_mark"};

struct CtxDeleter {
    void operator()(scmp_filter_ctx ctx) const { seccomp_release(ctx); }
};
using Ctx = std::unique_ptr<void, CtxDeleter>;

void check(int rc, const char* what) {
    if (rc < 0) {
        throw_errno(std::string("seccomp policy: ") + what, -rc);
    }
}

Ctx make_policy(bool pinned) {
    Ctx ctx(seccomp_init(SCMP_ACT_ALLOW));
    if (!ctx) {
        throw SandboxError("seccomp policy: seccomp_init failed");
    }
    // Only the native architecture: a call through another ABI (int 0x80 on x86-64, x32) would bypass every
    // rule below, so it kills the process. libseccomp adds the x32 check (nr >= 0x40000000) itself for an
    // x86_64 filter; tests/sandbox checks this in the generated pseudo-code.
    check(seccomp_attr_set(ctx.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS), "bad-arch action");
    // A binary search over the system call numbers instead of a linear chain: loading the filter makes the
    // kernel run it for every system call number (to cache the ones always allowed), which with the chain
    // was ~0.1 ms of each run's CPU; a program's own calls get shorter paths too.
    check(seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_OPTIMIZE, 2), "binary-tree optimisation");
    for (const char* name : kDeniedWithEperm) {
        int nr = seccomp_syscall_resolve_name(name);
        if (nr == __NR_SCMP_ERROR) {
            continue;  // unknown to this libseccomp: the kernel cannot have it either on this arch
        }
        check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), nr, 0), name);
    }
    for (unsigned long flag : kCloneNamespaceFlags) {
        check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                               SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag)),
              "clone");
    }
    // clone3 passes its flags in memory, out of seccomp's reach; ENOSYS makes glibc fall back to clone().
    check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0), "clone3");
    // socket() and socketpair(): every family but AF_UNIX, compared on all 64 bits (a value with high bits
    // set is not AF_UNIX and so denied; the kernel would read only the low 32).
    for (int call : {SCMP_SYS(socket), SCMP_SYS(socketpair)}) {
        check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EAFNOSUPPORT), call, 1,
                               SCMP_A0(SCMP_CMP_NE, static_cast<scmp_datum_t>(kAllowedSocketFamily))),
              "socket family");
    }
    // Locks between boxes (see kFakedLockCommands). The fcntl command is an int: compare only the low 32
    // bits, as the kernel does.
    check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(0), SCMP_SYS(flock), 0), "flock");
    const auto fcntl_rule = [&](unsigned long command, std::uint32_t action) {
        check(seccomp_rule_add(ctx.get(), action, SCMP_SYS(fcntl), 1,
                               SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffUL, command)),
              "fcntl");
    };
    for (unsigned long command : kFakedLockCommands) {
        fcntl_rule(command, SCMP_ACT_ERRNO(0));
    }
    for (unsigned long command : kLockTests) {
        fcntl_rule(command, SCMP_ACT_ERRNO(ENOLCK));
    }
    for (unsigned long command : kLeaseAndNotify) {
        fcntl_rule(command, SCMP_ACT_ERRNO(EPERM));
    }
    for (const char* name : kDeniedWatches) {
        int nr = seccomp_syscall_resolve_name(name);
        if (nr != __NR_SCMP_ERROR) {
            check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), nr, 0), name);
        }
    }
    if (pinned) {
        check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setaffinity), 0),
              "sched_setaffinity");
    }
    // Pushing characters into a terminal's input, and the Linux console's private ioctls. The request is an
    // int: compare only the low 32 bits.
    for (unsigned long request :
         {static_cast<unsigned long>(TIOCSTI), static_cast<unsigned long>(TIOCLINUX)}) {
        check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                               SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffUL, request)),
              "ioctl");
    }
    // personality(): only the default (PER_LINUX, 0) and the query 0xffffffff; other values can disable
    // address space randomisation or change how the kernel treats the process. libseccomp allows one
    // comparison per argument in a rule, so "neither 0 nor all ones" is written as a union: some bit i is 1
    // while bit i+1 (cyclically, in the low 32 bits the kernel reads) is 0. Exactly the values other than 0
    // and 0xffffffff have such a pair.
    for (unsigned bit = 0; bit < 32; ++bit) {
        unsigned long one = 1UL << bit;
        unsigned long zero = 1UL << ((bit + 1) % 32);
        check(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(personality), 1,
                               SCMP_A0(SCMP_CMP_MASKED_EQ, one | zero, one)),
              "personality");
    }
    return ctx;
}

}  // namespace

SeccompProgram build_seccomp_policy(bool pinned) {
    Ctx ctx = make_policy(pinned);
    int fd = ::memfd_create("khue-seccomp", MFD_CLOEXEC);
    if (fd < 0) {
        throw_errno("seccomp policy: memfd_create", errno);
    }
    SeccompProgram out;
    int rc = seccomp_export_bpf(ctx.get(), fd);
    off_t size = ::lseek(fd, 0, SEEK_END);
    if (rc < 0 || size <= 0 || size % static_cast<off_t>(sizeof(sock_filter)) != 0) {
        ::close(fd);
        throw SandboxError("seccomp policy: cannot export the BPF program");
    }
    out.filter.resize(static_cast<std::size_t>(size) / sizeof(sock_filter));
    ssize_t n = ::pread(fd, out.filter.data(), static_cast<std::size_t>(size), 0);
    ::close(fd);
    if (n != size) {
        throw SandboxError("seccomp policy: short read of the BPF program");
    }
    return out;
}

std::string seccomp_policy_text(bool pinned) {
    Ctx ctx = make_policy(pinned);
    int fd = ::memfd_create("khue-seccomp-pfc", MFD_CLOEXEC);
    if (fd < 0) {
        throw_errno("seccomp policy: memfd_create", errno);
    }
    seccomp_export_pfc(ctx.get(), fd);
    off_t size = ::lseek(fd, 0, SEEK_END);
    std::string text(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
    if (size > 0 && ::pread(fd, text.data(), text.size(), 0) != size) {
        text.clear();
    }
    ::close(fd);
    return text;
}

int install_seccomp(sock_fprog* prog) noexcept {
    if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog, 0, 0) != 0) {
        return errno;
    }
    return 0;
}

}  // namespace khue::sandbox
