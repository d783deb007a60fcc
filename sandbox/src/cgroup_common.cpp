#include "cgroup_common.hpp"

#include <fcntl.h>
#include <signal.h>
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

}  // namespace khue::sandbox::cg
