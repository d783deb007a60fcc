#include "netns.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "khue/sandbox/error.hpp"
#include "slot.hpp"

namespace khue::sandbox {
namespace {

bool is_namespace_file(int fd) {
    struct statfs st {};
    return ::fstatfs(fd, &st) == 0 && st.f_type == NSFS_MAGIC;
}

// A helper process leaves for a new network namespace and pins it on `path` with a bind mount; the caller's
// own namespace stays untouched.
void create(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        throw_errno("cannot create " + path, errno);
    }
    ::close(fd);
    const char* target = path.c_str();
    pid_t pid = ::fork();
    if (pid < 0) {
        throw_errno("fork to create a network namespace", errno);
    }
    if (pid == 0) {
        // Only async-signal-safe calls here: the caller may have threads.
        if (::unshare(CLONE_NEWNET) != 0 ||
            ::mount("/proc/self/ns/net", target, nullptr, MS_BIND, nullptr) != 0) {
            ::_exit(errno);
        }
        ::_exit(0);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw_errno("cannot create a network namespace at " + path,
                    WIFEXITED(status) ? WEXITSTATUS(status) : EIO);
    }
}

}  // namespace

int open_slot_netns(int slot) {
    std::string path = std::string(kRunDir) + "/net-" + std::to_string(slot);
    for (int attempt = 0; attempt < 2; ++attempt) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd >= 0 && is_namespace_file(fd)) {
            return fd;
        }
        if (fd >= 0) {
            ::close(fd);
        }
        create(path);
    }
    throw SandboxError("cannot pin a network namespace at " + path);
}

std::vector<std::string> remove_slot_netns(const std::function<bool(int)>& may_remove) {
    std::vector<std::string> problems;
    DIR* d = ::opendir(kRunDir);
    if (!d) {
        return problems;
    }
    std::vector<std::string> files;
    while (dirent* e = ::readdir(d)) {
        if (std::string_view(e->d_name).starts_with("net-") && may_remove(std::atoi(e->d_name + 4))) {
            files.push_back(std::string(kRunDir) + "/" + e->d_name);
        }
    }
    ::closedir(d);
    for (const auto& f : files) {
        if (::umount2(f.c_str(), MNT_DETACH) != 0 && errno != EINVAL) {
            problems.push_back("cannot unmount " + f + ": " + std::strerror(errno));
        } else if (::unlink(f.c_str()) != 0) {
            problems.push_back("cannot remove " + f + ": " + std::strerror(errno));
        }
    }
    return problems;
}

}  // namespace khue::sandbox
