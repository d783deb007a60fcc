#include "warm_session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace khue::hostile {

bool warm_mode() {
    const char* env = std::getenv("KHUE_HOSTILE_WARM");
    return env != nullptr && std::string_view(env) == "1";
}

WarmSession::WarmSession(const std::string& box, const std::vector<std::string>& env,
                         const std::filesystem::path& err_file)
    : box_(box), env_(env), err_file_(err_file) {}

WarmSession::~WarmSession() {
    stop(false);
}

void WarmSession::start() {
    // A session that ended (and closed its input) must not kill the runner with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    int err = ::open(err_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    std::vector<char*> envp;
    for (auto& e : env_) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    std::string session = "session";
    char* argv[] = {box_.data(), session.data(), nullptr};
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(in[0], 0);
        ::dup2(out[1], 1);
        ::dup2(err, 2);
        ::execve(argv[0], argv, envp.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err);
    to_ = in[1];
    from_ = out[0];
}

void WarmSession::stop(bool kill) {
    if (to_ >= 0) {
        ::close(to_);
        to_ = -1;
    }
    if (from_ >= 0) {
        ::close(from_);
        from_ = -1;
    }
    if (pid_ > 0) {
        if (kill) {
            ::kill(pid_, SIGKILL);
        }
        // End of input ends a session at once when it is idle.
        for (int i = 0; i < 1000 && ::waitpid(pid_, nullptr, WNOHANG) == 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
            if (i == 999) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, nullptr, 0);
            }
        }
        pid_ = -1;
    }
}

int WarmSession::run(const std::vector<std::string>& argv, const std::filesystem::path& result,
                     std::chrono::milliseconds timeout) {
    if (pid_ < 0) {
        start();
    }
    std::string request;
    for (std::size_t i = 2; i < argv.size(); ++i) {
        request += argv[i];
        request += '\0';
    }
    request += '\0';
    std::string_view left = request;
    while (!left.empty()) {
        ssize_t n = ::write(to_, left.data(), left.size());
        if (n <= 0) {
            stop(true);
            return 125;
        }
        left.remove_prefix(static_cast<std::size_t>(n));
    }
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (line.find('\n') == std::string::npos) {
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          std::chrono::steady_clock::now());
        pollfd p{from_, POLLIN, 0};
        int ready = wait.count() > 0 ? ::poll(&p, 1, static_cast<int>(wait.count()) + 1) : 0;
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            stop(true);
            return 128 + SIGKILL;
        }
        char chunk[4096];
        ssize_t n = ::read(from_, chunk, sizeof chunk);
        if (n <= 0) {
            int status = 0;
            ::close(to_);
            to_ = -1;
            ::close(from_);
            from_ = -1;
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
            return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 125;
        }
        line.append(chunk, static_cast<std::size_t>(n));
    }
    // As khue-box writes --result: never through a planted symlink, never into a FIFO.
    int fd = ::open(result.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd >= 0) {
        [[maybe_unused]] ssize_t n = ::write(fd, line.data(), line.size());
        ::close(fd);
    }
    bool sandbox_error = line.find("\"status\": \"sandbox_error\"") != std::string::npos;
    return sandbox_error ? 1 : 0;
}

}  // namespace khue::hostile
