// The host files of a run (host_files.hpp): its streams, its result file and the folders khue-box empties.
#include "host_files.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "khue/sandbox/box.hpp"

namespace khue::sandbox {
namespace {

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

}  // namespace

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

}  // namespace khue::sandbox
