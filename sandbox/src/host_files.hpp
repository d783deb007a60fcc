// The host files a run touches, opened and checked by khue-box itself before the box exists: the program's
// standard streams, its work folder (--dir) and the folders `khue-box clean` empties. A symlink, a FIFO, a
// device, a hard link, a system folder or a path outside the permitted roots (trust.hpp) is refused.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>

#include "clean_dir.hpp"
#include "fs_util.hpp"
#include "khue/sandbox/error.hpp"
#include "khue/sandbox/trust.hpp"
#include "mounts.hpp"

namespace khue::sandbox {

// A file descriptor, closed when it goes away.
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

// Opens --stdin (output = false) or --stdout/--stderr (output = true) into `s`, as described in
// host_files.cpp; throws SandboxError naming `flag` when the path is refused.
void open_stream(const std::string& path, const char* flag, bool output, const PathPolicy& policy, Stream& s);

// A folder handed to the box user for a run (or emptied by `khue-box clean`): a judge bug passing "/" or /etc
// must not do that. Refused: anything with fewer than two components, and anything in the system folders (but
// /dev/shm/...).
void refuse_system_folder_fd(int fd, const std::string& given, const char* flag);

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

}  // namespace khue::sandbox
