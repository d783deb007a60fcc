// The team page's endpoints over real HTTP: the statement's pictures (problems/<id>/statement/<file>) and
// "run on samples" (/api/khue/test-runs) with a stand-in for `khue judge` ($KHUE_BIN), so no sandbox is
// needed.
#include "http_client.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/api/server.hpp"
#include "khue/store/store.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;
namespace store = khue::store;
using namespace khue::api;
using khue::test::http_call;
using khue::test::HttpResult;

namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "not really a picture";

// A started contest with one problem: a copy of the demo's `hello` package with a picture and an SVG beside
// its statement.
class BeginnerApi : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = tmp_.path();
        const fs::path package = dir_ / "hello";
        fs::copy(fs::path(KHUE_SOURCE_DIR) / "problems" / "hello", package, fs::copy_options::recursive);
        std::ofstream(package / "statement" / "figure.png", std::ios::binary) << kPng;
        std::ofstream(package / "statement" / "evil.svg") << "<svg onload=\"alert(1)\"/>";
        // The stand-in for `khue judge --samples-only --json`: one sample, wrong.
        khue_ = dir_ / "fake-khue";
        std::ofstream(khue_)
            << "#!/bin/sh\ncat <<'EOF'\n"
            << R"({"verdict":"WA","compile":{"ok":true,"output":""},"tests":[{"name":"sample/1",)"
            << R"("verdict":"WA","input":"3 4\n","expected":"7\n","output":"-1\n"}]})"
            << "\nEOF\n";
        fs::permissions(khue_, fs::perms::owner_all);
        ::setenv("KHUE_BIN", khue_.c_str(), 1);

        db_ = store::open_store("sqlite:" + (dir_ / "khue.db").string(), khue::api::contest_api_encoder());
        ContestPackage pkg;
        pkg.contest.id = "demo";
        pkg.contest.name = "Demo";
        pkg.contest.formal_name = "Demo";
        pkg.contest.start_time =
            std::chrono::floor<Millis>(std::chrono::system_clock::now()) - std::chrono::minutes{10};
        pkg.contest.duration = std::chrono::hours{5};
        pkg.problems.push_back({"hello", "A", "", 0, "#ff0000", "red", package});
        pkg.teams.push_back({"t1", "Alpha", "1", "Alpha", "", {}, false});
        pkg.teams.push_back({"t2", "Bravo", "2", "Bravo", "", {}, false});
        pkg.accounts.push_back({"t1", "team1", "pw1", AccountType::Team, "t1"});
        pkg.accounts.push_back({"t2", "team2", "pw2", AccountType::Team, "t2"});
        import_contest(*db_, pkg);
        ServerOptions options;
        options.port = 0;
        options.contest_id = "demo";
        options.web_root = fs::path(KHUE_SOURCE_DIR) / "api" / "web";
        options.max_body = khue::judge::kib(512);
        server_ = std::make_unique<Server>(*db_, options);
        server_->start();
        port_ = server_->port();
    }
    void TearDown() override {
        server_.reset();
        db_.reset();
        ::unsetenv("KHUE_BIN");
    }
    HttpResult get(const std::string& target, const std::string& user = "team1",
                   const std::string& pw = "pw1") {
        return http_call(port_, "GET", target, {}, {}, user, pw);
    }
    HttpResult run(const std::string& body, const std::string& user = "team1",
                   const std::string& pw = "pw1") {
        return http_call(port_, "POST", "/api/khue/test-runs", body, "application/json", user, pw);
    }
    static std::string run_json(const std::string& source, const std::string& problem = "hello") {
        return json::serialize(
            json::object{{"problem_id", problem}, {"language_id", "python3"}, {"source", source}});
    }

    khue::test::TempDir tmp_{"khue-beginner-test"};
    fs::path dir_;
    fs::path khue_;
    std::unique_ptr<store::Store> db_;
    std::unique_ptr<Server> server_;
    unsigned short port_ = 0;
};

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

}  // namespace

TEST_F(BeginnerApi, StatementPicturesAreServedButNotScriptsOrOtherPaths) {
    auto png = get("/api/contests/demo/problems/hello/statement/figure.png");
    EXPECT_EQ(png.status, 200u) << png.body;
    EXPECT_EQ(png.content_type, "image/png");
    EXPECT_EQ(png.body, kPng);
    auto svg = get("/api/contests/demo/problems/hello/statement/evil.svg");
    EXPECT_EQ(svg.status, 404u);
    EXPECT_TRUE(contains(svg.body, "not a picture")) << svg.body;
    EXPECT_EQ(get("/api/contests/demo/problems/hello/statement/missing.png").status, 404u);
    EXPECT_EQ(get("/api/contests/demo/problems/hello/statement/..%2Fproblem.yaml").status, 404u);
    EXPECT_EQ(get("/api/contests/demo/problems/hello/statement/.hidden.png").status, 404u);
    EXPECT_EQ(get("/api/contests/demo/problems/nope/statement/figure.png").status, 404u);
    // The statement itself is still where it was.
    EXPECT_EQ(get("/api/contests/demo/problems/hello/statement").status, 200u);
}

TEST_F(BeginnerApi, BadRunsOnSamplesAreRefusedNamingTheField) {
    EXPECT_EQ(run(run_json("print(1)"), "", "").status, 401u);
    EXPECT_EQ(run(run_json("print(1)"), "team1", "wrong").status, 401u);
    auto not_json = run("{nope");
    EXPECT_EQ(not_json.status, 400u);
    EXPECT_TRUE(contains(not_json.body, "JSON object")) << not_json.body;
    auto no_source = run(run_json(""));
    EXPECT_EQ(no_source.status, 400u);
    EXPECT_TRUE(contains(no_source.body, "source")) << no_source.body;
    auto no_problem = run(run_json("print(1)", "zzz"));
    EXPECT_EQ(no_problem.status, 404u);
    EXPECT_TRUE(contains(no_problem.body, "zzz")) << no_problem.body;
    auto bad_name = run(json::serialize(json::object{
        {"problem_id", "hello"}, {"language_id", "c"}, {"source", "x"}, {"filename", "../../etc/passwd"}}));
    EXPECT_EQ(bad_name.status, 400u);
    EXPECT_TRUE(contains(bad_name.body, "filename")) << bad_name.body;
    auto big = run(run_json(std::string(300 * 1024, 'x')));
    EXPECT_EQ(big.status, 413u);
    EXPECT_EQ(http_call(port_, "GET", "/api/khue/test-runs", {}, {}, "team1", "pw1").status, 405u);
}

TEST_F(BeginnerApi, ARunOnSamplesGivesEachSamplesOutputToItsTeamOnly) {
    auto started = run(run_json("a, b = map(int, input().split())\nprint(a - b)\n"));
    ASSERT_EQ(started.status, 202u) << started.body;
    std::string id(json::parse(started.body).at("id").as_string());
    EXPECT_EQ(started.location, "/api/khue/test-runs/" + id);
    // One at a time: a second run now is refused with Retry-After (unless the first already finished).
    auto again = run(run_json("print(1)"));
    if (again.status == 429u) {
        EXPECT_FALSE(again.retry_after.empty());
    } else {
        EXPECT_EQ(again.status, 202u) << again.body;
    }
    json::value status;
    for (int i = 0; i < 200; ++i) {
        status = json::parse(get("/api/khue/test-runs/" + id).body);
        if (status.at("state") == "done" || status.at("state") == "failed") {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    ASSERT_EQ(status.at("state"), "done") << json::serialize(status);
    const auto& sample = status.at("result").at("tests").at(0);
    EXPECT_EQ(sample.at("output"), "-1\n");
    EXPECT_EQ(sample.at("expected"), "7\n");
    EXPECT_EQ(get("/api/khue/test-runs/" + id, "team2", "pw2").status, 404u);
    EXPECT_EQ(http_call(port_, "GET", "/api/khue/test-runs/" + id).status, 401u);
}
