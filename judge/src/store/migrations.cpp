// Versioned schema. Each migration runs in its own transaction and records its version in schema_version; the
// DDL is written once, with {ID} {INT} {REAL} {BLOB} standing for the few types the backends spell
// differently. Never edit a released migration: append a new one.
#include "store/migrations.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace khue::judge::store {
namespace {

struct Migration {
    int version;
    std::vector<std::string> statements;
};

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1,
         {
             "CREATE TABLE packages (hash TEXT PRIMARY KEY, bytes {BLOB} NOT NULL, size {INT} NOT NULL, "
             "created_at {INT} NOT NULL)",
             "CREATE TABLE contests (id TEXT PRIMARY KEY, name TEXT NOT NULL, formal_name TEXT NOT NULL, "
             "start_time {INT}, duration_ms {INT} NOT NULL, freeze_ms {INT}, thaw_time {INT}, "
             "scoreboard_type TEXT NOT NULL, penalty_ms {INT} NOT NULL, utc_offset_min {INT} NOT NULL, "
             "started {INT}, frozen {INT}, ended {INT}, thawed {INT}, finalized {INT}, end_of_updates {INT})",
             "CREATE TABLE problems (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, "
             "label TEXT NOT NULL, name TEXT NOT NULL, ordinal {INT} NOT NULL, rgb TEXT NOT NULL, "
             "color TEXT NOT NULL, time_limit_us {INT} NOT NULL, memory_bytes {INT} NOT NULL, "
             "output_bytes {INT} NOT NULL, code_bytes {INT} NOT NULL, test_data_count {INT} NOT NULL, "
             "max_score {REAL}, package_hash TEXT NOT NULL REFERENCES packages(hash), PRIMARY KEY "
             "(contest_id, id))",
             "CREATE TABLE organizations (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT "
             "NULL, "
             "name TEXT NOT NULL, formal_name TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (contest_id, "
             "id))",
             "CREATE TABLE team_groups (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, "
             "name TEXT NOT NULL, hidden {INT} NOT NULL, PRIMARY KEY (contest_id, id))",
             "CREATE TABLE teams (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, "
             "name TEXT NOT NULL, label TEXT NOT NULL, display_name TEXT NOT NULL, organization_id TEXT, "
             "group_ids TEXT NOT NULL, hidden {INT} NOT NULL, PRIMARY KEY (contest_id, id))",
             "CREATE TABLE accounts (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT "
             "NOT NULL, "
             "type TEXT NOT NULL, contest_id TEXT, team_id TEXT, name TEXT NOT NULL)",
             "CREATE TABLE counters (name TEXT PRIMARY KEY, value {INT} NOT NULL)",
             "CREATE TABLE submissions (seq {ID}, contest_id TEXT NOT NULL REFERENCES contests(id), "
             "id TEXT NOT NULL, team_id TEXT NOT NULL, problem_id TEXT NOT NULL, language_id TEXT NOT NULL, "
             "entry_point TEXT, time {INT} NOT NULL, UNIQUE (contest_id, id))",
             "CREATE INDEX submissions_team ON submissions (contest_id, team_id)",
             "CREATE TABLE submission_files (submission_seq {INT} NOT NULL REFERENCES submissions(seq), "
             "idx {INT} NOT NULL, name TEXT NOT NULL, bytes {BLOB} NOT NULL, PRIMARY KEY (submission_seq, "
             "idx))",
             "CREATE TABLE rejudgings (id {ID}, contest_id TEXT NOT NULL, reason TEXT NOT NULL, "
             "state TEXT NOT NULL, created_at {INT} NOT NULL, decided_at {INT}, submission_count {INT} NOT "
             "NULL)",
             "CREATE TABLE judgements (id {ID}, contest_id TEXT NOT NULL, submission_seq {INT} NOT NULL "
             "REFERENCES submissions(seq), verdict TEXT, score {REAL}, max_score {REAL}, current {INT} NOT "
             "NULL, "
             "valid {INT} NOT NULL, start_time {INT} NOT NULL, end_time {INT}, max_run_time_us {INT}, "
             "rejudging_id {INT}, judged_by TEXT NOT NULL, compile_ok {INT} NOT NULL, compile_output TEXT "
             "NOT NULL, "
             "job_id {INT} NOT NULL)",
             // The rule "a submission has at most one current judgement", enforced by the database itself.
             "CREATE UNIQUE INDEX judgements_one_current ON judgements (submission_seq) WHERE current = 1",
             "CREATE INDEX judgements_contest ON judgements (contest_id, id)",
             "CREATE TABLE runs (id {ID}, contest_id TEXT NOT NULL, judgement_id {INT} NOT NULL "
             "REFERENCES judgements(id), ordinal {INT} NOT NULL, verdict TEXT NOT NULL, time {INT} NOT NULL, "
             "run_time_us {INT} NOT NULL, wall_time_us {INT} NOT NULL, memory_bytes {INT} NOT NULL, "
             "test_name TEXT NOT NULL, grp TEXT NOT NULL, message TEXT NOT NULL, UNIQUE (judgement_id, "
             "ordinal))",
             "CREATE INDEX runs_contest ON runs (contest_id, id)",
             "CREATE TABLE jobs (id {ID}, submission_seq {INT} NOT NULL REFERENCES submissions(seq), "
             "contest_id TEXT NOT NULL, team_id TEXT NOT NULL, priority {INT} NOT NULL, fair_seq {INT} NOT "
             "NULL, "
             "state TEXT NOT NULL, owner TEXT, judgement_id {INT}, prev_judgement_id {INT}, lease_expires "
             "{INT}, "
             "attempts {INT} NOT NULL, enqueued_at {INT} NOT NULL, claimed_at {INT}, finished_at {INT}, "
             "rejudging_id {INT})",
             "CREATE INDEX jobs_next ON jobs (state, priority, fair_seq, id)",
             "CREATE INDEX jobs_lease ON jobs (state, lease_expires)",
             "CREATE INDEX jobs_team ON jobs (priority, contest_id, team_id, fair_seq)",
             "CREATE INDEX jobs_rejudging ON jobs (rejudging_id)",
             "CREATE TABLE events (token {ID}, contest_id TEXT NOT NULL, type TEXT NOT NULL, obj_id TEXT, "
             "data TEXT, time {INT} NOT NULL)",
             "CREATE INDEX events_contest ON events (contest_id, token)",
             "CREATE TABLE judge_hosts (host TEXT PRIMARY KEY, slots {INT} NOT NULL, slot_status TEXT NOT "
             "NULL, "
             "last_seen {INT} NOT NULL)",
         }},
        // Crash isolation: how often a worker died while holding the job, and how the last one died, so a
        // submission that kills its worker every time ends as JE after a bound instead of circling forever.
        {2,
         {
             "ALTER TABLE jobs ADD COLUMN crashes {INT} NOT NULL DEFAULT 0",
             "ALTER TABLE jobs ADD COLUMN crash_reason TEXT",
         }},
    };
    return list;
}

std::string expand(std::string sql, db::Backend backend) {
    auto replace = [&](std::string_view token, std::string_view sqlite, std::string_view postgres) {
        std::string_view with = backend == db::Backend::Sqlite ? sqlite : postgres;
        for (std::size_t pos; (pos = sql.find(token)) != std::string::npos;) {
            sql.replace(pos, token.size(), with);
        }
    };
    replace("{ID}", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY");
    replace("{INT}", "INTEGER", "BIGINT");
    replace("{REAL}", "REAL", "DOUBLE PRECISION");
    replace("{BLOB}", "BLOB", "BYTEA");
    return sql;
}

}  // namespace

int latest_schema_version() {
    return migrations().back().version;
}

int migrate(db::Connection& conn, db::Backend backend) {
    conn.begin(true, true);
    try {
        if (backend == db::Backend::Postgres) {
            conn.exec("SELECT pg_advisory_xact_lock(7241001)");
        }
        conn.exec(
            expand("CREATE TABLE IF NOT EXISTS schema_version (version {INT} PRIMARY KEY, "
                   "applied_at {INT} NOT NULL)",
                   backend));
        conn.commit();
    } catch (...) {
        conn.rollback();
        throw;
    }
    int current = 0;
    for (const Migration& m : migrations()) {
        conn.begin(true, true);
        try {
            // Several processes may start at once against one database: the first one migrates, the others
            // wait for it here and then find nothing left to do.
            if (backend == db::Backend::Postgres) {
                conn.exec("SELECT pg_advisory_xact_lock(7241001)");
            }
            auto have =
                conn.exec("SELECT version FROM schema_version WHERE version = $1", {std::int64_t{m.version}});
            if (have.empty()) {
                for (const std::string& statement : m.statements) {
                    conn.exec(expand(statement, backend));
                }
                auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
                conn.exec("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
                          {std::int64_t{m.version}, std::int64_t{now}});
            }
            conn.commit();
        } catch (...) {
            conn.rollback();
            throw;
        }
        current = m.version;
    }
    auto newest = conn.exec("SELECT max(version) FROM schema_version");
    if (!newest.empty() && !newest.rows[0].is_null(0) && newest.rows[0].i64(0) > current) {
        throw StoreError("the database has schema version " + std::to_string(newest.rows[0].i64(0)) +
                         ", newer than this khue understands (" + std::to_string(current) + ")");
    }
    return current;
}

}  // namespace khue::judge::store
