#include "box/khue_box_session.hpp"

#include <spdlog/spdlog.h>
#include <boost/process/v2/stdio.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "khue/judge/box.hpp"
#include "khue/judge/cache.hpp"

namespace khue::judge::detail {
namespace fs = std::filesystem;
namespace bp = boost::process::v2;

namespace {

constexpr std::size_t kMaxResultLine = 1 << 20;

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
    }
    fd = -1;
}

}  // namespace

bool warm_sessions_enabled() {
    const char* env = std::getenv("KHUE_BOX_WARM");
    return env == nullptr || std::string_view(env) != "0";
}

BoxSession::BoxSession(const fs::path& khue_box, bool sudo) {
    std::string pattern = (scratch_root() / "khue-session-XXXXXX").string();
    int err_fd = ::mkstemp(pattern.data());
    if (err_fd < 0) {
        throw SessionBroken("cannot create a file for the session's diagnostics under " +
                            scratch_root().string() + ": " + std::strerror(errno));
    }
    stderr_file_ = pattern;
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0) {
        ::close(err_fd);
        throw SessionBroken(std::string("pipe: ") + std::strerror(errno));
    }
    if (::pipe2(out, O_CLOEXEC) != 0) {
        ::close(err_fd);
        ::close(in[0]);
        ::close(in[1]);
        throw SessionBroken(std::string("pipe: ") + std::strerror(errno));
    }
    to_session_ = in[1];
    from_session_ = out[0];
    try {
        auto [exe, argv] = khue_box_launch(khue_box, sudo, {"session"});
        process_.emplace(ctx_, exe, argv, bp::process_stdio{in[0], out[1], err_fd});
    } catch (const std::exception& e) {
        ::close(in[0]);
        ::close(out[1]);
        ::close(err_fd);
        close_fd(to_session_);
        close_fd(from_session_);
        throw SessionBroken("cannot start " + khue_box.string() + " session: " + e.what());
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err_fd);
}

BoxSession::~BoxSession() {
    // End of input ends the session after its current run (if any); it is bounded by that run's wall limit.
    close_fd(to_session_);
    close_fd(from_session_);
    if (process_) {
        boost::system::error_code ec;
        for (int i = 0; i < 2000 && process_->running(ec) && !ec; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds{1});
        }
        if (process_->running(ec) && !ec) {
            process_->terminate(ec);
        }
        process_.reset();
    }
    std::error_code ignored;
    fs::remove(stderr_file_, ignored);
}

std::string BoxSession::diagnostics() const {
    std::ifstream in(stderr_file_, std::ios::binary);
    std::string text(4096, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text.empty() ? std::string() : ": " + text;
}

std::string BoxSession::run(const std::vector<std::string>& options,
                            std::chrono::steady_clock::duration deadline) {
    if (to_session_ < 0) {
        throw SessionBroken("the session has ended");
    }
    std::string request;
    for (const auto& o : options) {
        if (o.find('\0') != std::string::npos) {
            // Cannot be framed; khue-box run could not take it as an argument either.
            throw std::invalid_argument("khue-box argument contains a NUL byte");
        }
        request += o;
        request += '\0';
    }
    request += '\0';
    std::string_view left = request;
    // A session that has died makes the write fail with EPIPE; the SIGPIPE that comes with it must not end
    // the judge (a library cannot rely on its host process ignoring SIGPIPE). It is blocked for this thread
    // while writing and, if raised, taken back before it is unblocked.
    sigset_t pipe_only;
    sigset_t previous;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &previous);
    int write_errno = 0;
    while (!left.empty()) {
        ssize_t n = ::write(to_session_, left.data(), left.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            write_errno = n < 0 ? errno : EIO;
            break;
        }
        left.remove_prefix(static_cast<std::size_t>(n));
    }
    if (write_errno == EPIPE) {
        const timespec now{0, 0};
        while (sigtimedwait(&pipe_only, nullptr, &now) == SIGPIPE) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (write_errno != 0) {
        close_fd(to_session_);
        throw SessionBroken(std::string("cannot send a request to the session: ") +
                            std::strerror(write_errno) + diagnostics());
    }
    const auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
        if (auto eol = pending_.find('\n'); eol != std::string::npos) {
            std::string line = pending_.substr(0, eol + 1);
            pending_.erase(0, eol + 1);
            return line;
        }
        if (pending_.size() > kMaxResultLine) {
            close_fd(to_session_);
            throw SessionBroken("the session's answer is longer than a result can be");
        }
        auto wait =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (wait.count() <= 0) {
            close_fd(to_session_);
            throw SessionBroken("the session did not answer in time" + diagnostics());
        }
        pollfd p{from_session_, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(wait.count() + 1, 1 << 30)));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            close_fd(to_session_);
            throw SessionBroken(std::string("poll: ") + std::strerror(errno));
        }
        if (ready == 0) {
            continue;
        }
        char chunk[4096];
        ssize_t n = ::read(from_session_, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            close_fd(to_session_);
            throw SessionBroken("the session ended" + diagnostics());
        }
        pending_.append(chunk, static_cast<std::size_t>(n));
    }
}

std::optional<std::string> SessionPool::run(const std::vector<std::string>& options,
                                            std::chrono::steady_clock::duration deadline) {
    std::unique_ptr<BoxSession> session;
    bool fresh = false;
    {
        std::lock_guard lock(mutex_);
        if (disabled_) {
            return std::nullopt;
        }
        if (!idle_.empty()) {
            session = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    try {
        if (!session) {
            session = std::make_unique<BoxSession>(khue_box_, sudo_);
            fresh = true;
        }
        std::string line = session->run(options, deadline);
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(session));
        return line;
    } catch (const SessionBroken& e) {
        session.reset();
        std::lock_guard lock(mutex_);
        if (fresh && !disabled_) {
            disabled_ = true;
            spdlog::warn("khue-box session unavailable, every run is a one-shot khue-box run: {}", e.what());
        } else if (!fresh) {
            spdlog::warn("khue-box session broke, the run is repeated one-shot: {}", e.what());
        }
        return std::nullopt;
    }
}

}  // namespace khue::judge::detail
