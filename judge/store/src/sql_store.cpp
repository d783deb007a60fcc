// SqlStore's machinery: construction (migrations, the LISTEN thread), commit with notifications, and
// open_store(), which picks the backend from the URL.
#include "sql/sql_store.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "migrations.hpp"

namespace khue::store {

std::shared_ptr<Notifier> Notifier::for_file(const std::string& canonical_path) {
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<Notifier>> notifiers;
    std::lock_guard lock(mutex);
    auto& slot = notifiers[canonical_path];
    auto existing = slot.lock();
    if (!existing) {
        existing = std::make_shared<Notifier>();
        slot = existing;
    }
    return existing;
}

namespace sql {

SqlStore::SqlStore(db::Backend backend, Pool::Factory factory, std::shared_ptr<Notifier> notifier,
                   std::string wake, std::shared_ptr<const EventEncoder> encoder)
    : backend_(backend),
      pool_(std::move(factory)),
      notifier_(std::move(notifier)),
      encoder_(std::move(encoder)) {
    {
        auto conn = pool_.acquire();
        version_ = migrate(*conn, backend_);
    }
    if (const char* poll = std::getenv("KHUE_STORE_POLL_MS"); poll != nullptr && *poll != '\0') {
        long ms = std::strtol(poll, nullptr, 10);
        if (ms <= 0) {
            throw StoreError(std::string("KHUE_STORE_POLL_MS='") + poll + "' is not a positive number");
        }
        poll_override_ = milliseconds(ms);
    }
    if (backend_ == db::Backend::Postgres) {
        listener_ =
            std::jthread([this, info = std::move(wake)](std::stop_token stop) { listen_loop(info, stop); });
    } else {
        open_wake_files(wake);
        if (inotify_fd_ >= 0) {
            listener_ = std::jthread([this](std::stop_token stop) { inotify_loop(stop); });
        }
    }
}

SqlStore::~SqlStore() {
    if (listener_.joinable()) {
        listener_.request_stop();
        listener_.join();
    }
    if (inotify_fd_ >= 0) {
        ::close(inotify_fd_);
    }
}

std::string_view SqlStore::backend() const {
    return backend_ == db::Backend::Sqlite ? "sqlite" : "postgresql";
}

int SqlStore::schema_version() {
    return version_;
}

void SqlStore::finish(Tx& tx) {
    const bool events = !tx.events.empty();
    const bool postgres = backend_ == db::Backend::Postgres;
    std::vector<db::Statement> tail = std::move(tx.deferred);
    std::size_t first_event = tail.size();
    if (events) {
        if (postgres) {
            tail.push_back({"SELECT pg_advisory_xact_lock(7241002)", {}});
            ++first_event;
        }
        auto now = to_us(Clock::now());
        for (auto& e : tx.events) {
            tail.push_back(
                {"INSERT INTO events (contest_id, type, obj_id, data, time) VALUES ($1,$2,$3,$4,$5) "
                 "RETURNING token",
                 {text(e.contest_id), text(e.type), opt_text(e.id), opt_text(e.data), now}});
        }
    }
    if (postgres) {
        // Other processes wake at once; a worker that never waits for events does not listen to them.
        if (events) {
            tail.push_back({"SELECT pg_notify('khue_events', '')", {}});
        }
        if (tx.jobs_changed) {
            tail.push_back({"SELECT pg_notify('khue_jobs', '')", {}});
        }
    }
    auto results = tx.conn.exec_and_commit(tail);
    if (events && tx.last_token != nullptr) {
        *tx.last_token = results.at(first_event + tx.events.size() - 1).rows.at(0).i64(0);
    }
    if (events) {
        notifier_->events_changed();
    }
    if (tx.jobs_changed) {
        notifier_->jobs_changed();
    }
    if (!postgres) {
        touch_wake_files(tx.jobs_changed, events);
    }
}

// LISTEN on a connection of its own; notifications from any process wake this process's waiters.
void SqlStore::listen_loop(const std::string& conninfo, std::stop_token stop) {
    int backoff_ms = 100;
    while (!stop.stop_requested()) {
        PGconn* conn = PQconnectdb(conninfo.c_str());
        if (PQstatus(conn) != CONNECTION_OK) {
            PQfinish(conn);
            std::this_thread::sleep_for(milliseconds(backoff_ms));
            backoff_ms = std::min(backoff_ms * 2, 5000);
            continue;
        }
        PQclear(PQexec(conn, "LISTEN khue_jobs"));
        bool listening_events = false;
        backoff_ms = 100;
        // Anything committed while we were not listening: wake everybody once.
        notifier_->jobs_changed();
        notifier_->events_changed();
        while (!stop.stop_requested() && PQstatus(conn) == CONNECTION_OK) {
            // Every judgement commits events: a process that never waits for them (a judging worker) is not
            // woken by each (with 16 workers, 16 wake-ups per judgement saved).
            if (!listening_events && wants_events_.load()) {
                PQclear(PQexec(conn, "LISTEN khue_events"));
                listening_events = true;
                notifier_->events_changed();
            }
            pollfd pfd{PQsocket(conn), POLLIN, 0};
            int rc = ::poll(&pfd, 1, 200);
            if (rc < 0) {
                continue;
            }
            if (rc > 0 && !PQconsumeInput(conn)) {
                break;
            }
            bool jobs = false, events = false;
            while (PGnotify* n = PQnotifies(conn)) {
                std::string_view channel = n->relname;
                jobs |= channel == "khue_jobs";
                events |= channel == "khue_events";
                PQfreemem(n);
            }
            if (jobs) {
                notifier_->jobs_changed();
            }
            if (events) {
                notifier_->events_changed();
            }
        }
        PQfinish(conn);
    }
}

}  // namespace sql

std::unique_ptr<Store> open_store(std::string_view url, std::shared_ptr<const EventEncoder> encoder) {
    if (!encoder) {
        throw StoreError("open_store: no event encoder given");
    }
    if (url.starts_with("sqlite:")) {
        std::string path(url.substr(7));
        if (path.starts_with("//")) {
            path = path.substr(2);  // sqlite:///abs/path
        }
        if (path.empty()) {
            throw StoreError("database URL '" + std::string(url) + "' names no file");
        }
        std::filesystem::path p(path);
        if (p.has_parent_path()) {
            std::error_code ec;
            std::filesystem::create_directories(p.parent_path(), ec);
        }
        std::string canonical = std::filesystem::weakly_canonical(p).string();
        return std::make_unique<sql::SqlStore>(
            db::Backend::Sqlite, [path] { return db::open_sqlite(path); }, Notifier::for_file(canonical),
            canonical, std::move(encoder));
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        std::string info(url);
        return std::make_unique<sql::SqlStore>(
            db::Backend::Postgres, [info] { return db::open_postgres(info); }, std::make_shared<Notifier>(),
            info, std::move(encoder));
    }
    throw StoreError("unsupported database URL '" + std::string(url) +
                     "': expected sqlite:PATH or postgresql://...");
}

}  // namespace khue::store
