// Keeping the data safe: a consistent copy of a running contest's database, and putting one back.
//   sqlite:PATH     SQLite's online backup API copies the database page by page inside one read transaction
//                   (WAL lets the server keep writing meanwhile), so the copy is the database as of one
//                   commit.
//   postgresql://   `pg_dump --format=custom` (one snapshot transaction, the same guarantee); restore runs
//                   `pg_restore --clean --if-exists --no-owner`. Both programs must be on PATH.
// The store role Backups records when each backup was taken, for the console (docs/deployment.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

struct BackupRecord {
    TimePoint time{};      // when the copy was complete
    std::string target{};  // where it was written (a path)
    std::int64_t bytes = 0;
};

class Backups {
  public:
    virtual ~Backups() = default;
    virtual void record_backup(const BackupRecord& backup) = 0;
    virtual std::optional<BackupRecord> last_backup() = 0;
};

// Writes a consistent copy of the database named by `url` to `out` (replaced if it exists) while other
// processes keep using the database; returns the copy's size in bytes. Throws StoreError with the reason.
std::int64_t backup_database(std::string_view url, const std::filesystem::path& out);

// Replaces the database named by `url` with the copy in `backup` (made by backup_database from the same kind
// of database). The server must be stopped: a running one would keep writing to what is being replaced.
// Throws StoreError with the reason; an SQLite target is left untouched when the copy is not a Khue database.
void restore_database(const std::filesystem::path& backup, std::string_view url);

}  // namespace khue::store
