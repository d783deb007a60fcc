// SqlStore: the whole Store, written once over db::Connection, so that SQLite and PostgreSQL behave alike.
// Differences are confined to: how a write transaction locks (SQLite BEGIN IMMEDIATE locks the database; PG
// locks rows with FOR UPDATE / SKIP LOCKED), how event tokens are kept in commit order (PG: an advisory lock
// taken just before the events are inserted), and how other processes are woken (PG: NOTIFY; SQLite: two
// wake-up files beside the database, touched after a commit and watched with inotify). A slow safety poll
// backs both up.
//
// One class, its members defined by role, a file each: contest_objects.cpp, submissions.cpp, job_queue.cpp
// and job_claims.cpp, event_log.cpp, rejudgings.cpp, hosts.cpp, clarifications.cpp, roster.cpp, backups.cpp;
// sql_store.cpp holds the transaction machinery and open_store().
#pragma once

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "db.hpp"
#include "khue/store/store.hpp"
#include "notifier.hpp"
#include "sql/pool.hpp"
#include "sql/values.hpp"

namespace khue::store::sql {

// An event to append when the transaction commits.
struct PendingEvent {
    std::string contest_id;
    std::string type;
    std::optional<std::string> id;
    std::optional<std::string> data;
};

struct Tx {
    db::Connection& conn;
    db::Backend backend;
    std::vector<PendingEvent> events;
    bool jobs_changed = false;
    // Writes whose results nobody reads, sent with the COMMIT (one round trip fewer each on PostgreSQL).
    std::vector<db::Statement> deferred;
    // Where finish() puts the last appended event's token, when someone wants it.
    std::int64_t* last_token = nullptr;

    db::Result exec(std::string_view sql, const std::vector<Value>& params = {}) {
        return conn.exec(sql, params);
    }
    // Several statements in one round trip (PostgreSQL); their results in order.
    std::vector<db::Result> exec_many(const std::vector<db::Statement>& statements) {
        return conn.exec_many(statements);
    }
    void defer(std::string sql, std::vector<Value> params) {
        deferred.push_back({std::move(sql), std::move(params)});
    }
    void event(std::string contest_id, std::string type, std::optional<std::string> id,
               std::optional<std::string> data) {
        events.push_back({std::move(contest_id), std::move(type), std::move(id), std::move(data)});
    }
    // Row locks only mean something on PostgreSQL; SQLite's write transaction already holds the database
    // lock.
    std::string_view for_update() const { return backend == db::Backend::Postgres ? " FOR UPDATE" : ""; }
    std::string_view skip_locked() const {
        return backend == db::Backend::Postgres ? " FOR UPDATE SKIP LOCKED" : "";
    }
    // FOR UPDATE of one table of a join (the others' rows stay unlocked).
    std::string for_update_of(std::string_view alias) const {
        return backend == db::Backend::Postgres ? " FOR UPDATE OF " + std::string(alias) : "";
    }
};

// The rows of a query, each made into a record by `from`.
template <class From>
auto query_all(Tx& tx, std::string_view sql, const std::vector<Value>& params, From from)
    -> std::vector<std::invoke_result_t<From&, const db::Row&>> {
    std::vector<std::invoke_result_t<From&, const db::Row&>> out;
    for (const db::Row& row : tx.exec(sql, params).rows) {
        out.push_back(from(row));
    }
    return out;
}
// The first row of a query made into a record by `from`, or nothing when the query finds no row.
template <class From>
auto query_one(Tx& tx, std::string_view sql, const std::vector<Value>& params, From from)
    -> std::optional<std::invoke_result_t<From&, const db::Row&>> {
    auto result = tx.exec(sql, params);
    if (result.empty()) {
        return std::nullopt;
    }
    return from(result.rows[0]);
}

// Appends " AND <column> = $N" to `sql`, and its parameter, when `value` is set (optional filters).
inline void and_equals(std::string& sql, std::vector<Value>& params, std::string_view column,
                       const std::optional<std::string>& value) {
    if (value) {
        params.push_back(text(*value));
        sql += " AND " + std::string(column) + " = $" + std::to_string(params.size());
    }
}

class SqlStore final : public Store {
  public:
    // `wake`: PostgreSQL, the conninfo of the LISTEN connection; SQLite, the database file's path (its
    // wake-up files are "<path>-wake-jobs" and "<path>-wake-events").
    SqlStore(db::Backend backend, Pool::Factory factory, std::shared_ptr<Notifier> notifier, std::string wake,
             std::shared_ptr<const EventEncoder> encoder);
    ~SqlStore() override;

    std::string_view backend() const override;
    int schema_version() override;

    // ---- ContestObjects (contest_objects.cpp)
    std::string put_package(std::string_view zip_bytes) override;
    std::optional<std::string> get_package(std::string_view hash) override;
    void upsert_contest(const Contest& c) override;
    std::optional<Contest> get_contest(std::string_view id) override;
    std::vector<Contest> list_contests() override;
    void update_contest_state(std::string_view contest_id, const ContestState& s) override;
    void upsert_problem(const Problem& p) override;
    std::optional<Problem> get_problem(std::string_view contest_id, std::string_view id) override;
    std::vector<Problem> list_problems(std::string_view contest_id) override;
    void upsert_organization(const Organization& o) override;
    std::vector<Organization> list_organizations(std::string_view contest_id) override;
    void upsert_group(const Group& g) override;
    std::vector<Group> list_groups(std::string_view contest_id) override;
    void upsert_team(const Team& t) override;
    std::optional<Team> get_team(std::string_view contest_id, std::string_view id) override;
    std::vector<Team> list_teams(std::string_view contest_id) override;
    void upsert_account(const Account& a) override;
    std::optional<Account> get_account(std::string_view id) override;
    std::optional<Account> get_account_by_username(std::string_view username) override;
    std::vector<Account> list_accounts(std::optional<std::string_view> contest_id) override;
    void add_account_contest(const AccountContest& membership) override;
    std::vector<AccountContest> list_account_contests(std::string_view account_id) override;

    // ---- Submissions (submissions.cpp)
    Submission add_submission(const NewSubmission& ns) override;
    std::optional<Submission> get_submission(std::string_view contest_id, std::string_view id) override;
    std::vector<Submission> list_submissions(const SubmissionFilter& f) override;
    std::vector<Judgement> list_judgements(const JudgementFilter& f) override;
    std::optional<Judgement> current_judgement(std::string_view contest_id,
                                               std::string_view submission_id) override;
    std::vector<Run> list_runs(std::string_view contest_id,
                               std::optional<std::string_view> judgement_id) override;
    Judgement import_judgement(std::string_view contest_id, std::string_view submission_id,
                               TimePoint start_time, TimePoint end_time,
                               const JudgementResult& result) override;

    // ---- EventLog (event_log.cpp)
    std::int64_t append_event(std::string_view contest_id, std::string_view type,
                              std::optional<std::string_view> id,
                              std::optional<std::string_view> data) override;
    std::vector<Event> read_events(std::string_view contest_id, std::int64_t since,
                                   std::size_t limit) override;
    std::int64_t latest_token() override;
    bool wait_for_event(std::int64_t after, milliseconds timeout) override;

    // ---- JobQueue (job_queue.cpp, job_claims.cpp)
    std::vector<Job> claim_jobs(const std::vector<std::string>& owners, milliseconds lease,
                                milliseconds wait) override;
    bool renew_lease(Lease& lease, milliseconds duration) override;
    std::vector<CompleteStatus> complete_jobs(const std::vector<Completion>& batch) override;
    bool release_job(const Lease& lease, std::string_view reason) override;
    bool abandon_job(const Lease& lease, std::string_view reason) override;
    // Requeues a claimed job; `crashed`: its worker died while judging (counted in jobs.crashes).
    bool give_back(const Lease& lease, std::string_view reason, bool crashed);
    QueueStats queue_stats() override;
    void interrupt_waits() override;

    // ---- Rejudgings (rejudgings.cpp)
    Rejudging create_rejudging(const RejudgeSelection& sel, std::string_view reason) override;
    std::optional<Rejudging> get_rejudging(std::string_view id) override;
    std::vector<Rejudging> list_rejudgings(std::string_view contest_id) override;
    std::vector<RejudgePreviewRow> preview_rejudging(std::string_view id) override;
    void apply_rejudging(std::string_view id) override;
    void cancel_rejudging(std::string_view id) override;

    // ---- Clarifications (clarifications.cpp)
    Clarification add_clarification(const NewClarification& nc) override;
    std::optional<Clarification> get_clarification(std::string_view contest_id, std::string_view id) override;
    std::vector<Clarification> list_clarifications(std::string_view contest_id) override;
    ClaimResult claim_clarification(std::string_view contest_id, std::string_view id,
                                    std::string_view username, bool release, bool steal) override;

    // ---- RosterWrites (roster.cpp)
    void write_roster(const RosterBatch& batch) override;

    // ---- Hosts (hosts.cpp)
    void heartbeat(const JudgeHost& host) override;
    std::vector<JudgeHost> list_hosts() override;

    // ---- Backups (backups.cpp)
    void record_backup(const BackupRecord& backup) override;
    std::optional<BackupRecord> last_backup() override;

  private:
    // How often a waiter looks again without being woken: expired leases, and other processes' commits when
    // their wake-up did not arrive (SQLite without inotify: 250 ms). KHUE_STORE_POLL_MS overrides it (tests
    // set it very long to prove that the wake-ups alone deliver).
    milliseconds safety_poll() const {
        if (poll_override_) {
            return *poll_override_;
        }
        return backend_ == db::Backend::Sqlite && inotify_fd_ < 0 ? milliseconds(250) : milliseconds(2000);
    }

    enum class Mode { Read, Write, Durable };
    template <class F>
    auto transact(Mode mode, F&& f) -> decltype(f(std::declval<Tx&>())) {
        using R = decltype(f(std::declval<Tx&>()));
        std::unique_lock<std::mutex> writing;
        if (backend_ == db::Backend::Sqlite && mode != Mode::Read) {
            writing = std::unique_lock(notifier_->write_mutex);
        }
        for (int attempt = 0;; ++attempt) {
            auto conn = pool_.acquire();
            Tx tx{*conn, backend_, {}, false, {}, nullptr};
            try {
                conn->begin(mode != Mode::Read, mode == Mode::Durable);
                if constexpr (std::is_void_v<R>) {
                    f(tx);
                    finish(tx);
                    return;
                } else {
                    R result = f(tx);
                    finish(tx);
                    return result;
                }
            } catch (const db::TransientError& e) {
                conn->rollback();
                if (attempt >= 8) {
                    throw;
                }
                std::this_thread::sleep_for(milliseconds(5 << std::min(attempt, 6)));
            } catch (...) {
                conn->rollback();
                throw;
            }
        }
    }

    // query_all() / query_one() in a read-only transaction of their own.
    template <class From>
    auto read_all(std::string_view sql, const std::vector<Value>& params, From from) {
        return transact(Mode::Read, [&](Tx& tx) { return query_all(tx, sql, params, from); });
    }
    template <class From>
    auto read_one(std::string_view sql, const std::vector<Value>& params, From from) {
        return transact(Mode::Read, [&](Tx& tx) { return query_one(tx, sql, params, from); });
    }

    // Commits: runs the deferred writes, appends the pending events, notifies other processes (PG) and this
    // one. On PostgreSQL an advisory lock taken before the events and held to commit makes tokens increase in
    // commit order (a reader that saw token T can never later find a smaller one appear); all of it travels
    // with the COMMIT in one round trip, so the lock is held for no client round trip.
    void finish(Tx& tx);

    // The upserts of contest_objects.cpp inside a caller's transaction (write_roster() makes several).
    void put_organization(Tx& tx, const Organization& o);
    void put_group(Tx& tx, const Group& g);
    void put_team(Tx& tx, const Team& t);
    void put_account(Tx& tx, const Account& a);
    std::optional<Contest> load_contest(Tx& tx, std::string_view id);
    Contest require_contest(Tx& tx, std::string_view id);
    std::optional<I> submission_seq(Tx& tx, std::string_view contest_id, std::string_view id);
    I next_counter(Tx& tx, const std::string& name);
    std::optional<Judgement> load_judgement(Tx& tx, I id);
    // Fair queueing by team (job_queue.cpp).
    void enqueue(Tx& tx, I seq, const std::string& contest_id, const std::string& team_id,
                 JobPriority priority, std::optional<I> rejudging_id, std::optional<I> prev_judgement);
    void requeue(Tx& tx, I job_id, I judgement_id);
    std::vector<Job> claim_once(const std::vector<std::string>& owners, milliseconds lease);
    void publish_judgement(Tx& tx, I jid, bool with_runs);
    void make_current(Tx& tx, I submission_seq, I jid);
    void decide_rejudging(Tx& tx, I rid, RejudgingState to);
    // LISTEN on a connection of its own; notifications from any process wake this process's waiters.
    void listen_loop(const std::string& conninfo, std::stop_token stop);
    // SQLite: the wake-up files (sqlite_wake.cpp). open_wake_files() creates them and watches the jobs' one;
    // touch_wake_files() follows a commit; inotify_loop() turns other processes' touches into wake-ups.
    void open_wake_files(const std::string& db_path);
    void touch_wake_files(bool jobs, bool events);
    void inotify_loop(std::stop_token stop);

    db::Backend backend_;
    Pool pool_;
    std::shared_ptr<Notifier> notifier_;
    std::shared_ptr<const EventEncoder> encoder_;
    int version_ = 0;
    // Set by the first wait_for_event(): only then does the listener LISTEN to events (PostgreSQL) or watch
    // the events' wake-up file (SQLite).
    std::atomic<bool> wants_events_{false};
    std::optional<milliseconds> poll_override_;
    int inotify_fd_ = -1;  // SQLite: watching the wake-up files; -1 when inotify is not available
    std::string wake_jobs_, wake_events_;
    int events_watch_ = -1;  // set by inotify_loop once wants_events_
    std::jthread listener_;  // last: it uses the members above
};

}  // namespace khue::store::sql
