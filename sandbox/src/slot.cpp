#include "slot.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "fs_util.hpp"
#include "khue/sandbox/config.hpp"
#include "khue/sandbox/error.hpp"

namespace khue::sandbox {

void ensure_run_dir() {
    fs::ensure_dir(kRunDir, 0700);
}

namespace {

int open_lock(int id) {
    std::string path = std::string(kRunDir) + "/slot-" + std::to_string(id) + ".lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        throw_errno("cannot open " + path, errno);
    }
    return fd;
}

}  // namespace

SlotLock::SlotLock(std::optional<int> id) {
    ensure_run_dir();
    if (id) {
        fd_ = open_lock(*id);
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno != EINTR) {
                int err = errno;
                ::close(fd_);
                throw_errno("cannot lock slot " + std::to_string(*id), err);
            }
        }
        id_ = *id;
        return;
    }
    for (int i = 0; i <= kMaxBoxId; ++i) {
        int fd = open_lock(i);
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            fd_ = fd;
            id_ = i;
            return;
        }
        ::close(fd);
    }
    throw SandboxError("all " + std::to_string(kMaxBoxId + 1) + " box slots are busy");
}

std::unique_ptr<SlotLock> SlotLock::try_take(int id) {
    ensure_run_dir();
    int fd = open_lock(id);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return nullptr;
    }
    return std::unique_ptr<SlotLock>(new SlotLock(id, fd));
}

SlotLock::~SlotLock() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

}  // namespace khue::sandbox
