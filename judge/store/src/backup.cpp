// backup_database / restore_database (backups.hpp): SQLite's online backup API, or pg_dump / pg_restore.
#include "khue/store/backups.hpp"

#include <sqlite3.h>
#include <boost/asio/io_context.hpp>
#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/process.hpp>

#include <memory>
#include <string>
#include <vector>

namespace khue::store {

namespace {

namespace fs = std::filesystem;
namespace bp = boost::process::v2;

std::string sqlite_path(std::string_view url) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) {
        path = path.substr(2);
    }
    if (path.empty()) {
        throw StoreError("database URL '" + std::string(url) + "' names no file");
    }
    return path;
}

bool is_postgres(std::string_view url) {
    return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

SqliteHandle open_db(const std::string& path, int flags, const std::string& what) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    SqliteHandle handle(db);
    if (rc != SQLITE_OK) {
        throw StoreError(what + " " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(db, 10000);
    return handle;
}

// Copies every page of `from` into `to` in one step: one read transaction on `from`, so the copy is the
// database as of one commit, while WAL lets writers go on.
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup == nullptr) {
        throw StoreError(what + ": " + sqlite3_errmsg(to));
    }
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 100; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
            break;
        }
        sqlite3_sleep(100);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        throw StoreError(what + ": " + sqlite3_errstr(rc));
    }
}

// A Khue database has the migrations' bookkeeping table.
void require_khue_database(sqlite3* db, const std::string& path) {
    sqlite3_stmt* stmt = nullptr;
    bool found = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
                           -1, &stmt, nullptr) == SQLITE_OK) {
        found = sqlite3_step(stmt) == SQLITE_ROW;
    }
    sqlite3_finalize(stmt);
    if (!found) {
        throw StoreError(path + " is not a Khue database (no schema_version table)");
    }
}

void run_tool(const std::string& tool, const std::vector<std::string>& args) {
    fs::path exe = bp::environment::find_executable(tool).string();
    if (exe.empty()) {
        throw StoreError(tool +
                         " not found on PATH (install the PostgreSQL client tools, e.g. postgresql-client)");
    }
    boost::asio::io_context ctx;
    bp::process proc(ctx, exe, args);
    int status = proc.wait();
    if (status != 0) {
        throw StoreError(tool + " failed (exit status " + std::to_string(status) + "; its message is above)");
    }
}

}  // namespace

std::int64_t backup_database(std::string_view url, const fs::path& out) {
    if (out.has_parent_path()) {
        fs::create_directories(out.parent_path());
    }
    fs::path partial = out;
    partial += ".partial";
    std::error_code ec;
    fs::remove(partial, ec);
    if (is_postgres(url)) {
        run_tool("pg_dump", {"--format=custom", "--no-owner", "--file=" + partial.string(),
                             "--dbname=" + std::string(url)});
    } else if (url.starts_with("sqlite:")) {
        std::string path = sqlite_path(url);
        if (!fs::is_regular_file(path)) {
            throw StoreError("no database at " + path);
        }
        auto from = open_db(path, SQLITE_OPEN_READWRITE, "cannot open");
        require_khue_database(from.get(), path);
        {
            auto to = open_db(partial.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "cannot create");
            copy_pages(from.get(), to.get(), "backup of " + path);
        }
    } else {
        throw StoreError("unsupported database URL '" + std::string(url) +
                         "': expected sqlite:PATH or postgresql://...");
    }
    fs::rename(partial, out);  // a half-written copy never carries the final name
    return static_cast<std::int64_t>(fs::file_size(out));
}

void restore_database(const fs::path& backup, std::string_view url) {
    if (!fs::is_regular_file(backup)) {
        throw StoreError("no backup at " + backup.string());
    }
    if (is_postgres(url)) {
        run_tool("pg_restore", {"--clean", "--if-exists", "--no-owner", "--single-transaction",
                                "--dbname=" + std::string(url), backup.string()});
        return;
    }
    if (!url.starts_with("sqlite:")) {
        throw StoreError("unsupported database URL '" + std::string(url) +
                         "': expected sqlite:PATH or postgresql://...");
    }
    std::string path = sqlite_path(url);
    auto from = open_db(backup.string(), SQLITE_OPEN_READONLY, "cannot open the backup");
    require_khue_database(from.get(), backup.string());
    fs::path target(path);
    if (target.has_parent_path()) {
        fs::create_directories(target.parent_path());
    }
    auto to = open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "cannot open");
    copy_pages(from.get(), to.get(), "restore into " + path);
}

}  // namespace khue::store
