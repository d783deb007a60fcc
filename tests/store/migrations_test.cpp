// Migrations live in judge/store/migrations/*.sql, embedded at build time. A database created by the
// migrations of earlier builds (C++ strings, frozen in data/schema_v1_sqlite.sql) must still open, keep its
// data, and have exactly the schema a fresh database gets now.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "khue/api/contest_api.hpp"
#include "khue/test/store_fixture.hpp"

using namespace khue::store;
using namespace khue::store::testing;

namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class Sqlite {
  public:
    explicit Sqlite(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
            throw std::runtime_error("cannot open " + path);
        }
    }
    ~Sqlite() { sqlite3_close(db_); }
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;
    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(message);
        }
    }
    // Every schema object, as SQLite keeps it (the CREATE text itself).
    std::vector<std::string> schema() {
        std::vector<std::string> out;
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(db_,
                           "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, '') "
                           "FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
                           -1, &stmt, nullptr);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
        return out;
    }

  private:
    sqlite3* db_ = nullptr;
};

}  // namespace

TEST(Migrations, ADatabaseOfEarlierBuildsOpensWithItsDataAndTheSameSchema) {
    SqliteTemp old_db;
    std::string old_path = old_db.url().substr(7);
    {
        Sqlite raw(old_path);
        raw.exec(read_text(std::filesystem::path(KHUE_STORE_TEST_DATA) / "schema_v1_sqlite.sql"));
        raw.exec(
            "INSERT INTO contests (id, name, formal_name, duration_ms, scoreboard_type, penalty_ms, "
            "utc_offset_min) VALUES ('old', 'Old contest', '', 18000000, 'score', 1200000, 420)");
    }
    {
        auto store = open_store(old_db.url(), khue::api::contest_api_encoder());
        EXPECT_GE(store->schema_version(), 1);
        auto contest = store->get_contest("old");
        ASSERT_TRUE(contest);
        EXPECT_EQ(contest->name, "Old contest");
        EXPECT_EQ(contest->scoreboard_type, ScoreboardType::Score);
    }
    // Opened once, the old database went through every later migration: it now has exactly the schema a
    // fresh database gets (the same CREATE text, ALTERs included), so neither kind drifts from the other.
    std::vector<std::string> migrated_schema = Sqlite(old_path).schema();
    SqliteTemp fresh_db;
    open_store(fresh_db.url(), khue::api::contest_api_encoder());
    std::vector<std::string> fresh_schema = Sqlite(fresh_db.url().substr(7)).schema();
    EXPECT_EQ(fresh_schema, migrated_schema) << "a migrated database must have the schema of a fresh one";
}

TEST(Migrations, AnUnknownScoreboardTypeInTheDatabaseIsAnErrorNamingIt) {
    SqliteTemp db;
    open_store(db.url(), khue::api::contest_api_encoder());
    Sqlite(db.url().substr(7))
        .exec(
            "INSERT INTO contests (id, name, formal_name, duration_ms, scoreboard_type, penalty_ms, "
            "utc_offset_min) VALUES ('x', 'X', '', 1000, 'ioi', 0, 0)");
    auto store = open_store(db.url(), khue::api::contest_api_encoder());
    try {
        store->get_contest("x");
        FAIL() << "expected StoreError";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("'ioi'"), std::string::npos) << e.what();
    }
}
