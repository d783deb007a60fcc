// The fixture of the HTTP tests: a Server on 127.0.0.1 with an ephemeral port, over a real SQLite store, with
// the demo's `hello` package, two teams, a judge and an admin. Judging is done by hand through the store's
// queue, so these tests need no sandbox.
#pragma once

#include "http_client.hpp"
#include "khue/test/temp_dir.hpp"
#include "khue/test/zip_archive.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/api/password.hpp"
#include "khue/api/server.hpp"
#include "khue/judge/zip.hpp"
#include "khue/store/store.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>

namespace khue::test {

namespace fs = std::filesystem;
namespace json = boost::json;
namespace store = khue::store;
using namespace khue::api;

inline std::string zip_of(const std::string& name, const std::string& text) {
    return zip_archive({{name, text, false}});
}

inline std::string submission_json(const std::string& problem, const std::string& language,
                                   const std::string& zip) {
    return json::serialize(json::object{{"problem_id", problem},
                                        {"language_id", language},
                                        {"files", json::array{json::object{{"data", base64_encode(zip)}}}}});
}

inline const std::string kHello = "#include <stdio.h>\nint main(void) { puts(\"Hello\"); return 0; }\n";

// A contest that started `started_ago` before now, lasting 5 hours with a 1 hour freeze.
class ApiServer : public ::testing::Test {
  protected:
    void start(std::chrono::minutes started_ago, int burst = 100) {
        dir_ = std::make_unique<TempDir>("khue-api-test");
        db_ = store::open_store("sqlite:" + (*dir_ / "khue.db").string(), khue::api::contest_api_encoder());
        ContestPackage pkg;
        pkg.contest.id = "demo";
        pkg.contest.name = "Demo";
        pkg.contest.formal_name = "Demo";
        pkg.contest.start_time = std::chrono::floor<Millis>(std::chrono::system_clock::now()) -
                                 std::chrono::duration_cast<Millis>(started_ago);
        pkg.contest.duration = std::chrono::hours{5};
        pkg.contest.scoreboard_freeze_duration = std::chrono::hours{1};
        pkg.problems.push_back(
            {"hello", "A", "", 0, "#ff0000", "red", fs::path(KHUE_SOURCE_DIR) / "problems" / "hello"});
        pkg.groups.push_back({"school", "Schools", false});
        pkg.teams.push_back({"t1", "Alpha", "1", "Alpha", "", {"school"}, false});
        pkg.teams.push_back({"t2", "Bravo", "2", "Bravo", "", {}, false});
        pkg.accounts.push_back({"t1", "team1", "pw1", AccountType::Team, "t1"});
        pkg.accounts.push_back({"t2", "team2", "pw2", AccountType::Team, "t2"});
        pkg.accounts.push_back({"admin", "admin", "adminpw", AccountType::Admin, ""});
        pkg.accounts.push_back({"jury", "jury", "jurypw", AccountType::Judge, ""});
        import_contest(*db_, pkg);
        ServerOptions options;
        options.port = 0;
        options.contest_id = "demo";
        options.web_root = fs::path(KHUE_SOURCE_DIR) / "api" / "web";
        options.submit_burst = burst;
        options.max_body = khue::judge::kib(512);
        if (tweak_options_) {
            tweak_options_(options);
        }
        server_ = std::make_unique<Server>(*db_, options);
        server_->start();
        port_ = server_->port();
    }
    void TearDown() override {
        server_.reset();
        db_.reset();
        dir_.reset();
    }
    HttpResult get(const std::string& target, const std::string& user = {}, const std::string& pw = {}) {
        return http_call(port_, "GET", target, {}, {}, user, pw);
    }
    HttpResult submit(const std::string& user, const std::string& pw, const std::string& body) {
        return http_call(port_, "POST", "/api/contests/demo/submissions", body, "application/json", user, pw);
    }
    std::string submit_ok(const std::string& user, const std::string& pw) {
        auto r = submit(user, pw, submission_json("hello", "c", zip_of("hello.c", kHello)));
        EXPECT_EQ(r.status, 201u) << r.body;
        return std::string(json::parse(r.body).at("id").as_string());
    }
    // Plays the worker: claims the next job and records `verdict`, after an accepted sample run and a secret
    // run with that verdict; a CE instead records no runs and `compile_output`.
    void judge_next(khue::judge::Verdict verdict, const std::string& compile_output = {}) {
        store::ClaimOptions claim;
        claim.owner = "test/0";
        auto job = db_->claim_job(claim);
        ASSERT_TRUE(job);
        store::JudgementResult result;
        result.verdict = verdict;
        result.compile_output = compile_output;
        if (verdict == khue::judge::Verdict::CE) {
            result.compile_ok = false;
        } else {
            result.runs.push_back({"sample/1", "sample", khue::judge::Verdict::AC, khue::judge::Seconds{0.01},
                                   khue::judge::Seconds{0.02}, khue::judge::mib(1), ""});
            result.runs.push_back({"secret/1", "secret", verdict, khue::judge::Seconds{0.01},
                                   khue::judge::Seconds{0.02}, khue::judge::mib(1), ""});
        }
        ASSERT_EQ(db_->complete_job(job->lease, result), store::CompleteStatus::Recorded);
    }
    // Polls until `predicate(body)` holds for GET target (the server follows the log asynchronously).
    HttpResult eventually(const std::string& target, const std::function<bool(const std::string&)>& predicate,
                          const std::string& user = {}, const std::string& pw = {}) {
        HttpResult r;
        for (int i = 0; i < 100; ++i) {
            r = get(target, user, pw);
            if (predicate(r.body)) {
                return r;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
        ADD_FAILURE() << "never held for " << target << ": " << r.body;
        return r;
    }
    std::unique_ptr<TempDir> dir_;
    std::unique_ptr<store::Store> db_;
    std::unique_ptr<Server> server_;
    unsigned short port_ = 0;
    std::function<void(ServerOptions&)> tweak_options_;  // set before start(): options of one test
};

inline bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

}  // namespace khue::test
