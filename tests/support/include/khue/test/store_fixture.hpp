// The store fixtures of the store and API tests: the same tests run against every backend, SQLite in a fresh
// temporary folder always, PostgreSQL in a fresh database when KHUE_TEST_POSTGRES names a server
// (contrib/pg-temp.sh starts one); a small package, a seeded contest, submissions and results.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <type_traits>

#include "khue/api/contest_api.hpp"
#include "khue/store/store.hpp"
#include "khue/test/temp_dir.hpp"
#include "khue/test/zip_archive.hpp"

namespace khue::store::testing {

inline std::string random_suffix() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
}

// A throw-away database: a temp file, or a database created on the PostgreSQL server and dropped afterwards.
class TempDatabase {
  public:
    virtual ~TempDatabase() = default;
    virtual std::string url() const = 0;
};

class SqliteTemp final : public TempDatabase {
  public:
    std::string url() const override { return "sqlite:" + (dir_ / "khue.db").string(); }

  private:
    khue::test::TempDir dir_{"khue-store"};
};

class PostgresTemp final : public TempDatabase {
  public:
    explicit PostgresTemp(std::string server) : server_(std::move(server)) {
        name_ = "khue_test_" + random_suffix();
        admin("CREATE DATABASE " + name_);
        // The pg-temp URL looks like postgresql:///postgres?host=...: swap the database name.
        auto slash = server_.find('/', server_.find("://") + 3);
        auto query = server_.find('?', slash);
        url_ =
            server_.substr(0, slash + 1) + name_ + (query == std::string::npos ? "" : server_.substr(query));
    }
    ~PostgresTemp() override {
        try {
            admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } catch (...) {
        }
    }
    std::string url() const override { return url_; }

  private:
    void admin(const std::string& sql) const {
        PGconn* c = PQconnectdb(server_.c_str());
        if (PQstatus(c) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(c);
            PQfinish(c);
            throw std::runtime_error("cannot reach KHUE_TEST_POSTGRES: " + msg);
        }
        PGresult* r = PQexec(c, sql.c_str());
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        std::string msg = PQerrorMessage(c);
        PQclear(r);
        PQfinish(c);
        if (!ok) {
            throw std::runtime_error(sql + ": " + msg);
        }
    }
    std::string server_;
    std::string name_;
    std::string url_;
};

struct SqliteBackend {
    static std::unique_ptr<TempDatabase> make() { return std::make_unique<SqliteTemp>(); }
};
struct PostgresBackend {
    static std::unique_ptr<TempDatabase> make() {
        const char* server = std::getenv("KHUE_TEST_POSTGRES");
        if (server == nullptr || *server == '\0') {
            return nullptr;
        }
        return std::make_unique<PostgresTemp>(server);
    }
};

// The backends every typed store suite runs on: TYPED_TEST_SUITE(Suite, Backends, BackendNames) names the
// instances Suite/Sqlite and Suite/Postgres (the PostgreSQL ones skip without KHUE_TEST_POSTGRES).
using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
struct BackendNames {
    template <class T>
    static std::string GetName(int) {
        return std::is_same_v<T, SqliteBackend> ? "Sqlite" : "Postgres";
    }
};

// A small but real package zip (workers extract what they judge).
inline std::string package_zip(const std::string& name) {
    return khue::test::zip_archive({{"problem.yaml", "name: " + name + "\n", false},
                                    {"data/secret/1.in", "1\n", false},
                                    {"data/secret/1.ans", "1\n", false}});
}

// A contest with two problems and four teams, ready for submissions.
inline void seed_contest(Store& store, const std::string& contest = "c1") {
    Contest c;
    c.id = contest;
    c.name = "Test contest";
    c.start_time = Clock::now() - std::chrono::hours(1);
    c.duration = std::chrono::hours(5);
    c.utc_offset = std::chrono::minutes(7 * 60);
    store.upsert_contest(c);
    std::string hash = store.put_package(package_zip(contest));
    for (int i = 0; i < 2; ++i) {
        Problem p;
        p.contest_id = contest;
        p.id = i == 0 ? "hello" : "sum";
        p.label = i == 0 ? "A" : "B";
        p.name = p.id;
        p.ordinal = i;
        p.package_hash = hash;
        p.test_data_count = 3;
        store.upsert_problem(p);
    }
    for (const char* t : {"t1", "t2", "t3", "t4"}) {
        Team team;
        team.contest_id = contest;
        team.id = t;
        team.name = std::string("Team ") + t;
        store.upsert_team(team);
    }
}

inline NewSubmission submission(const std::string& team, const std::string& source = "print('AC')",
                                const std::string& problem = "hello", const std::string& contest = "c1") {
    NewSubmission s;
    s.contest_id = contest;
    s.team_id = team;
    s.problem_id = problem;
    s.language_id = "python3";
    s.files.push_back({"main.py", source});
    return s;
}

inline JudgementResult result_with(Verdict v, int runs = 2) {
    JudgementResult r;
    r.verdict = v;
    for (int i = 0; i < runs; ++i) {
        RunResult run;
        run.test_name = "secret/" + std::to_string(i);
        run.verdict = i + 1 == runs ? v : Verdict::AC;
        run.cpu_time = Seconds(0.01 * (i + 1));
        r.runs.push_back(run);
    }
    return r;
}

// A typed store suite's fixture: a fresh database of the Backend with contest c1 seeded, opened as `store_`.
// Without a PostgreSQL server (KHUE_TEST_POSTGRES unset) the Postgres instances skip and `store_` stays null.
// Derived fixtures name the members with `using SeededStore<Backend>::store_;` (a dependent base).
template <class Backend>
class SeededStore : public ::testing::Test {
  protected:
    void SetUp() override {
        db_ = Backend::make();
        if (!db_) {
            GTEST_SKIP() << "KHUE_TEST_POSTGRES is not set";
        }
        store_ = open_store(db_->url(), khue::api::contest_api_encoder());
        seed_contest(*store_);
    }
    std::unique_ptr<TempDatabase> db_;
    std::unique_ptr<Store> store_;
};

}  // namespace khue::store::testing
