// Versioned schema. Each migration runs in its own transaction and records its version in schema_version; the
// DDL is written once, in judge/store/migrations/*.sql, with {ID} {INT} {REAL} {BLOB} standing for the few
// types the backends spell differently. Never edit a released migration: add the next numbered file.
#include "migrations.hpp"

#include "khue/store/errors.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace khue::store {
namespace {

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

std::string trim(std::string_view s) {
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

}  // namespace

std::vector<std::string> migration_statements(const MigrationSource& migration, db::Backend backend) {
    std::vector<std::string> out;
    std::string current;
    std::size_t pos = 0;
    int line_number = 0;
    while (pos < migration.text.size()) {
        auto end = migration.text.find('\n', pos);
        std::string_view line =
            migration.text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? migration.text.size() : end + 1;
        ++line_number;
        std::string text = trim(line);
        if (text.empty() || text.starts_with("--")) {
            continue;
        }
        current += current.empty() ? text : " " + text;
        if (current.ends_with(';')) {
            current.pop_back();
            out.push_back(expand(trim(current), backend));
            current.clear();
        }
    }
    if (!trim(current).empty()) {
        throw StoreError(std::string("migration ") + migration.name + ": the statement ending on line " +
                         std::to_string(line_number) + " has no closing ';'");
    }
    return out;
}

int latest_schema_version() {
    return migration_sources().back().version;
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
    for (const MigrationSource& m : migration_sources()) {
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
                for (const std::string& statement : migration_statements(m, backend)) {
                    conn.exec(statement);
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

}  // namespace khue::store
