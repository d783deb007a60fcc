// SqlStore on SQLite: wake-ups across processes. SQLite has no NOTIFY, and `khue serve` judges in child
// processes (`khue worker --supervised`): a child waiting for a job must learn of a submission the server
// committed, and the server's event follower of a verdict a child committed. Every commit that adds jobs
// touches "<db>-wake-jobs", every commit that appends events "<db>-wake-events" (a utimensat, a few µs); each
// store watches them with inotify (the events' file only once someone waits for events) and bumps its
// Notifier's counters, exactly as the PostgreSQL LISTEN thread does. Without inotify (or when the files
// cannot be made, or with KHUE_STORE_WAKE_FILES=0) the store falls back on polling every 250 ms.
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "sql/sql_store.hpp"

namespace khue::store::sql {
namespace {

bool make_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        spdlog::warn(
            "store: cannot create the wake-up file {}: {}; other processes' commits are seen by a "
            "250 ms poll",
            path, std::strerror(errno));
        return false;
    }
    ::close(fd);
    return true;
}

}  // namespace

void SqlStore::open_wake_files(const std::string& db_path) {
    if (const char* off = std::getenv("KHUE_STORE_WAKE_FILES");
        off != nullptr && std::string_view(off) == "0") {
        return;  // turned off (benchmarks compare against the poll): other processes are seen by the poll
    }
    wake_jobs_ = db_path + "-wake-jobs";
    wake_events_ = db_path + "-wake-events";
    if (!make_file(wake_jobs_) || !make_file(wake_events_)) {
        wake_jobs_.clear();
        wake_events_.clear();
        return;
    }
    int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        spdlog::warn(
            "store: inotify is not available ({}); other processes' commits are seen by a 250 ms poll",
            std::strerror(errno));
        return;
    }
    // Watched before the constructor returns: a claim made after open_store() cannot miss a wake-up.
    if (::inotify_add_watch(fd, wake_jobs_.c_str(), IN_ATTRIB | IN_MODIFY) < 0) {
        spdlog::warn("store: cannot watch {}: {}; other processes' commits are seen by a 250 ms poll",
                     wake_jobs_, std::strerror(errno));
        ::close(fd);
        return;
    }
    inotify_fd_ = fd;
}

void SqlStore::touch_wake_files(bool jobs, bool events) {
    // Errors are ignored: a lost wake-up costs one safety poll, never a job.
    if (jobs && !wake_jobs_.empty()) {
        ::utimensat(AT_FDCWD, wake_jobs_.c_str(), nullptr, 0);
    }
    if (events && !wake_events_.empty()) {
        ::utimensat(AT_FDCWD, wake_events_.c_str(), nullptr, 0);
    }
}

void SqlStore::inotify_loop(std::stop_token stop) {
    alignas(inotify_event) char buf[4096];
    while (!stop.stop_requested()) {
        if (events_watch_ < 0 && wants_events_.load()) {
            events_watch_ = ::inotify_add_watch(inotify_fd_, wake_events_.c_str(), IN_ATTRIB | IN_MODIFY);
            if (events_watch_ < 0) {
                spdlog::warn("store: cannot watch {}: {}", wake_events_, std::strerror(errno));
            }
            notifier_->events_changed();  // anything appended before the watch: look once
        }
        pollfd pfd{inotify_fd_, POLLIN, 0};
        int rc = ::poll(&pfd, 1, 200);
        if (rc <= 0) {
            continue;
        }
        bool jobs = false, events = false;
        for (;;) {
            ssize_t n = ::read(inotify_fd_, buf, sizeof buf);
            if (n <= 0) {
                break;
            }
            for (ssize_t off = 0; off < n;) {
                const auto* e = reinterpret_cast<const inotify_event*>(buf + off);
                if (e->wd == events_watch_) {
                    events = true;
                } else {
                    jobs = true;
                }
                off += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            }
        }
        if (jobs) {
            notifier_->jobs_changed();
        }
        if (events) {
            notifier_->events_changed();
        }
    }
}

}  // namespace khue::store::sql
