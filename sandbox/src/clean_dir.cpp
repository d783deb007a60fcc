#include "clean_dir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <vector>

#include "fs_util.hpp"
#include "khue/sandbox/error.hpp"

namespace khue::sandbox {
namespace {

class Fd {
  public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(-1); }
    int get() const { return fd_; }
    void reset(int fd) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = fd;
    }

  private:
    int fd_;
};

struct Level {
    dev_t dev;
    ino_t ino;
    std::string name;                  // in the level above; empty for the top folder
    std::vector<std::string> subdirs;  // still to be emptied and removed
    bool listed = false;
};

// Lists the folder at `fd`: removes every entry that is not a folder, returns the names of the folders.
void list_level(int fd, dev_t dev, Level& level, const std::string& what) {
    int listing = ::dup(fd);
    if (listing < 0) {
        throw_errno(what + ": dup", errno);
    }
    DIR* d = ::fdopendir(listing);
    if (d == nullptr) {
        int err = errno;
        ::close(listing);
        throw_errno(what + ": cannot list a folder", err);
    }
    // fdopendir shares the offset of the duplicated descriptor: start from the beginning.
    ::rewinddir(d);
    int err = 0;
    std::string failed;
    errno = 0;
    while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        struct stat st {};
        if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            err = errno;
            failed = "stat " + std::string(name);
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            if (st.st_dev != dev) {
                err = EXDEV;
                failed = "a mount point inside: " + std::string(name);
                break;
            }
            level.subdirs.emplace_back(name);
        } else if (::unlinkat(fd, e->d_name, 0) != 0) {
            err = errno;
            failed = "remove " + std::string(name);
            break;
        }
        errno = 0;
    }
    if (err == 0 && errno != 0) {
        err = errno;
        failed = "read a folder";
    }
    ::closedir(d);
    if (err != 0) {
        throw_errno(what + ": " + failed, err);
    }
    level.listed = true;
}

}  // namespace

void empty_folder(int dir_fd, const std::string& what) {
    Fd cur(::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0));
    if (cur.get() < 0) {
        throw_errno(what + ": dup", errno);
    }
    struct stat st {};
    if (::fstat(cur.get(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        throw SandboxError(what + ": not a folder");
    }
    const dev_t dev = st.st_dev;
    std::vector<Level> stack;
    stack.push_back({st.st_dev, st.st_ino, {}, {}, false});
    for (;;) {
        Level& top = stack.back();
        if (!top.listed) {
            list_level(cur.get(), dev, top, what);
        }
        if (!top.subdirs.empty()) {
            std::string name = std::move(top.subdirs.back());
            top.subdirs.pop_back();
            const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
            int child = ::openat(cur.get(), name.c_str(), flags);
            if (child < 0 && errno == EACCES) {
                // Only without CAP_DAC_OVERRIDE: give the folder back its owner permissions.
                if (::fchmodat(cur.get(), name.c_str(), 0700, 0) == 0) {
                    child = ::openat(cur.get(), name.c_str(), flags);
                }
            }
            if (child < 0) {
                throw_errno(what + ": cannot open the folder " + name, errno);
            }
            Fd next(child);
            if (::fstat(next.get(), &st) != 0 || st.st_dev != dev) {
                throw SandboxError(what + ": the folder " + name + " changed while being emptied");
            }
            if ((st.st_mode & S_IRWXU) != S_IRWXU && ::fchmod(next.get(), 0700) != 0) {
                throw_errno(what + ": cannot chmod the folder " + name, errno);
            }
            cur.reset(::fcntl(next.get(), F_DUPFD_CLOEXEC, 0));
            if (cur.get() < 0) {
                throw_errno(what + ": dup", errno);
            }
            stack.push_back({st.st_dev, st.st_ino, std::move(name), {}, false});
            continue;
        }
        if (stack.size() == 1) {
            return;  // everything below the top folder is gone; the folder itself stays
        }
        // Up through "..", which must be the folder we came down from.
        Fd parent(::openat(cur.get(), "..", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        const Level& above = stack[stack.size() - 2];
        if (parent.get() < 0 || ::fstat(parent.get(), &st) != 0 || st.st_dev != above.dev ||
            st.st_ino != above.ino) {
            throw SandboxError(what + ": the folder above " + top.name + " changed while being emptied");
        }
        std::string name = std::move(top.name);
        stack.pop_back();
        cur.reset(::fcntl(parent.get(), F_DUPFD_CLOEXEC, 0));
        if (cur.get() < 0) {
            throw_errno(what + ": dup", errno);
        }
        if (::unlinkat(cur.get(), name.c_str(), AT_REMOVEDIR) != 0) {
            throw_errno(what + ": cannot remove the folder " + name, errno);
        }
    }
}

}  // namespace khue::sandbox
