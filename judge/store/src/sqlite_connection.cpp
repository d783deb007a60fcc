// SQLite connection: WAL journal, synchronous=FULL (an acknowledged submission survives power loss), a busy
// timeout so that several processes can share one file, and a per-connection cache of prepared statements.
#include <sqlite3.h>

#include <cctype>
#include <string>
#include <unordered_map>

#include "db.hpp"

namespace khue::store::db {
namespace {

// "$12" -> "?12": SQLite's numbered parameters, so that one SQL text serves both backends.
std::string to_sqlite_params(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if (sql[i] == '$' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
            out += '?';
        } else {
            out += sql[i];
        }
    }
    return out;
}

class SqliteConnection final : public Connection {
  public:
    explicit SqliteConnection(const std::string& path) {
        int rc = sqlite3_open_v2(path.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw StoreUnavailable("cannot open SQLite database " + path + ": " + msg);
        }
        sqlite3_busy_timeout(db_, 10000);
        exec("PRAGMA journal_mode=WAL", {});
        exec("PRAGMA synchronous=FULL", {});
        exec("PRAGMA foreign_keys=ON", {});
    }
    ~SqliteConnection() override {
        for (auto& [sql, stmt] : statements_) {
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db_);
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Result exec(std::string_view sql, const std::vector<Value>& params) override {
        sqlite3_stmt* stmt = prepare(sql);
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        for (std::size_t i = 0; i < params.size(); ++i) {
            int index = static_cast<int>(i + 1);
            int rc = std::visit(
                [&](const auto& v) -> int {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::monostate>) {
                        return sqlite3_bind_null(stmt, index);
                    } else if constexpr (std::is_same_v<T, std::int64_t>) {
                        return sqlite3_bind_int64(stmt, index, v);
                    } else if constexpr (std::is_same_v<T, double>) {
                        return sqlite3_bind_double(stmt, index, v);
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_TRANSIENT,
                                                   SQLITE_UTF8);
                    } else {
                        return sqlite3_bind_blob64(stmt, index, v.bytes.data(), v.bytes.size(),
                                                   SQLITE_TRANSIENT);
                    }
                },
                params[i]);
            if (rc != SQLITE_OK) {
                fail(rc, sql);
            }
        }
        Result result;
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                sqlite3_reset(stmt);
                fail(rc, sql);
            }
            int n = sqlite3_column_count(stmt);
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(n));
            for (int c = 0; c < n; ++c) {
                switch (sqlite3_column_type(stmt, c)) {
                    case SQLITE_INTEGER:
                        values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
                        break;
                    case SQLITE_FLOAT:
                        values.emplace_back(sqlite3_column_double(stmt, c));
                        break;
                    case SQLITE_TEXT: {
                        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                        values.emplace_back(
                            std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
                        break;
                    }
                    case SQLITE_BLOB: {
                        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                        auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                        values.emplace_back(Blob{p ? std::string(p, size) : std::string()});
                        break;
                    }
                    default:
                        values.emplace_back(std::monostate{});
                }
            }
            result.rows.emplace_back(std::move(values));
        }
        result.affected = sqlite3_changes64(db_);
        sqlite3_reset(stmt);
        return result;
    }

    void begin(bool write, bool durable) override {
        if (write && durable != durable_) {
            // WAL with synchronous=NORMAL still never corrupts; it only skips the fsync at commit. A later
            // FULL commit syncs the whole log, earlier NORMAL commits included.
            exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", {});
            durable_ = durable;
        }
        exec(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", {});
    }
    void commit() override { exec("COMMIT", {}); }
    void rollback() noexcept override {
        if (!sqlite3_get_autocommit(db_)) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    bool broken() const override { return false; }

  private:
    sqlite3_stmt* prepare(std::string_view sql) {
        std::string key(sql);
        if (auto it = statements_.find(key); it != statements_.end()) {
            return it->second;
        }
        std::string text = to_sqlite_params(sql);
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            fail(rc, sql);
        }
        statements_.emplace(std::move(key), stmt);
        return stmt;
    }

    [[noreturn]] void fail(int rc, std::string_view sql) {
        std::string msg =
            std::string("SQLite: ") + sqlite3_errmsg(db_) + " (in: " + std::string(sql.substr(0, 120)) + ")";
        switch (rc & 0xff) {
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                throw TransientError(msg);
            case SQLITE_CONSTRAINT:
                throw StoreInvalid(msg);
            case SQLITE_IOERR:
            case SQLITE_FULL:
            case SQLITE_CANTOPEN:
                throw StoreUnavailable(msg);
            default:
                throw StoreError(msg);
        }
    }

    sqlite3* db_ = nullptr;
    bool durable_ = true;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) {
    return std::make_unique<SqliteConnection>(path);
}

}  // namespace khue::store::db
