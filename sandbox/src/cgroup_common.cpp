#include "cgroup_common.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <thread>

#include "fs_util.hpp"
#include "khue/sandbox/error.hpp"

namespace khue::sandbox::cg {

std::string pread_all(int fd, const std::string& path_for_errors) {
    std::string out;
    char buf[1024];
    off_t off = 0;
    for (;;) {
        ssize_t n = ::pread(fd, buf, sizeof buf, off);
        if (n < 0) {
            throw_errno("cannot read " + path_for_errors, errno);
        }
        if (n == 0) {
            break;
        }
        out.append(buf, static_cast<std::size_t>(n));
        off += n;
    }
    return out;
}

bool kill_listed(const std::string& procs_file) {
    for (int attempt = 0; attempt < 200; ++attempt) {
        auto content = fs::try_read_file(procs_file);
        if (!content || content->empty()) {
            return true;
        }
        const char* p = content->data();
        const char* end = p + content->size();
        while (p < end) {
            int pid = 0;
            auto [next, ec] = std::from_chars(p, end, pid);
            if (ec == std::errc{} && pid > 0) {
                ::kill(pid, SIGKILL);
            }
            p = next + 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    return false;
}

int open_or_throw(const std::string& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) {
        throw_errno("cannot open " + path, errno);
    }
    return fd;
}

bool HeldDir::current() {
    if (dir_fd_ < 0) {
        return false;
    }
    struct stat st {};
    if (::stat(dir_.c_str(), &st) == 0 && st.st_dev == dev_ && st.st_ino == ino_) {
        return true;
    }
    forget();
    return false;
}

int HeldDir::dir_fd() {
    if (dir_fd_ < 0) {
        int fd = open_or_throw(dir_, O_RDONLY | O_DIRECTORY);
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            int err = errno;
            ::close(fd);
            throw_errno("cannot stat " + dir_, err);
        }
        dir_fd_ = fd;
        dev_ = st.st_dev;
        ino_ = st.st_ino;
    }
    return dir_fd_;
}

int HeldDir::fd(std::string_view name, int flags) {
    for (const File& f : files_) {
        if (f.name == name && f.flags == flags) {
            return f.fd;
        }
    }
    // Relative to the held directory: a file of the cgroup we checked, not of one made again since.
    int fd = ::openat(dir_fd(), std::string(name).c_str(), flags | O_CLOEXEC);
    if (fd < 0) {
        throw_errno("cannot open " + dir_ + "/" + std::string(name), errno);
    }
    files_.push_back({std::string(name), flags, fd});
    return fd;
}

void HeldDir::write(std::string_view name, std::string_view value) {
    int f = fd(name, O_WRONLY);
    if (::pwrite(f, value.data(), value.size(), 0) != static_cast<ssize_t>(value.size())) {
        throw_errno("cannot write " + std::string(value) + " to " + dir_ + "/" + std::string(name), errno);
    }
}

std::string HeldDir::read(std::string_view name) {
    return pread_all(fd(name, O_RDONLY), dir_ + "/" + std::string(name));
}

void HeldDir::forget() {
    for (const File& f : files_) {
        ::close(f.fd);
    }
    files_.clear();
    if (dir_fd_ >= 0) {
        ::close(dir_fd_);
        dir_fd_ = -1;
    }
}

}  // namespace khue::sandbox::cg
