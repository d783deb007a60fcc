#include "khue/store/supervisor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>

#include "khue/store/store.hpp"

namespace khue::store {
namespace fs = std::filesystem;
namespace bp = boost::process::v2;
using namespace std::chrono_literals;

namespace {

// Each child leads a process group of its own (which we created, so we may watch it): khue-box processes a
// dead child leaves behind finish their run in that group, and the slot is reused only once they are gone.
struct NewProcessGroup {
    // The exact signature Boost.Process looks for (its own filesystem::path), or the hook is silently
    // skipped.
    bp::error_code on_exec_setup(bp::posix::default_launcher&, const bp::filesystem::path&,
                                 const char* const*) {
        if (::setpgid(0, 0) != 0) {
            return {errno, boost::system::system_category()};
        }
        return {};
    }
};

std::string this_host() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') {
        return "localhost";
    }
    return buf;
}

std::string describe_status(int status) {
    if (WIFSIGNALED(status)) {
        return "signal " + std::to_string(WTERMSIG(status)) + " (" + ::strsignal(WTERMSIG(status)) + ")";
    }
    if (WIFEXITED(status)) {
        return "exit status " + std::to_string(WEXITSTATUS(status));
    }
    return "wait status " + std::to_string(status);
}

// "khue-job claim JOB JUDGEMENT OWNER" -> the lease the child holds.
std::optional<Lease> parse_claim(std::string_view line) {
    constexpr std::string_view prefix = "khue-job claim ";
    if (!line.starts_with(prefix)) {
        return std::nullopt;
    }
    line.remove_prefix(prefix.size());
    const auto a = line.find(' ');
    const auto b = a == std::string_view::npos ? a : line.find(' ', a + 1);
    if (b == std::string_view::npos) {
        return std::nullopt;
    }
    Lease lease;
    const auto job = line.substr(0, a);
    if (std::from_chars(job.data(), job.data() + job.size(), lease.job_id).ec != std::errc{}) {
        return std::nullopt;
    }
    lease.judgement_id = std::string(line.substr(a + 1, b - a - 1));
    lease.owner = std::string(line.substr(b + 1));
    return lease;
}

}  // namespace

struct WorkerSupervisor::Impl {
    Impl(Store& s, SupervisorOptions o) : store(s), options(std::move(o)) {
        if (options.executable.empty()) {
            std::error_code ec;
            options.executable = fs::read_symlink("/proc/self/exe", ec);
        }
        if (options.host.empty()) {
            options.host = this_host();
        }
        options.children = std::max(0, options.children);
        pids.assign(static_cast<std::size_t>(options.children), 0);
    }

    Store& store;
    SupervisorOptions options;
    std::atomic<bool> stopping{false};
    std::vector<std::jthread> threads;
    mutable std::mutex mutex;  // guards pids
    std::vector<pid_t> pids;
    std::atomic<std::uint64_t> starts{0}, deaths{0}, abandoned{0};
    std::mutex sleep_mutex;
    std::condition_variable sleep_cv;

    void pause(std::chrono::milliseconds d) {
        std::unique_lock lock(sleep_mutex);
        sleep_cv.wait_for(lock, d, [&] { return stopping.load(); });
    }

    std::vector<std::string> arguments(int i) const {
        std::vector<std::string> args{"worker",        "--supervised",
                                      "--db",          options.db_url,
                                      "--workers",     "1",
                                      "--first-box",   std::to_string(options.first_box + 2 * i),
                                      "--host",        options.host + "-w" + std::to_string(i),
                                      "--max-crashes", std::to_string(options.max_crashes)};
        if (!options.cache_dir.empty()) {
            args.push_back("--cache");
            args.push_back(options.cache_dir.string());
        }
        return args;
    }

    // Gives back the job a dead child held, retrying briefly if the database hiccups.
    void abandon(const Lease& lease, const std::string& reason) {
        for (int attempt = 0; attempt < 5; ++attempt) {
            try {
                if (store.abandon_job(lease, reason)) {
                    ++abandoned;
                    spdlog::warn("supervisor: job {} given back: its worker died ({})", lease.job_id, reason);
                }
                return;
            } catch (const std::exception& e) {
                spdlog::warn("supervisor: giving back job {}: {}", lease.job_id, e.what());
                pause(std::chrono::milliseconds(200 << attempt));
            }
        }
    }

    // Runs child `i` until it exits; returns its wait status, or nullopt if it could not start.
    std::optional<int> run_child(int i) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            spdlog::error("supervisor: pipe: {}", std::strerror(errno));
            return std::nullopt;
        }
        boost::asio::io_context ctx;
        std::optional<bp::process> proc;
        try {
            proc.emplace(ctx, options.executable, arguments(i), bp::process_stdio{nullptr, fds[1], {}},
                         NewProcessGroup{});
        } catch (const std::exception& e) {
            ::close(fds[0]);
            ::close(fds[1]);
            spdlog::error("supervisor: cannot start {} worker: {}", options.executable.string(), e.what());
            return std::nullopt;
        }
        ::close(fds[1]);
        const pid_t pid = proc->id();
        ++starts;
        {
            std::lock_guard lock(mutex);
            pids[static_cast<std::size_t>(i)] = pid;
        }
        std::optional<Lease> held;
        std::string buffer;
        bool eof = false;
        bool signalled = false;
        auto stop_deadline = std::chrono::steady_clock::time_point::max();
        boost::system::error_code ec;
        auto handle_line = [&](std::string_view line) {
            if (auto lease = parse_claim(line)) {
                held = std::move(lease);
            } else if (line.starts_with("khue-job done ")) {
                held.reset();
            } else if (!line.empty()) {
                std::fprintf(stdout, "%.*s\n", static_cast<int>(line.size()), line.data());
                std::fflush(stdout);
            }
        };
        for (;;) {
            if (stopping && !signalled) {
                ::kill(pid, SIGTERM);  // our own child: stops claiming, gives its job back
                signalled = true;
                stop_deadline = std::chrono::steady_clock::now() + options.stop_grace;
            }
            if (signalled && std::chrono::steady_clock::now() > stop_deadline) {
                ::kill(pid, SIGKILL);
                stop_deadline = std::chrono::steady_clock::time_point::max();
            }
            if (!eof) {
                pollfd pfd{fds[0], POLLIN, 0};
                if (::poll(&pfd, 1, 200) > 0) {
                    char chunk[4096];
                    const auto n = ::read(fds[0], chunk, sizeof chunk);
                    if (n > 0) {
                        buffer.append(chunk, static_cast<std::size_t>(n));
                        for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
                            handle_line(std::string_view(buffer).substr(0, nl));
                            buffer.erase(0, nl + 1);
                        }
                        if (buffer.size() > 65536) {
                            buffer.clear();  // a runaway line: not ours
                        }
                        continue;
                    }
                    if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                        eof = true;
                    }
                }
            } else {
                std::this_thread::sleep_for(100ms);
            }
            if (!proc->running(ec) || ec) {
                break;
            }
        }
        // Lines written just before the end.
        for (;;) {
            pollfd pfd{fds[0], POLLIN, 0};
            if (eof || ::poll(&pfd, 1, 0) <= 0) {
                break;
            }
            char chunk[4096];
            const auto n = ::read(fds[0], chunk, sizeof chunk);
            if (n <= 0) {
                break;
            }
            buffer.append(chunk, static_cast<std::size_t>(n));
            for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
                handle_line(std::string_view(buffer).substr(0, nl));
                buffer.erase(0, nl + 1);
            }
        }
        ::close(fds[0]);
        const int status = proc->native_exit_code();
        {
            std::lock_guard lock(mutex);
            pids[static_cast<std::size_t>(i)] = 0;
        }
        const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!clean || !signalled) {
            spdlog::error("supervisor: worker {} (pid {}) died: {}", i, pid, describe_status(status));
        }
        if (held && !clean) {
            abandon(*held, describe_status(status));
        }
        // khue-box processes of the dead child finish their run (bounded by its wall limit) in the child's
        // process group; the slot's box is reused only once they are gone.
        for (int waited = 0; waited < 600 && ::kill(-pid, 0) == 0; ++waited) {
            while (::waitpid(-pid, nullptr, WNOHANG) > 0) {
            }
            std::this_thread::sleep_for(100ms);
        }
        return status;
    }

    void child_loop(int i) {
        auto backoff = options.backoff_initial;
        while (!stopping) {
            const auto started = std::chrono::steady_clock::now();
            const auto status = run_child(i);
            if (stopping) {
                break;
            }
            ++deaths;
            if (std::chrono::steady_clock::now() - started > 60s) {
                backoff = options.backoff_initial;  // it ran well for a while: restart promptly
            }
            spdlog::warn("supervisor: restarting worker {} in {} ms{}", i, backoff.count(),
                         status ? "" : " (it could not start)");
            pause(backoff);
            backoff = std::min(backoff * 2, options.backoff_max);
        }
    }
};

WorkerSupervisor::WorkerSupervisor(Store& store, SupervisorOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

WorkerSupervisor::~WorkerSupervisor() {
    stop();
}

void WorkerSupervisor::start() {
    if (!impl_->threads.empty()) {
        return;
    }
    impl_->stopping = false;
    for (int i = 0; i < impl_->options.children; ++i) {
        impl_->threads.emplace_back([this, i] { impl_->child_loop(i); });
    }
    spdlog::info("supervisor: {} worker process(es) judging", impl_->options.children);
}

void WorkerSupervisor::stop() {
    {
        std::lock_guard lock(impl_->sleep_mutex);
        impl_->stopping = true;
    }
    impl_->sleep_cv.notify_all();
    impl_->threads.clear();  // joins: each thread stops its child
}

SupervisorStats WorkerSupervisor::stats() const {
    return {impl_->starts, impl_->deaths, impl_->abandoned};
}

std::vector<pid_t> WorkerSupervisor::child_pids() const {
    std::lock_guard lock(impl_->mutex);
    std::vector<pid_t> out;
    for (pid_t p : impl_->pids) {
        if (p > 0) {
            out.push_back(p);
        }
    }
    return out;
}

const SupervisorOptions& WorkerSupervisor::options() const {
    return impl_->options;
}

}  // namespace khue::store
