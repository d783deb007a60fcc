// SqlStore: the whole Store, written once over db::Connection, so that SQLite and PostgreSQL behave alike.
// Differences are confined to: how a write transaction locks (SQLite BEGIN IMMEDIATE locks the database; PG
// locks rows with FOR UPDATE / SKIP LOCKED), how event tokens are kept in commit order (PG: an advisory lock
// taken just before the events are inserted), and how other processes are woken (PG: NOTIFY; SQLite: a slow
// safety poll).
#include <libpq-fe.h>
#include <poll.h>

#include <spdlog/spdlog.h>
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <charconv>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "khue/judge/hash.hpp"
#include "khue/judge/store/contest_api.hpp"
#include "khue/judge/store/store.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"
#include "store/notifier.hpp"

namespace khue::judge::store {

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

namespace {

using db::Value;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using I = std::int64_t;

I to_us(TimePoint t) {
    return std::chrono::duration_cast<microseconds>(t.time_since_epoch()).count();
}
TimePoint from_us(I us) {
    return TimePoint(std::chrono::duration_cast<Clock::duration>(microseconds(us)));
}
Value opt_time(const std::optional<TimePoint>& t) {
    return t ? Value{to_us(*t)} : Value{};
}
std::optional<TimePoint> opt_time(const std::optional<I>& us) {
    return us ? std::optional(from_us(*us)) : std::nullopt;
}
I seconds_to_us(Seconds s) {
    return std::chrono::duration_cast<microseconds>(s).count();
}
Seconds us_to_seconds(I us) {
    return std::chrono::duration_cast<Seconds>(microseconds(us));
}
Value text(std::string_view s) {
    return Value{std::string(s)};
}
Value opt_text(const std::optional<std::string>& s) {
    return s ? Value{*s} : Value{};
}
std::string json_text(const boost::json::object& o) {
    return boost::json::serialize(o);
}
Verdict parse_verdict(const std::string& s) {
    auto v = verdict_from_string(s);
    if (!v) {
        throw StoreError("store: unknown verdict '" + s + "' in the database");
    }
    return *v;
}
I parse_id(std::string_view id, std::string_view what) {
    I value = 0;
    auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || ptr != id.data() + id.size()) {
        throw StoreInvalid(std::string(what) + " id '" + std::string(id) + "' is not a number");
    }
    return value;
}
std::optional<I> try_parse_id(std::string_view id) {
    I value = 0;
    auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || ptr != id.data() + id.size()) {
        return std::nullopt;
    }
    return value;
}

// ---- connection pool
// ----------------------------------------------------------------------------------------------

class Pool {
  public:
    using Factory = std::function<std::unique_ptr<db::Connection>()>;
    explicit Pool(Factory factory) : factory_(std::move(factory)) {}

    class Handle {
      public:
        Handle(Pool& pool, std::unique_ptr<db::Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
        ~Handle() { pool_.give_back(std::move(conn_)); }
        Handle(const Handle&) = delete;
        Handle& operator=(const Handle&) = delete;
        db::Connection* operator->() { return conn_.get(); }
        db::Connection& operator*() { return *conn_; }

      private:
        Pool& pool_;
        std::unique_ptr<db::Connection> conn_;
    };

    Handle acquire() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                auto conn = std::move(idle_.back());
                idle_.pop_back();
                return Handle(*this, std::move(conn));
            }
        }
        return Handle(*this, factory_());
    }

  private:
    void give_back(std::unique_ptr<db::Connection> conn) {
        if (!conn || conn->broken()) {
            return;  // a broken connection is dropped; the next acquire() reconnects
        }
        std::lock_guard lock(mutex_);
        if (idle_.size() < 32) {
            idle_.push_back(std::move(conn));
        }
    }
    Factory factory_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<db::Connection>> idle_;
};

// ---- one transaction
// ------------------------------------------------------------------------------------------------

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

    db::Result exec(std::string_view sql, const std::vector<Value>& params = {}) {
        return conn.exec(sql, params);
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
};

constexpr std::string_view kContestCols =
    "id, name, formal_name, start_time, duration_ms, freeze_ms, thaw_time, scoreboard_type, penalty_ms, "
    "utc_offset_min, started, frozen, ended, thawed, finalized, end_of_updates";

Contest contest_from(const db::Row& r) {
    Contest c;
    c.id = r.str(0);
    c.name = r.str(1);
    c.formal_name = r.str(2);
    c.start_time = opt_time(r.opt_i64(3));
    c.duration = milliseconds(r.i64(4));
    if (auto f = r.opt_i64(5)) {
        c.scoreboard_freeze_duration = milliseconds(*f);
    }
    c.scoreboard_thaw_time = opt_time(r.opt_i64(6));
    c.scoreboard_type = r.str(7);
    c.penalty_time = milliseconds(r.i64(8));
    c.utc_offset = std::chrono::minutes(r.i64(9));
    c.state.started = opt_time(r.opt_i64(10));
    c.state.frozen = opt_time(r.opt_i64(11));
    c.state.ended = opt_time(r.opt_i64(12));
    c.state.thawed = opt_time(r.opt_i64(13));
    c.state.finalized = opt_time(r.opt_i64(14));
    c.state.end_of_updates = opt_time(r.opt_i64(15));
    return c;
}

constexpr std::string_view kProblemCols =
    "contest_id, id, label, name, ordinal, rgb, color, time_limit_us, memory_bytes, output_bytes, "
    "code_bytes, "
    "test_data_count, max_score, package_hash";

Problem problem_from(const db::Row& r) {
    Problem p;
    p.contest_id = r.str(0);
    p.id = r.str(1);
    p.label = r.str(2);
    p.name = r.str(3);
    p.ordinal = static_cast<int>(r.i64(4));
    p.rgb = r.str(5);
    p.color = r.str(6);
    p.time_limit = us_to_seconds(r.i64(7));
    p.memory_limit = Bytes{static_cast<std::uint64_t>(r.i64(8))};
    p.output_limit = Bytes{static_cast<std::uint64_t>(r.i64(9))};
    p.code_limit = Bytes{static_cast<std::uint64_t>(r.i64(10))};
    p.test_data_count = static_cast<int>(r.i64(11));
    p.max_score = r.opt_f64(12);
    p.package_hash = r.str(13);
    return p;
}

Team team_from(const db::Row& r) {
    Team t;
    t.contest_id = r.str(0);
    t.id = r.str(1);
    t.name = r.str(2);
    t.label = r.str(3);
    t.display_name = r.str(4);
    t.organization_id = r.opt_str(5);
    boost::json::value groups = boost::json::parse(r.str(6));
    for (const auto& g : groups.as_array()) {
        t.group_ids.emplace_back(g.as_string());
    }
    t.hidden = r.i64(7) != 0;
    return t;
}
constexpr std::string_view kTeamCols =
    "contest_id, id, name, label, display_name, organization_id, group_ids, hidden";

Account account_from(const db::Row& r) {
    Account a;
    a.id = r.str(0);
    a.username = r.str(1);
    a.password_hash = r.str(2);
    a.type = r.str(3);
    a.contest_id = r.opt_str(4);
    a.team_id = r.opt_str(5);
    a.name = r.str(6);
    return a;
}
constexpr std::string_view kAccountCols = "id, username, password_hash, type, contest_id, team_id, name";

constexpr std::string_view kSubmissionCols =
    "s.seq, s.id, s.contest_id, s.team_id, s.problem_id, s.language_id, s.entry_point, s.time";
Submission submission_from(const db::Row& r) {
    Submission s;
    s.id = r.str(1);
    s.contest_id = r.str(2);
    s.team_id = r.str(3);
    s.problem_id = r.str(4);
    s.language_id = r.str(5);
    s.entry_point = r.opt_str(6);
    s.time = from_us(r.i64(7));
    return s;
}

constexpr std::string_view kJudgementCols =
    "j.id, j.contest_id, s.id, j.verdict, j.score, j.max_score, j.current, j.valid, j.start_time, "
    "j.end_time, "
    "j.max_run_time_us, j.rejudging_id, j.judged_by, j.compile_ok, j.compile_output";
Judgement judgement_from(const db::Row& r) {
    Judgement j;
    j.id = r.str(0);
    j.contest_id = r.str(1);
    j.submission_id = r.str(2);
    if (auto v = r.opt_str(3)) {
        j.verdict = parse_verdict(*v);
    }
    j.score = r.opt_f64(4);
    j.max_score = r.opt_f64(5);
    j.current = r.i64(6) != 0;
    j.valid = r.i64(7) != 0;
    j.start_time = from_us(r.i64(8));
    j.end_time = opt_time(r.opt_i64(9));
    if (auto m = r.opt_i64(10)) {
        j.max_run_time = us_to_seconds(*m);
    }
    j.rejudging_id = r.opt_str(11);
    j.judged_by = r.str(12);
    j.compile_ok = r.i64(13) != 0;
    j.compile_output = r.str(14);
    return j;
}

constexpr std::string_view kRunCols =
    "id, contest_id, judgement_id, ordinal, verdict, time, run_time_us, wall_time_us, memory_bytes, "
    "test_name, grp, "
    "message";
Run run_from(const db::Row& r) {
    Run run;
    run.id = r.str(0);
    run.contest_id = r.str(1);
    run.judgement_id = r.str(2);
    run.ordinal = static_cast<int>(r.i64(3));
    run.verdict = parse_verdict(r.str(4));
    run.time = from_us(r.i64(5));
    run.run_time = us_to_seconds(r.i64(6));
    run.wall_time = us_to_seconds(r.i64(7));
    run.memory = Bytes{static_cast<std::uint64_t>(r.i64(8))};
    run.test_name = r.str(9);
    run.group = r.str(10);
    run.message = r.str(11);
    return run;
}

std::string_view rejudging_state_text(RejudgingState s) {
    switch (s) {
        case RejudgingState::Created:
            return "created";
        case RejudgingState::Applied:
            return "applied";
        case RejudgingState::Cancelled:
            return "cancelled";
    }
    return "created";
}
RejudgingState rejudging_state_from(const std::string& s) {
    if (s == "applied") {
        return RejudgingState::Applied;
    }
    if (s == "cancelled") {
        return RejudgingState::Cancelled;
    }
    return RejudgingState::Created;
}
constexpr std::string_view kRejudgingCols =
    "id, contest_id, reason, state, created_at, decided_at, submission_count";
Rejudging rejudging_from(const db::Row& r) {
    Rejudging rj;
    rj.id = r.str(0);
    rj.contest_id = r.str(1);
    rj.reason = r.str(2);
    rj.state = rejudging_state_from(r.str(3));
    rj.created_at = from_us(r.i64(4));
    rj.decided_at = opt_time(r.opt_i64(5));
    rj.submission_count = static_cast<std::size_t>(r.i64(6));
    return rj;
}

// ---- the store
// ----------------------------------------------------------------------------------------------------

class SqlStore final : public Store {
  public:
    SqlStore(db::Backend backend, Pool::Factory factory, std::shared_ptr<Notifier> notifier,
             std::string listen_conninfo)
        : backend_(backend), pool_(std::move(factory)), notifier_(std::move(notifier)) {
        {
            auto conn = pool_.acquire();
            version_ = migrate(*conn, backend_);
        }
        if (backend_ == db::Backend::Postgres) {
            listener_ = std::jthread(
                [this, info = std::move(listen_conninfo)](std::stop_token stop) { listen_loop(info, stop); });
        }
    }
    ~SqlStore() override {
        if (listener_.joinable()) {
            listener_.request_stop();
            listener_.join();
        }
    }

    std::string_view backend() const override {
        return backend_ == db::Backend::Sqlite ? "sqlite" : "postgresql";
    }
    int schema_version() override { return version_; }

    // ---- packages
    // --------------------------------------------------------------------------------------------------

    std::string put_package(std::string_view zip_bytes) override {
        std::string hash = sha256_hex(zip_bytes);
        transact(Mode::Durable, [&](Tx& tx) {
            tx.exec(
                "INSERT INTO packages (hash, bytes, size, created_at) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (hash) DO NOTHING",
                {text(hash), db::Blob{std::string(zip_bytes)}, I(zip_bytes.size()), to_us(Clock::now())});
        });
        return hash;
    }
    std::optional<std::string> get_package(std::string_view hash) override {
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<std::string> {
            auto r = tx.exec("SELECT bytes FROM packages WHERE hash = $1", {text(hash)});
            if (r.empty()) {
                return std::nullopt;
            }
            return r.rows[0].blob(0);
        });
    }
    bool has_package(std::string_view hash) override {
        return transact(Mode::Read, [&](Tx& tx) {
            return !tx.exec("SELECT 1 FROM packages WHERE hash = $1", {text(hash)}).empty();
        });
    }

    // ---- contests
    // --------------------------------------------------------------------------------------------------

    void upsert_contest(const Contest& c) override {
        if (c.id.empty()) {
            throw StoreInvalid("a contest needs an id");
        }
        transact(Mode::Durable, [&](Tx& tx) {
            auto old = load_contest(tx, c.id);
            tx.exec(
                "INSERT INTO contests (id, name, formal_name, start_time, duration_ms, freeze_ms, thaw_time, "
                "scoreboard_type, penalty_ms, utc_offset_min) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, formal_name = excluded.formal_name, "
                "start_time = excluded.start_time, duration_ms = excluded.duration_ms, "
                "freeze_ms = excluded.freeze_ms, thaw_time = excluded.thaw_time, "
                "scoreboard_type = excluded.scoreboard_type, penalty_ms = excluded.penalty_ms, "
                "utc_offset_min = excluded.utc_offset_min",
                {text(c.id), text(c.name), text(c.formal_name), opt_time(c.start_time), I(c.duration.count()),
                 c.scoreboard_freeze_duration ? Value{I(c.scoreboard_freeze_duration->count())} : Value{},
                 opt_time(c.scoreboard_thaw_time), text(c.scoreboard_type), I(c.penalty_time.count()),
                 I(c.utc_offset.count())});
            auto now = load_contest(tx, c.id);
            std::string data = json_text(contest_json(*now));
            if (!old || json_text(contest_json(*old)) != data) {
                tx.event(c.id, "contest", std::nullopt, data);
            }
            if (!old) {
                tx.event(c.id, "state", std::nullopt, json_text(state_json(*now)));
            }
        });
    }
    std::optional<Contest> get_contest(std::string_view id) override {
        return transact(Mode::Read, [&](Tx& tx) { return load_contest(tx, id); });
    }
    std::vector<Contest> list_contests() override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Contest> out;
            for (auto& r :
                 tx.exec("SELECT " + std::string(kContestCols) + " FROM contests ORDER BY id").rows) {
                out.push_back(contest_from(r));
            }
            return out;
        });
    }
    void update_contest_state(std::string_view contest_id, const ContestState& s) override {
        transact(Mode::Durable, [&](Tx& tx) {
            auto old = require_contest(tx, contest_id);
            if (old.state == s) {
                return;
            }
            tx.exec(
                "UPDATE contests SET started = $2, frozen = $3, ended = $4, thawed = $5, finalized = $6, "
                "end_of_updates = $7 WHERE id = $1",
                {text(contest_id), opt_time(s.started), opt_time(s.frozen), opt_time(s.ended),
                 opt_time(s.thawed), opt_time(s.finalized), opt_time(s.end_of_updates)});
            old.state = s;
            tx.event(old.id, "state", std::nullopt, json_text(state_json(old)));
        });
    }

    // ---- problems and the like
    // -----------------------------------------------------------------------------------

    void upsert_problem(const Problem& p) override {
        transact(Mode::Durable, [&](Tx& tx) {
            require_contest(tx, p.contest_id);
            if (p.id.empty()) {
                throw StoreInvalid("a problem of contest '" + p.contest_id + "' has no id");
            }
            if (tx.exec("SELECT 1 FROM packages WHERE hash = $1", {text(p.package_hash)}).empty()) {
                throw StoreInvalid("problem '" + p.id + "': package " + p.package_hash +
                                   " is not stored (put_package first)");
            }
            auto old = tx.exec(
                "SELECT " + std::string(kProblemCols) + " FROM problems WHERE contest_id = $1 AND id = $2",
                {text(p.contest_id), text(p.id)});
            tx.exec(
                "INSERT INTO problems (" + std::string(kProblemCols) +
                    ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (contest_id, id) "
                    "DO "
                    "UPDATE SET label = excluded.label, name = excluded.name, ordinal = excluded.ordinal, "
                    "rgb = excluded.rgb, color = excluded.color, time_limit_us = excluded.time_limit_us, "
                    "memory_bytes = excluded.memory_bytes, output_bytes = excluded.output_bytes, "
                    "code_bytes = excluded.code_bytes, test_data_count = excluded.test_data_count, "
                    "max_score = excluded.max_score, package_hash = excluded.package_hash",
                {text(p.contest_id), text(p.id), text(p.label), text(p.name), I(p.ordinal), text(p.rgb),
                 text(p.color), seconds_to_us(p.time_limit), I(p.memory_limit.count()),
                 I(p.output_limit.count()), I(p.code_limit.count()), I(p.test_data_count),
                 db::opt(p.max_score), text(p.package_hash)});
            std::string data = json_text(problem_json(p));
            if (old.empty() || json_text(problem_json(problem_from(old.rows[0]))) != data ||
                old.rows[0].str(13) != p.package_hash) {
                tx.event(p.contest_id, "problems", p.id, data);
            }
        });
    }
    std::optional<Problem> get_problem(std::string_view contest_id, std::string_view id) override {
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<Problem> {
            auto r = tx.exec(
                "SELECT " + std::string(kProblemCols) + " FROM problems WHERE contest_id = $1 AND id = $2",
                {text(contest_id), text(id)});
            if (r.empty()) {
                return std::nullopt;
            }
            return problem_from(r.rows[0]);
        });
    }
    std::vector<Problem> list_problems(std::string_view contest_id) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Problem> out;
            for (auto& r : tx.exec("SELECT " + std::string(kProblemCols) +
                                       " FROM problems WHERE contest_id = $1 ORDER BY ordinal, id",
                                   {text(contest_id)})
                               .rows) {
                out.push_back(problem_from(r));
            }
            return out;
        });
    }

    void upsert_organization(const Organization& o) override {
        transact(Mode::Durable, [&](Tx& tx) {
            require_contest(tx, o.contest_id);
            auto old = tx.exec(
                "SELECT name, formal_name, country FROM organizations WHERE contest_id = $1 AND id = $2",
                {text(o.contest_id), text(o.id)});
            if (!old.empty() && old.rows[0].str(0) == o.name && old.rows[0].str(1) == o.formal_name &&
                old.rows[0].str(2) == o.country) {
                return;
            }
            tx.exec(
                "INSERT INTO organizations (contest_id, id, name, formal_name, country) VALUES "
                "($1,$2,$3,$4,$5) "
                "ON CONFLICT (contest_id, id) DO UPDATE SET name = excluded.name, "
                "formal_name = excluded.formal_name, country = excluded.country",
                {text(o.contest_id), text(o.id), text(o.name), text(o.formal_name), text(o.country)});
            tx.event(o.contest_id, "organizations", o.id, json_text(organization_json(o)));
        });
    }
    std::vector<Organization> list_organizations(std::string_view contest_id) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Organization> out;
            for (auto& r : tx.exec("SELECT contest_id, id, name, formal_name, country FROM organizations "
                                   "WHERE contest_id = $1 ORDER BY id",
                                   {text(contest_id)})
                               .rows) {
                out.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4)});
            }
            return out;
        });
    }
    void upsert_group(const Group& g) override {
        transact(Mode::Durable, [&](Tx& tx) {
            require_contest(tx, g.contest_id);
            auto old = tx.exec("SELECT name, hidden FROM team_groups WHERE contest_id = $1 AND id = $2",
                               {text(g.contest_id), text(g.id)});
            if (!old.empty() && old.rows[0].str(0) == g.name && (old.rows[0].i64(1) != 0) == g.hidden) {
                return;
            }
            tx.exec(
                "INSERT INTO team_groups (contest_id, id, name, hidden) VALUES ($1,$2,$3,$4) "
                "ON CONFLICT (contest_id, id) DO UPDATE SET name = excluded.name, hidden = excluded.hidden",
                {text(g.contest_id), text(g.id), text(g.name), I(g.hidden)});
            tx.event(g.contest_id, "groups", g.id, json_text(group_json(g)));
        });
    }
    std::vector<Group> list_groups(std::string_view contest_id) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Group> out;
            for (auto& r :
                 tx.exec("SELECT contest_id, id, name, hidden FROM team_groups WHERE contest_id = $1 "
                         "ORDER BY id",
                         {text(contest_id)})
                     .rows) {
                out.push_back({r.str(0), r.str(1), r.str(2), r.i64(3) != 0});
            }
            return out;
        });
    }
    void upsert_team(const Team& t) override {
        transact(Mode::Durable, [&](Tx& tx) {
            require_contest(tx, t.contest_id);
            if (t.id.empty()) {
                throw StoreInvalid("a team of contest '" + t.contest_id + "' has no id");
            }
            boost::json::array groups;
            for (const auto& g : t.group_ids) {
                groups.emplace_back(g);
            }
            auto old =
                tx.exec("SELECT " + std::string(kTeamCols) + " FROM teams WHERE contest_id = $1 AND id = $2",
                        {text(t.contest_id), text(t.id)});
            std::string data = json_text(team_json(t));
            if (!old.empty() && json_text(team_json(team_from(old.rows[0]))) == data) {
                return;
            }
            tx.exec("INSERT INTO teams (" + std::string(kTeamCols) +
                        ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (contest_id, id) DO UPDATE SET "
                        "name = excluded.name, label = excluded.label, display_name = excluded.display_name, "
                        "organization_id = excluded.organization_id, group_ids = excluded.group_ids, "
                        "hidden = excluded.hidden",
                    {text(t.contest_id), text(t.id), text(t.name), text(t.label), text(t.display_name),
                     opt_text(t.organization_id), text(boost::json::serialize(groups)), I(t.hidden)});
            tx.event(t.contest_id, "teams", t.id, data);
        });
    }
    std::optional<Team> get_team(std::string_view contest_id, std::string_view id) override {
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<Team> {
            auto r =
                tx.exec("SELECT " + std::string(kTeamCols) + " FROM teams WHERE contest_id = $1 AND id = $2",
                        {text(contest_id), text(id)});
            if (r.empty()) {
                return std::nullopt;
            }
            return team_from(r.rows[0]);
        });
    }
    std::vector<Team> list_teams(std::string_view contest_id) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Team> out;
            for (auto& r :
                 tx.exec("SELECT " + std::string(kTeamCols) + " FROM teams WHERE contest_id = $1 ORDER BY id",
                         {text(contest_id)})
                     .rows) {
                out.push_back(team_from(r));
            }
            return out;
        });
    }

    void upsert_account(const Account& a) override {
        if (a.id.empty() || a.username.empty()) {
            throw StoreInvalid("an account needs an id and a username");
        }
        transact(Mode::Durable, [&](Tx& tx) {
            auto other = tx.exec("SELECT id FROM accounts WHERE username = $1 AND id <> $2",
                                 {text(a.username), text(a.id)});
            if (!other.empty()) {
                throw StoreInvalid("username '" + a.username + "' already belongs to account '" +
                                   other.rows[0].str(0) + "'");
            }
            tx.exec("INSERT INTO accounts (" + std::string(kAccountCols) +
                        ") VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (id) DO UPDATE SET username = "
                        "excluded.username, "
                        "password_hash = excluded.password_hash, type = excluded.type, "
                        "contest_id = excluded.contest_id, team_id = excluded.team_id, name = excluded.name",
                    {text(a.id), text(a.username), text(a.password_hash), text(a.type),
                     opt_text(a.contest_id), opt_text(a.team_id), text(a.name)});
        });
    }
    std::optional<Account> get_account(std::string_view id) override { return find_account("id", id); }
    std::optional<Account> get_account_by_username(std::string_view username) override {
        return find_account("username", username);
    }
    std::vector<Account> list_accounts(std::optional<std::string_view> contest_id) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Account> out;
            auto r =
                contest_id
                    ? tx.exec("SELECT " + std::string(kAccountCols) +
                                  " FROM accounts WHERE contest_id = $1 OR contest_id IS NULL ORDER BY id",
                              {text(*contest_id)})
                    : tx.exec("SELECT " + std::string(kAccountCols) + " FROM accounts ORDER BY id");
            for (auto& row : r.rows) {
                out.push_back(account_from(row));
            }
            return out;
        });
    }

    // ---- submissions
    // --------------------------------------------------------------------------------------------

    Submission add_submission(const NewSubmission& ns) override {
        return transact(Mode::Durable, [&](Tx& tx) {
            Contest contest = require_contest(tx, ns.contest_id);
            if (tx.exec("SELECT 1 FROM teams WHERE contest_id = $1 AND id = $2",
                        {text(ns.contest_id), text(ns.team_id)})
                    .empty()) {
                throw StoreInvalid("contest '" + ns.contest_id + "' has no team '" + ns.team_id + "'");
            }
            if (tx.exec("SELECT 1 FROM problems WHERE contest_id = $1 AND id = $2",
                        {text(ns.contest_id), text(ns.problem_id)})
                    .empty()) {
                throw StoreInvalid("contest '" + ns.contest_id + "' has no problem '" + ns.problem_id + "'");
            }
            if (ns.language_id.empty()) {
                throw StoreInvalid("a submission needs a language");
            }
            if (ns.files.empty()) {
                throw StoreInvalid("a submission needs at least one file");
            }
            Submission s;
            s.contest_id = ns.contest_id;
            s.team_id = ns.team_id;
            s.problem_id = ns.problem_id;
            s.language_id = ns.language_id;
            s.entry_point = ns.entry_point;
            s.time = ns.time.value_or(Clock::now());
            if (ns.id) {
                if (!submission_seq(tx, ns.contest_id, *ns.id).has_value()) {
                    s.id = *ns.id;
                } else {
                    throw StoreInvalid("contest '" + ns.contest_id + "' already has a submission '" + *ns.id +
                                       "'");
                }
            } else {
                // Numbers, skipping any an importer already used.
                do {
                    s.id = std::to_string(next_counter(tx, "submission:" + ns.contest_id));
                } while (submission_seq(tx, ns.contest_id, s.id).has_value());
            }
            I seq = tx.exec(
                          "INSERT INTO submissions (contest_id, id, team_id, problem_id, language_id, "
                          "entry_point, "
                          "time) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING seq",
                          {text(s.contest_id), text(s.id), text(s.team_id), text(s.problem_id),
                           text(s.language_id), opt_text(s.entry_point), to_us(s.time)})
                        .rows.at(0)
                        .i64(0);
            for (std::size_t i = 0; i < ns.files.size(); ++i) {
                tx.exec(
                    "INSERT INTO submission_files (submission_seq, idx, name, bytes) VALUES ($1,$2,$3,$4)",
                    {seq, I(i), text(ns.files[i].name), db::Blob{ns.files[i].bytes}});
            }
            enqueue(tx, seq, s.contest_id, s.team_id, JobPriority::Live, std::nullopt, std::nullopt);
            tx.event(s.contest_id, "submissions", s.id, json_text(submission_json(contest, s)));
            s.files = ns.files;
            return s;
        });
    }
    std::optional<Submission> get_submission(std::string_view contest_id, std::string_view id) override {
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<Submission> {
            auto r = tx.exec("SELECT " + std::string(kSubmissionCols) +
                                 " FROM submissions s WHERE s.contest_id = $1 AND s.id = $2",
                             {text(contest_id), text(id)});
            if (r.empty()) {
                return std::nullopt;
            }
            Submission s = submission_from(r.rows[0]);
            for (auto& f :
                 tx.exec("SELECT name, bytes FROM submission_files WHERE submission_seq = $1 ORDER BY idx",
                         {r.rows[0].i64(0)})
                     .rows) {
                s.files.push_back({f.str(0), f.blob(1)});
            }
            return s;
        });
    }
    std::vector<Submission> list_submissions(const SubmissionFilter& f) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::string sql =
                "SELECT " + std::string(kSubmissionCols) + " FROM submissions s WHERE s.contest_id = $1";
            std::vector<Value> params{text(f.contest_id)};
            auto add = [&](std::string_view column, const std::optional<std::string>& v) {
                if (v) {
                    params.push_back(text(*v));
                    sql += " AND s." + std::string(column) + " = $" + std::to_string(params.size());
                }
            };
            add("team_id", f.team_id);
            add("problem_id", f.problem_id);
            add("language_id", f.language_id);
            sql += " ORDER BY s.seq";
            std::vector<Submission> out;
            for (auto& r : tx.exec(sql, params).rows) {
                out.push_back(submission_from(r));
            }
            return out;
        });
    }

    // ---- judgements and runs
    // ------------------------------------------------------------------------------------

    std::vector<Judgement> list_judgements(const JudgementFilter& f) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::string sql =
                "SELECT " + std::string(kJudgementCols) +
                " FROM judgements j JOIN submissions s ON s.seq = j.submission_seq WHERE j.contest_id = $1";
            std::vector<Value> params{text(f.contest_id)};
            if (f.submission_id) {
                params.push_back(text(*f.submission_id));
                sql += " AND s.id = $2";
            }
            if (f.current_only) {
                sql += " AND j.current = 1";
            }
            if (!f.include_invalid) {
                sql += " AND j.valid = 1";
            }
            sql += " ORDER BY j.id";
            std::vector<Judgement> out;
            for (auto& r : tx.exec(sql, params).rows) {
                out.push_back(judgement_from(r));
            }
            return out;
        });
    }
    std::optional<Judgement> get_judgement(std::string_view contest_id, std::string_view id) override {
        auto jid = try_parse_id(id);
        if (!jid) {
            return std::nullopt;
        }
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<Judgement> {
            auto j = load_judgement(tx, *jid);
            if (!j || j->contest_id != contest_id) {
                return std::nullopt;
            }
            return j;
        });
    }
    std::optional<Judgement> current_judgement(std::string_view contest_id,
                                               std::string_view submission_id) override {
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<Judgement> {
            auto r = tx.exec("SELECT " + std::string(kJudgementCols) +
                                 " FROM judgements j JOIN submissions s ON s.seq = j.submission_seq "
                                 "WHERE s.contest_id = $1 AND s.id = $2 AND j.current = 1",
                             {text(contest_id), text(submission_id)});
            if (r.empty()) {
                return std::nullopt;
            }
            return judgement_from(r.rows[0]);
        });
    }
    std::vector<Run> list_runs(std::string_view contest_id,
                               std::optional<std::string_view> judgement_id) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Run> out;
            db::Result r;
            if (judgement_id) {
                auto jid = try_parse_id(*judgement_id);
                if (!jid) {
                    return out;
                }
                r = tx.exec("SELECT " + std::string(kRunCols) +
                                " FROM runs WHERE contest_id = $1 AND judgement_id = $2 ORDER BY id",
                            {text(contest_id), *jid});
            } else {
                r = tx.exec(
                    "SELECT " + std::string(kRunCols) + " FROM runs WHERE contest_id = $1 ORDER BY id",
                    {text(contest_id)});
            }
            for (auto& row : r.rows) {
                out.push_back(run_from(row));
            }
            return out;
        });
    }

    // ---- events
    // ------------------------------------------------------------------------------------------------

    std::int64_t append_event(std::string_view contest_id, std::string_view type,
                              std::optional<std::string_view> id,
                              std::optional<std::string_view> data) override {
        std::int64_t token = 0;
        transact(Mode::Durable, [&](Tx& tx) {
            tx.event(std::string(contest_id), std::string(type),
                     id ? std::optional<std::string>(std::string(*id)) : std::nullopt,
                     data ? std::optional<std::string>(std::string(*data)) : std::nullopt);
            token = flush_events(tx);
            tx.events.clear();
        });
        notifier_->events_changed();
        return token;
    }
    std::vector<Event> read_events(std::string_view contest_id, std::int64_t since,
                                   std::size_t limit) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Event> out;
            for (auto& r : tx.exec("SELECT token, contest_id, type, obj_id, data, time FROM events "
                                   "WHERE contest_id = $1 AND token > $2 ORDER BY token LIMIT $3",
                                   {text(contest_id), since, I(limit)})
                               .rows) {
                out.push_back({r.i64(0), r.str(1), r.str(2), r.opt_str(3), r.opt_str(4), from_us(r.i64(5))});
            }
            return out;
        });
    }
    std::int64_t latest_token() override {
        return transact(Mode::Read, [&](Tx& tx) {
            auto r = tx.exec("SELECT max(token) FROM events");
            return r.rows.at(0).is_null(0) ? I{0} : r.rows[0].i64(0);
        });
    }
    bool wait_for_event(std::int64_t after, milliseconds timeout) override {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            auto seen = notifier_->now();
            if (latest_token() > after) {
                return true;
            }
            auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= milliseconds(0)) {
                return false;
            }
            bool woke = notifier_->wait(
                seen, [](const Notifier::Generations& g) { return g.events; }, std::min(left, safety_poll()));
            if (woke && notifier_->now().interrupts != seen.interrupts) {
                return latest_token() > after;
            }
        }
    }

    // ---- queue
    // ---------------------------------------------------------------------------------------------------

    std::optional<Job> claim_job(const ClaimOptions& options) override {
        if (options.owner.empty()) {
            throw StoreInvalid("claim_job needs an owner name");
        }
        auto deadline = std::chrono::steady_clock::now() + options.wait;
        for (;;) {
            auto seen = notifier_->now();
            if (auto job = claim_once(options)) {
                return job;
            }
            auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= milliseconds(0)) {
                return std::nullopt;
            }
            // Woken at once by a commit that adds a job; the poll only catches expired leases and, for
            // SQLite, jobs added by other processes.
            notifier_->wait(
                seen, [](const Notifier::Generations& g) { return g.jobs; }, std::min(left, safety_poll()));
            if (notifier_->now().interrupts != seen.interrupts) {
                return std::nullopt;
            }
        }
    }

    bool renew_lease(Lease& lease, milliseconds duration) override {
        auto expires = Clock::now() + duration;
        auto jid = parse_id(lease.judgement_id, "judgement");
        bool ok = transact(Mode::Write, [&](Tx& tx) {
            return tx.exec(
                         "UPDATE jobs SET lease_expires = $1 WHERE id = $2 AND judgement_id = $3 AND owner = "
                         "$4 "
                         "AND state = 'claimed'",
                         {to_us(expires), lease.job_id, jid, text(lease.owner)})
                       .affected == 1;
        });
        if (ok) {
            lease.expires = expires;
        }
        return ok;
    }

    CompleteStatus complete_job(const Lease& lease, const JudgementResult& result) override {
        auto jid = parse_id(lease.judgement_id, "judgement");
        return transact(Mode::Durable, [&](Tx& tx) {
            // A rejudging's row is locked before the job's, in the order apply/cancel_rejudging() lock them,
            // so that completing and deciding serialize (apply either sees this job done, or is seen here as
            // applied) without deadlocking.
            std::optional<std::string> rejudging_state;
            auto rj_of = tx.exec("SELECT rejudging_id FROM jobs WHERE id = $1", {lease.job_id});
            if (!rj_of.empty() && !rj_of.rows[0].is_null(0)) {
                auto st = tx.exec("SELECT state FROM rejudgings WHERE id = $1" + std::string(tx.for_update()),
                                  {rj_of.rows[0].i64(0)});
                if (!st.empty()) {
                    rejudging_state = st.rows[0].str(0);
                }
            }
            auto job = tx.exec(
                "SELECT state, judgement_id, owner, priority, rejudging_id, submission_seq, contest_id "
                "FROM jobs WHERE id = $1" +
                    std::string(tx.for_update()),
                {lease.job_id});
            if (job.empty() || job.rows[0].opt_i64(1) != jid || job.rows[0].str(2) != lease.owner) {
                return CompleteStatus::LeaseLost;
            }
            const auto& row = job.rows[0];
            std::string state = row.str(0);
            if (state == "done") {
                return CompleteStatus::AlreadyRecorded;
            }
            if (state != "claimed") {
                return CompleteStatus::LeaseLost;
            }
            auto now = Clock::now();
            std::optional<Seconds> max_run;
            for (const auto& r : result.runs) {
                max_run = std::max(max_run.value_or(Seconds(0)), r.cpu_time);
            }
            tx.exec(
                "UPDATE judgements SET verdict = $2, score = $3, max_score = $4, end_time = $5, "
                "max_run_time_us = $6, compile_ok = $7, compile_output = $8 WHERE id = $1",
                {jid, text(to_string(result.verdict)), db::opt(result.score), db::opt(result.max_score),
                 to_us(now), max_run ? Value{seconds_to_us(*max_run)} : Value{}, I(result.compile_ok),
                 text(result.compile_output)});
            for (std::size_t i = 0; i < result.runs.size(); ++i) {
                const RunResult& r = result.runs[i];
                tx.exec(
                    "INSERT INTO runs (contest_id, judgement_id, ordinal, verdict, time, run_time_us, "
                    "wall_time_us, "
                    "memory_bytes, test_name, grp, message) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
                    {text(row.str(6)), jid, I(i + 1), text(to_string(r.verdict)), to_us(now),
                     seconds_to_us(r.cpu_time), seconds_to_us(r.wall_time), I(r.memory.count()),
                     text(r.test_name), text(r.group), text(r.message)});
            }
            tx.exec("UPDATE jobs SET state = 'done', finished_at = $2 WHERE id = $1",
                    {lease.job_id, to_us(now)});
            bool publish = row.i64(3) == I(JobPriority::Live);
            if (rejudging_state == "applied") {
                make_current(tx, row.i64(5), jid);
                publish = false;  // make_current published it
            }
            if (publish) {
                publish_judgement(tx, jid, true);
            }
            return CompleteStatus::Recorded;
        });
    }

    bool release_job(const Lease& lease, std::string_view reason) override {
        return give_back(lease, reason, false);
    }

    bool abandon_job(const Lease& lease, std::string_view reason) override {
        return give_back(lease, reason, true);
    }

    // Requeues a claimed job; `crashed`: its worker died while judging (counted in jobs.crashes).
    bool give_back(const Lease& lease, std::string_view reason, bool crashed) {
        auto jid = parse_id(lease.judgement_id, "judgement");
        return transact(Mode::Write, [&](Tx& tx) {
            auto job = tx.exec(
                "SELECT state, judgement_id, owner FROM jobs WHERE id = $1" + std::string(tx.for_update()),
                {lease.job_id});
            if (job.empty() || job.rows[0].str(0) != "claimed" || job.rows[0].opt_i64(1) != jid ||
                job.rows[0].str(2) != lease.owner) {
                return false;
            }
            spdlog::info("store: job {} {} by {}: {}", lease.job_id, crashed ? "abandoned" : "released",
                         lease.owner, reason);
            if (crashed) {
                tx.exec("UPDATE jobs SET crashes = crashes + 1, crash_reason = $2 WHERE id = $1",
                        {lease.job_id, text(reason)});
            }
            requeue(tx, lease.job_id, jid);
            return true;
        });
    }

    QueueStats queue_stats() override {
        return transact(Mode::Read, [&](Tx& tx) {
            QueueStats s;
            for (auto& r :
                 tx.exec("SELECT state, priority, count(*) FROM jobs WHERE state IN ('queued', 'claimed') "
                         "GROUP BY state, priority")
                     .rows) {
                auto n = static_cast<std::size_t>(r.i64(2));
                if (r.str(0) == "claimed") {
                    s.running += n;
                } else if (r.i64(1) == I(JobPriority::Live)) {
                    s.queued += n;
                } else {
                    s.queued_rejudge += n;
                }
            }
            return s;
        });
    }

    void interrupt_waits() override { notifier_->interrupt(); }

    // ---- rejudging
    // -------------------------------------------------------------------------------------------------

    Rejudging create_rejudging(const RejudgeSelection& sel, std::string_view reason) override {
        return transact(Mode::Durable, [&](Tx& tx) {
            require_contest(tx, sel.contest_id);
            std::string sql =
                "SELECT s.seq, s.team_id, j.id FROM submissions s JOIN judgements j ON j.submission_seq = "
                "s.seq "
                "AND j.current = 1 WHERE s.contest_id = $1 AND j.verdict IS NOT NULL AND NOT EXISTS (SELECT "
                "1 FROM "
                "jobs x WHERE x.submission_seq = s.seq AND x.state IN ('queued', 'claimed'))";
            std::vector<Value> params{text(sel.contest_id)};
            auto add = [&](std::string_view column, const std::optional<std::string>& v) {
                if (v) {
                    params.push_back(text(*v));
                    sql += " AND " + std::string(column) + " = $" + std::to_string(params.size());
                }
            };
            add("s.id", sel.submission_id);
            add("s.problem_id", sel.problem_id);
            add("s.team_id", sel.team_id);
            add("s.language_id", sel.language_id);
            if (sel.current_verdict) {
                add("j.verdict", std::string(to_string(*sel.current_verdict)));
            }
            sql += " ORDER BY s.seq";
            auto picked = tx.exec(sql, params);
            if (picked.empty()) {
                throw StoreInvalid("the rejudging selects no judged submission of contest '" +
                                   sel.contest_id + "'");
            }
            auto now = Clock::now();
            I id = tx.exec(
                         "INSERT INTO rejudgings (contest_id, reason, state, created_at, submission_count) "
                         "VALUES ($1, $2, 'created', $3, $4) RETURNING id",
                         {text(sel.contest_id), text(reason), to_us(now), I(picked.rows.size())})
                       .rows.at(0)
                       .i64(0);
            for (auto& r : picked.rows) {
                enqueue(tx, r.i64(0), sel.contest_id, r.str(1), JobPriority::Rejudge, id, r.i64(2));
            }
            return Rejudging{
                std::to_string(id), sel.contest_id,    std::string(reason), RejudgingState::Created, now,
                std::nullopt,       picked.rows.size()};
        });
    }
    std::optional<Rejudging> get_rejudging(std::string_view id) override {
        auto rid = try_parse_id(id);
        if (!rid) {
            return std::nullopt;
        }
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<Rejudging> {
            auto r =
                tx.exec("SELECT " + std::string(kRejudgingCols) + " FROM rejudgings WHERE id = $1", {*rid});
            if (r.empty()) {
                return std::nullopt;
            }
            return rejudging_from(r.rows[0]);
        });
    }
    std::vector<Rejudging> list_rejudgings(std::string_view contest_id) override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<Rejudging> out;
            for (auto& r : tx.exec("SELECT " + std::string(kRejudgingCols) +
                                       " FROM rejudgings WHERE contest_id = $1 ORDER BY id",
                                   {text(contest_id)})
                               .rows) {
                out.push_back(rejudging_from(r));
            }
            return out;
        });
    }
    std::vector<RejudgePreviewRow> preview_rejudging(std::string_view id) override {
        I rid = parse_id(id, "rejudging");
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<RejudgePreviewRow> out;
            for (auto& r :
                 tx.exec("SELECT s.id, x.prev_judgement_id, pj.verdict, x.judgement_id, nj.verdict, x.state "
                         "FROM jobs x JOIN submissions s ON s.seq = x.submission_seq "
                         "LEFT JOIN judgements pj ON pj.id = x.prev_judgement_id "
                         "LEFT JOIN judgements nj ON nj.id = x.judgement_id "
                         "WHERE x.rejudging_id = $1 ORDER BY s.seq",
                         {rid})
                     .rows) {
                RejudgePreviewRow row;
                row.submission_id = r.str(0);
                row.old_judgement_id = r.opt_str(1);
                if (auto v = r.opt_str(2)) {
                    row.old_verdict = parse_verdict(*v);
                }
                row.new_judgement_id = r.opt_str(3);
                if (auto v = r.opt_str(4); v && r.str(5) == "done") {
                    row.new_verdict = parse_verdict(*v);
                }
                out.push_back(std::move(row));
            }
            return out;
        });
    }
    void apply_rejudging(std::string_view id) override {
        I rid = parse_id(id, "rejudging");
        transact(Mode::Durable, [&](Tx& tx) {
            decide_rejudging(tx, rid, RejudgingState::Applied);
            for (auto& r :
                 tx.exec("SELECT submission_seq, judgement_id FROM jobs WHERE rejudging_id = $1 AND "
                         "state = 'done' ORDER BY id",
                         {rid})
                     .rows) {
                make_current(tx, r.i64(0), r.i64(1));
            }
        });
    }
    void cancel_rejudging(std::string_view id) override {
        I rid = parse_id(id, "rejudging");
        transact(Mode::Durable, [&](Tx& tx) {
            decide_rejudging(tx, rid, RejudgingState::Cancelled);
            tx.exec(
                "UPDATE judgements SET valid = 0 WHERE id IN (SELECT judgement_id FROM jobs WHERE "
                "rejudging_id = $1 "
                "AND judgement_id IS NOT NULL)",
                {rid});
            tx.exec(
                "UPDATE jobs SET state = 'cancelled' WHERE rejudging_id = $1 AND state IN ('queued', "
                "'claimed')",
                {rid});
        });
    }

    // ---- hosts
    // -------------------------------------------------------------------------------------------------------

    void heartbeat(const JudgeHost& host) override {
        boost::json::array slots;
        for (const auto& s : host.slot_status) {
            boost::json::object o;
            o["slot"] = s.slot;
            o["submission_id"] = s.submission_id ? boost::json::value(*s.submission_id) : nullptr;
            o["judgement_id"] = s.judgement_id ? boost::json::value(*s.judgement_id) : nullptr;
            o["since"] = s.since ? boost::json::value(to_us(*s.since)) : nullptr;
            slots.push_back(std::move(o));
        }
        transact(Mode::Write, [&](Tx& tx) {
            tx.exec(
                "INSERT INTO judge_hosts (host, slots, slot_status, last_seen) VALUES ($1,$2,$3,$4) "
                "ON CONFLICT (host) DO UPDATE SET slots = excluded.slots, slot_status = "
                "excluded.slot_status, "
                "last_seen = excluded.last_seen",
                {text(host.host), I(host.slots), text(boost::json::serialize(slots)), to_us(Clock::now())});
        });
    }
    std::vector<JudgeHost> list_hosts() override {
        return transact(Mode::Read, [&](Tx& tx) {
            std::vector<JudgeHost> out;
            for (auto& r :
                 tx.exec("SELECT host, slots, slot_status, last_seen FROM judge_hosts ORDER BY host").rows) {
                JudgeHost h;
                h.host = r.str(0);
                h.slots = static_cast<int>(r.i64(1));
                h.last_seen = from_us(r.i64(3));
                boost::json::value status = boost::json::parse(r.str(2));
                for (const auto& v : status.as_array()) {
                    const auto& o = v.as_object();
                    SlotStatus s;
                    s.slot = static_cast<int>(o.at("slot").as_int64());
                    if (o.at("submission_id").is_string()) {
                        s.submission_id = std::string(o.at("submission_id").as_string());
                    }
                    if (o.at("judgement_id").is_string()) {
                        s.judgement_id = std::string(o.at("judgement_id").as_string());
                    }
                    if (o.at("since").is_int64()) {
                        s.since = from_us(o.at("since").as_int64());
                    }
                    h.slot_status.push_back(std::move(s));
                }
                out.push_back(std::move(h));
            }
            return out;
        });
    }

  private:
    milliseconds safety_poll() const {
        // SQLite has no cross-process notification: other processes' jobs are seen by this poll.
        return backend_ == db::Backend::Sqlite ? milliseconds(250) : milliseconds(2000);
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
            Tx tx{*conn, backend_, {}, false};
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

    void finish(Tx& tx) {
        bool events = !tx.events.empty();
        if (events) {
            flush_events(tx);
        }
        if (backend_ == db::Backend::Postgres) {
            if (events) {
                tx.exec("SELECT pg_notify('khue_events', '')");
            }
            if (tx.jobs_changed) {
                tx.exec("SELECT pg_notify('khue_jobs', '')");
            }
        }
        tx.conn.commit();
        if (events) {
            notifier_->events_changed();
        }
        if (tx.jobs_changed) {
            notifier_->jobs_changed();
        }
    }

    // Inserts the transaction's events; returns the last token. On PostgreSQL the advisory lock, held to
    // commit, makes tokens increase in commit order: a reader that saw token T can never later find a smaller
    // one appear.
    std::int64_t flush_events(Tx& tx) {
        if (backend_ == db::Backend::Postgres) {
            tx.exec("SELECT pg_advisory_xact_lock(7241002)");
        }
        std::int64_t token = 0;
        auto now = to_us(Clock::now());
        for (auto& e : tx.events) {
            token = tx.exec(
                          "INSERT INTO events (contest_id, type, obj_id, data, time) VALUES ($1,$2,$3,$4,$5) "
                          "RETURNING token",
                          {text(e.contest_id), text(e.type), opt_text(e.id), opt_text(e.data), now})
                        .rows.at(0)
                        .i64(0);
        }
        return token;
    }

    std::optional<Contest> load_contest(Tx& tx, std::string_view id) {
        auto r = tx.exec("SELECT " + std::string(kContestCols) + " FROM contests WHERE id = $1", {text(id)});
        if (r.empty()) {
            return std::nullopt;
        }
        return contest_from(r.rows[0]);
    }
    Contest require_contest(Tx& tx, std::string_view id) {
        auto c = load_contest(tx, id);
        if (!c) {
            throw StoreInvalid("no contest '" + std::string(id) + "'");
        }
        return *c;
    }
    std::optional<Account> find_account(std::string_view column, std::string_view value) {
        return transact(Mode::Read, [&](Tx& tx) -> std::optional<Account> {
            auto r = tx.exec("SELECT " + std::string(kAccountCols) + " FROM accounts WHERE " +
                                 std::string(column) + " = $1",
                             {text(value)});
            if (r.empty()) {
                return std::nullopt;
            }
            return account_from(r.rows[0]);
        });
    }
    std::optional<I> submission_seq(Tx& tx, std::string_view contest_id, std::string_view id) {
        auto r = tx.exec("SELECT seq FROM submissions WHERE contest_id = $1 AND id = $2",
                         {text(contest_id), text(id)});
        return r.empty() ? std::nullopt : std::optional(r.rows[0].i64(0));
    }
    I next_counter(Tx& tx, const std::string& name) {
        return tx
            .exec(
                "INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET "
                "value = counters.value + 1 RETURNING value",
                {text(name)})
            .rows.at(0)
            .i64(0);
    }
    std::optional<Judgement> load_judgement(Tx& tx, I id) {
        auto r =
            tx.exec("SELECT " + std::string(kJudgementCols) +
                        " FROM judgements j JOIN submissions s ON s.seq = j.submission_seq WHERE j.id = $1",
                    {id});
        if (r.empty()) {
            return std::nullopt;
        }
        return judgement_from(r.rows[0]);
    }

    // Fair queueing by team: a job's fair_seq is one past its team's previous job, but never behind the head
    // of the queue. A team with a burst of 50 takes positions h..h+49; another team's single job lands at the
    // head and is interleaved with the burst instead of waiting behind it.
    void enqueue(Tx& tx, I seq, const std::string& contest_id, const std::string& team_id,
                 JobPriority priority, std::optional<I> rejudging_id, std::optional<I> prev_judgement) {
        I prio = I(priority);
        auto head =
            tx.exec("SELECT min(fair_seq) FROM jobs WHERE state = 'queued' AND priority = $1", {prio});
        I h = 0;
        if (!head.rows.at(0).is_null(0)) {
            h = head.rows[0].i64(0);
        } else {
            auto top = tx.exec("SELECT max(fair_seq) FROM jobs WHERE priority = $1", {prio});
            h = top.rows.at(0).is_null(0) ? 0 : top.rows[0].i64(0);
        }
        auto last =
            tx.exec("SELECT max(fair_seq) FROM jobs WHERE priority = $1 AND contest_id = $2 AND team_id = $3",
                    {prio, text(contest_id), text(team_id)});
        I team_next = last.rows.at(0).is_null(0) ? 1 : last.rows[0].i64(0) + 1;
        I fair = std::max(h, team_next);
        tx.exec(
            "INSERT INTO jobs (submission_seq, contest_id, team_id, priority, fair_seq, state, attempts, "
            "enqueued_at, rejudging_id, prev_judgement_id) VALUES ($1,$2,$3,$4,$5,'queued',0,$6,$7,$8)",
            {seq, text(contest_id), text(team_id), prio, fair, to_us(Clock::now()), db::opt(rejudging_id),
             db::opt(prev_judgement)});
        tx.jobs_changed = true;
    }

    // The claim's judgement is abandoned: it stops being current (a "delete" event if it was published) and
    // the job goes back to the queue.
    void requeue(Tx& tx, I job_id, I judgement_id) {
        tx.exec(
            "UPDATE jobs SET state = 'queued', owner = NULL, judgement_id = NULL, lease_expires = NULL WHERE "
            "id = $1",
            {job_id});
        auto j = tx.exec("SELECT current, contest_id FROM judgements WHERE id = $1", {judgement_id});
        tx.exec("UPDATE judgements SET current = 0, valid = 0 WHERE id = $1", {judgement_id});
        if (!j.empty() && j.rows[0].i64(0) != 0) {
            tx.event(j.rows[0].str(1), "judgements", std::to_string(judgement_id), std::nullopt);
        }
        tx.jobs_changed = true;
    }

    std::optional<Job> claim_once(const ClaimOptions& options) {
        return transact(Mode::Write, [&](Tx& tx) -> std::optional<Job> {
            auto now = Clock::now();
            for (auto& r : tx.exec("SELECT id, judgement_id, owner FROM jobs WHERE state = 'claimed' AND "
                                   "lease_expires < $1 ORDER BY id LIMIT 20" +
                                       std::string(tx.skip_locked()),
                                   {to_us(now)})
                               .rows) {
                spdlog::warn("store: lease of job {} held by {} expired; requeued", r.i64(0), r.str(2));
                tx.exec("UPDATE jobs SET crashes = crashes + 1, crash_reason = $2 WHERE id = $1",
                        {r.i64(0), text("its worker stopped renewing the lease (killed or lost)")});
                requeue(tx, r.i64(0), r.i64(1));
            }
            auto pick =
                tx.exec("SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority, fair_seq, id LIMIT 1" +
                        std::string(tx.skip_locked()));
            if (pick.empty()) {
                return std::nullopt;
            }
            I job_id = pick.rows[0].i64(0);
            auto info = tx.exec(
                "SELECT x.submission_seq, x.contest_id, x.team_id, x.priority, x.rejudging_id, "
                "x.attempts, x.enqueued_at, s.id, s.problem_id, s.language_id, p.package_hash, x.crashes, "
                "x.crash_reason "
                "FROM jobs x JOIN submissions s ON s.seq = x.submission_seq LEFT JOIN problems p ON "
                "p.contest_id = s.contest_id AND p.id = s.problem_id WHERE x.id = $1",
                {job_id});
            const auto& r = info.rows.at(0);
            auto priority = r.i64(3) == I(JobPriority::Live) ? JobPriority::Live : JobPriority::Rejudge;
            bool current = priority == JobPriority::Live;
            auto expires = now + options.lease;
            I jid = tx.exec(
                          "INSERT INTO judgements (contest_id, submission_seq, current, valid, start_time, "
                          "rejudging_id, judged_by, compile_ok, compile_output, job_id) "
                          "VALUES ($1, $2, $3, 1, $4, $5, $6, 1, '', $7) RETURNING id",
                          {text(r.str(1)), r.i64(0), I(current), to_us(now), db::opt(r.opt_i64(4)),
                           text(options.owner), job_id})
                        .rows.at(0)
                        .i64(0);
            tx.exec(
                "UPDATE jobs SET state = 'claimed', owner = $2, judgement_id = $3, lease_expires = $4, "
                "attempts = attempts + 1, claimed_at = $5 WHERE id = $1",
                {job_id, text(options.owner), jid, to_us(expires), to_us(now)});
            if (current) {
                publish_judgement(tx, jid, false);
            }
            Job job;
            job.lease = Lease{job_id, std::to_string(jid), options.owner, expires};
            job.priority = priority;
            job.contest_id = r.str(1);
            job.team_id = r.str(2);
            job.rejudging_id = r.opt_str(4);
            job.attempt = static_cast<int>(r.i64(5)) + 1;
            job.enqueued_at = from_us(r.i64(6));
            job.claimed_at = now;
            job.submission_id = r.str(7);
            job.problem_id = r.str(8);
            job.language_id = r.str(9);
            job.package_hash = r.str(10);
            job.crashes = static_cast<int>(r.i64(11));
            job.crash_reason = r.opt_str(12).value_or("");
            return job;
        });
    }

    // Appends the judgement's event (and, when finished, its runs' events first).
    void publish_judgement(Tx& tx, I jid, bool with_runs) {
        auto j = load_judgement(tx, jid);
        if (!j) {
            return;
        }
        Contest contest = require_contest(tx, j->contest_id);
        if (with_runs) {
            for (auto& r :
                 tx.exec("SELECT " + std::string(kRunCols) + " FROM runs WHERE judgement_id = $1 ORDER BY id",
                         {jid})
                     .rows) {
                Run run = run_from(r);
                tx.event(run.contest_id, "runs", run.id, json_text(run_json(contest, run)));
            }
        }
        tx.event(j->contest_id, "judgements", j->id, json_text(judgement_json(contest, *j)));
    }

    // Makes `jid` the submission's current judgement, publishing the old one's demotion and the new one.
    void make_current(Tx& tx, I submission_seq, I jid) {
        auto old =
            tx.exec("SELECT id FROM judgements WHERE submission_seq = $1 AND current = 1", {submission_seq});
        if (!old.empty() && old.rows[0].i64(0) == jid) {
            return;
        }
        if (!old.empty()) {
            I old_id = old.rows[0].i64(0);
            tx.exec("UPDATE judgements SET current = 0 WHERE id = $1", {old_id});
            publish_judgement(tx, old_id, false);
        }
        tx.exec("UPDATE judgements SET current = 1 WHERE id = $1", {jid});
        publish_judgement(tx, jid, true);
    }

    void decide_rejudging(Tx& tx, I rid, RejudgingState to) {
        auto r = tx.exec("SELECT state FROM rejudgings WHERE id = $1" + std::string(tx.for_update()), {rid});
        if (r.empty()) {
            throw StoreInvalid("no rejudging '" + std::to_string(rid) + "'");
        }
        if (r.rows[0].str(0) != "created") {
            throw StoreInvalid("rejudging " + std::to_string(rid) + " is already " + r.rows[0].str(0));
        }
        tx.exec("UPDATE rejudgings SET state = $2, decided_at = $3 WHERE id = $1",
                {rid, text(rejudging_state_text(to)), to_us(Clock::now())});
    }

    // LISTEN on a connection of its own; notifications from any process wake this process's waiters.
    void listen_loop(const std::string& conninfo, std::stop_token stop) {
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
            PQclear(PQexec(conn, "LISTEN khue_events"));
            backoff_ms = 100;
            // Anything committed while we were not listening: wake everybody once.
            notifier_->jobs_changed();
            notifier_->events_changed();
            while (!stop.stop_requested() && PQstatus(conn) == CONNECTION_OK) {
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

    db::Backend backend_;
    Pool pool_;
    std::shared_ptr<Notifier> notifier_;
    int version_ = 0;
    std::jthread listener_;
};

}  // namespace

std::unique_ptr<Store> open_store(std::string_view url) {
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
        return std::make_unique<SqlStore>(
            db::Backend::Sqlite, [path] { return db::open_sqlite(path); }, Notifier::for_file(canonical), "");
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        std::string info(url);
        return std::make_unique<SqlStore>(
            db::Backend::Postgres, [info] { return db::open_postgres(info); }, std::make_shared<Notifier>(),
            info);
    }
    throw StoreError("unsupported database URL '" + std::string(url) +
                     "': expected sqlite:PATH or postgresql://...");
}

}  // namespace khue::judge::store
