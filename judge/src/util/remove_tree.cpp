#include "khue/judge/remove_tree.hpp"

#include "khue/judge/box.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& where, const std::string& what, int err) {
    throw SandboxError("cannot clean " + where.string() + ": " + what + ": " + std::strerror(err));
}

class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

  private:
    int fd_;
};

// The names in the folder open at `fd` (read from a duplicate, so `fd`'s own offset is untouched).
std::vector<std::string> list(int fd, const fs::path& where) {
    const int dup = ::openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dup < 0) {
        fail(where, "open", errno);
    }
    DIR* dir = ::fdopendir(dup);
    if (dir == nullptr) {
        const int err = errno;
        ::close(dup);
        fail(where, "fdopendir", err);
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* e = ::readdir(dir)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..") {
            names.push_back(name);
        }
        errno = 0;
    }
    const int err = errno;
    ::closedir(dir);
    if (err != 0) {
        fail(where, "readdir", err);
    }
    return names;
}

// Empties the folder open at `top`: files and symlinks are unlinked; a non-empty subfolder has its entries
// renamed up into `top` (RENAME_NOREPLACE, fresh names) and is removed on a later pass.
void empty_at(int top, const fs::path& where) {
    unsigned long long counter = 0;
    for (;;) {
        const auto names = list(top, where);
        if (names.empty()) {
            return;
        }
        bool progress = false;
        for (const auto& name : names) {
            struct stat st {};
            if (::fstatat(top, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno == ENOENT) {
                    continue;
                }
                fail(where / name, "stat", errno);
            }
            if (!S_ISDIR(st.st_mode)) {
                if (::unlinkat(top, name.c_str(), 0) != 0 && errno != ENOENT) {
                    fail(where / name, "unlink", errno);
                }
                progress = true;
                continue;
            }
            if (::unlinkat(top, name.c_str(), AT_REMOVEDIR) == 0) {
                progress = true;
                continue;
            }
            if (errno != ENOTEMPTY && errno != EEXIST) {
                fail(where / name, "rmdir", errno);
            }
            int sub_fd = ::openat(top, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub_fd < 0 && errno == EACCES && ::fchmodat(top, name.c_str(), 0700, 0) == 0) {
                sub_fd = ::openat(top, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            }
            Fd sub(sub_fd);
            if (sub.get() < 0) {
                fail(where / name, "open", errno);
            }
            // A folder the box made unreadable or unwritable: the judge owns the tree and may fix that.
            if ((st.st_mode & 0700) != 0700) {
                ::fchmod(sub.get(), 0700);
            }
            for (const auto& child : list(sub.get(), where / name)) {
                for (;;) {
                    const std::string moved = ".khue-rm-" + std::to_string(counter++);
                    if (::renameat2(sub.get(), child.c_str(), top, moved.c_str(), RENAME_NOREPLACE) == 0) {
                        break;
                    }
                    if (errno != EEXIST) {
                        fail(where / name / child, "rename", errno);
                    }
                }
                progress = true;
            }
        }
        if (!progress) {
            fail(where, "no progress while emptying", EBUSY);
        }
    }
}

}  // namespace

void empty_directory(const fs::path& dir) {
    Fd top(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (top.get() < 0) {
        if (errno == ENOENT) {
            std::error_code ec;
            fs::create_directories(dir, ec);
            if (ec) {
                throw SandboxError("cannot create " + dir.string() + ": " + ec.message());
            }
            return;
        }
        fail(dir, "open", errno);
    }
    empty_at(top.get(), dir);
}

void remove_tree(const fs::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) {
            return;
        }
        fail(path, "stat", errno);
    }
    if (S_ISDIR(st.st_mode)) {
        Fd top(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (top.get() < 0) {
            fail(path, "open", errno);
        }
        if ((st.st_mode & 0700) != 0700) {
            ::fchmod(top.get(), 0700);
        }
        empty_at(top.get(), path);
        if (::rmdir(path.c_str()) != 0 && errno != ENOENT) {
            fail(path, "rmdir", errno);
        }
        return;
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        fail(path, "unlink", errno);
    }
}

}  // namespace khue::judge
