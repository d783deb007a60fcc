// Objects that become visible to the public later (judgements at the thaw, problems at the start) reach an
// already connected public event-feed client; uploaded packages are verified in the background. Over real
// HTTP, with a real SQLite store and the demo's `hello` package.
#include "feed_client.hpp"
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

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;
namespace net = boost::asio;
namespace store = khue::store;
using namespace khue::api;
using khue::test::FeedClient;
using khue::test::http_call;
using khue::test::HttpResult;

namespace {

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string zip_bytes(const fs::path& dir) {
    khue::test::TempDir tmp("khue-feed-test");
    khue::judge::zip_directory(dir, tmp / "package.zip");
    return read_file(tmp / "package.zip");
}

// A 5-hour contest with a 1-hour freeze that started `started_ago` before now (negative: starts later).
class FeedServer : public ::testing::Test {
  protected:
    void start(std::chrono::milliseconds started_ago) {
        dir_ = std::make_unique<khue::test::TempDir>("khue-feed-test");
        db_ = store::open_store("sqlite:" + (*dir_ / "khue.db").string(), khue::api::contest_api_encoder());
        ContestPackage pkg;
        pkg.contest.id = "demo";
        pkg.contest.name = "Demo";
        pkg.contest.formal_name = "Demo";
        pkg.contest.start_time = std::chrono::floor<Millis>(std::chrono::system_clock::now()) - started_ago;
        pkg.contest.duration = std::chrono::hours{5};
        pkg.contest.scoreboard_freeze_duration = std::chrono::hours{1};
        pkg.problems.push_back(
            {"hello", "A", "", 0, "#ff0000", "red", fs::path(KHUE_SOURCE_DIR) / "problems" / "hello"});
        pkg.teams.push_back({"t1", "Alpha", "1", "Alpha", "", {}, false});
        pkg.accounts.push_back({"t1", "team1", "pw1", AccountType::Team, "t1"});
        pkg.accounts.push_back({"admin", "admin", "adminpw", AccountType::Admin, ""});
        import_contest(*db_, pkg);
        ServerOptions options;
        options.port = 0;
        options.contest_id = "demo";
        options.web_root = fs::path(KHUE_SOURCE_DIR) / "api" / "web";
        options.max_body = khue::judge::mib(16);
        server_ = std::make_unique<Server>(*db_, options);
        server_->start();
        port_ = server_->port();
    }
    void TearDown() override {
        server_.reset();
        db_.reset();
        dir_.reset();
    }
    HttpResult admin(const std::string& method, const std::string& target, const std::string& body = {},
                     const std::string& type = {}) {
        return http_call(port_, method, target, body, type, "admin", "adminpw");
    }
    std::string submit() {
        std::string bytes = khue::test::zip_archive({{"hello.c", "int main(void) { return 0; }\n", false}});
        auto body = json::serialize(
            json::object{{"problem_id", "hello"},
                         {"language_id", "c"},
                         {"files", json::array{json::object{{"data", base64_encode(bytes)}}}}});
        auto r = http_call(port_, "POST", "/api/contests/demo/submissions", body, "application/json", "team1",
                           "pw1");
        EXPECT_EQ(r.status, 201u) << r.body;
        return r.status == 201 ? std::string(json::parse(r.body).at("id").as_string()) : std::string{};
    }
    void judge_next(khue::judge::Verdict verdict) {
        store::ClaimOptions claim;
        claim.owner = "test/0";
        auto job = db_->claim_job(claim);
        ASSERT_TRUE(job);
        store::JudgementResult result;
        result.verdict = verdict;
        result.runs.push_back({"secret/1", "secret", verdict, khue::judge::Seconds{0.01},
                               khue::judge::Seconds{0.02}, khue::judge::mib(1), ""});
        ASSERT_EQ(db_->complete_job(job->lease, result), store::CompleteStatus::Recorded);
    }
    std::unique_ptr<khue::test::TempDir> dir_;
    std::unique_ptr<store::Store> db_;
    std::unique_ptr<Server> server_;
    unsigned short port_ = 0;
};

std::vector<json::object> lines_of(const std::string& body, const std::string& type) {
    std::vector<json::object> out;
    std::size_t at = 0;
    while ((at = body.find("{\"type\":\"" + type + "\"", at)) != std::string::npos) {
        auto end = body.find('\n', at);
        out.push_back(json::parse(body.substr(at, end - at)).as_object());
        at = end;
    }
    return out;
}

}  // namespace

TEST_F(FeedServer, ThawSendsTheHiddenJudgementsToAConnectedPublicClient) {
    start(std::chrono::minutes{4 * 60 + 30});  // inside the frozen last hour
    FeedClient pub(port_, "/api/contests/demo/event-feed");
    std::string submission = submit();
    judge_next(khue::judge::Verdict::AC);
    // The jury has the judgement...
    bool judged = false;
    for (int i = 0; i < 100 && !judged; ++i) {
        judged = contains(admin("GET", "/api/contests/demo/event-feed?stream=false&types=judgements").body,
                          "\"submission_id\":\"" + submission + "\"");
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    ASSERT_TRUE(judged);
    // ...and the connected public client got the submission but not its judgement.
    ASSERT_TRUE(pub.wait_for("\"type\":\"submissions\"", std::chrono::seconds{10})) << pub.received();
    EXPECT_FALSE(contains(pub.drain(std::chrono::milliseconds{1500}), "\"type\":\"judgements\""))
        << pub.received();

    auto thawed =
        admin("PATCH", "/api/contests/demo",
              "{\"id\": \"demo\", \"scoreboard_thaw_time\": \"2000-01-01T00:00:00Z\"}", "application/json");
    ASSERT_EQ(thawed.status, 200u) << thawed.body;
    ASSERT_TRUE(pub.wait_for("\"submission_id\":\"" + submission + "\"", std::chrono::seconds{10}))
        << pub.received();
    ASSERT_TRUE(pub.wait_for("\"thawed\":\"", std::chrono::seconds{10})) << pub.received();
    auto judgements = lines_of(pub.received(), "judgements");
    ASSERT_EQ(judgements.size(), 1u) << pub.received();
    EXPECT_EQ(judgements[0].at("data").at("judgement_type_id").as_string(), "AC");
    // The re-sent judgement comes before the state line that thawed, and resuming from the state line's
    // token does not send it again, while resuming from the judgement's own token does.
    auto judgement_at = pub.received().find("\"type\":\"judgements\"");
    auto thawed_at = pub.received().find("\"thawed\":\"");
    EXPECT_LT(judgement_at, thawed_at);
    std::string state_token;
    for (const auto& s : lines_of(pub.received(), "state")) {
        if (s.at("data").at("thawed").is_string()) {
            state_token = std::string(s.at("token").as_string());
        }
    }
    ASSERT_FALSE(state_token.empty());
    std::string judgement_token(judgements[0].at("token").as_string());
    EXPECT_LT(std::stoll(judgement_token), std::stoll(state_token));
    auto after_state =
        http_call(port_, "GET", "/api/contests/demo/event-feed?stream=false&since_token=" + state_token);
    EXPECT_FALSE(contains(after_state.body, "\"type\":\"judgements\"")) << after_state.body;
    auto after_judgement =
        http_call(port_, "GET", "/api/contests/demo/event-feed?stream=false&since_token=" + judgement_token);
    EXPECT_EQ(lines_of(after_judgement.body, "judgements").size(), 1u) << after_judgement.body;
    // The jury saw the original and gets no copy.
    auto jury_feed = admin("GET", "/api/contests/demo/event-feed?stream=false&types=judgements").body;
    EXPECT_EQ(lines_of(jury_feed, "judgements").size(), 2u) << jury_feed;  // created, then judged
}

TEST_F(FeedServer, ContestStartSendsTheProblemsToAConnectedPublicClient) {
    start(-std::chrono::milliseconds{2500});  // starts in 2.5 s
    FeedClient pub(port_, "/api/contests/demo/event-feed");
    EXPECT_TRUE(pub.wait_for("\"type\":\"contest\"", std::chrono::seconds{5}));
    EXPECT_FALSE(contains(pub.received(), "\"type\":\"problems\"")) << pub.received();
    ASSERT_TRUE(pub.wait_for("\"type\":\"problems\"", std::chrono::seconds{15})) << pub.received();
    auto problems = lines_of(pub.received(), "problems");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].at("id").as_string(), "hello");
    EXPECT_TRUE(pub.wait_for("\"started\":\"", std::chrono::seconds{5}));
    EXPECT_LT(pub.received().find("\"type\":\"problems\""), pub.received().find("\"started\":\""));
}

TEST_F(FeedServer, BrokenPackageIsRefusedWithTheLoadersMessage) {
    start(std::chrono::minutes{10});
    fs::path broken = *dir_ / "broken";
    fs::copy(fs::path(KHUE_SOURCE_DIR) / "problems" / "hello", broken, fs::copy_options::recursive);
    std::ofstream(broken / "problem.yaml") << "problem_format_version: 2025-09\nname: [unclosed\n";
    auto r = admin("POST", "/api/contests/demo/problems?id=broken", zip_bytes(broken), "application/zip");
    EXPECT_EQ(r.status, 400u) << r.body;
    // The loader names the file and the line.
    auto at = r.body.find("problem.yaml:");
    ASSERT_NE(at, std::string::npos) << r.body;
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(r.body[at + 13]))) << r.body;
    EXPECT_EQ(admin("GET", "/api/khue/problems/broken/verification").status, 404u);
}

// Needs root: the example submissions are judged in the real sandbox (khue-box), as `khue verify` does.
TEST_F(FeedServer, UploadedPackageIsVerifiedInTheBackground) {
    if (geteuid() != 0) {
        GTEST_SKIP() << "the sandbox needs root";
    }
    fs::path box = fs::path(KHUE_BUILD_DIR) / "khue-box";
    if (fs::exists(box)) {
        setenv("KHUE_BOX", box.c_str(), 1);
    }
    start(std::chrono::minutes{10});
    auto up = admin("POST", "/api/contests/demo/problems?id=second",
                    zip_bytes(fs::path(KHUE_SOURCE_DIR) / "problems" / "hello"), "application/zip");
    ASSERT_EQ(up.status, 201u) << up.body;
    // Only the jury may look.
    EXPECT_EQ(http_call(port_, "GET", "/api/khue/problems/second/verification").status, 401u);
    EXPECT_EQ(
        http_call(port_, "GET", "/api/khue/problems/second/verification", {}, {}, "team1", "pw1").status,
        403u);
    EXPECT_EQ(admin("GET", "/api/khue/problems/nope/verification").status, 404u);
    json::object status;
    auto until = std::chrono::steady_clock::now() + std::chrono::minutes{10};
    while (std::chrono::steady_clock::now() < until) {
        auto r = admin("GET", "/api/khue/problems/second/verification");
        ASSERT_EQ(r.status, 200u) << r.body;
        status = json::parse(r.body).as_object();
        std::string state(status.at("state").as_string());
        ASSERT_TRUE(state == "queued" || state == "running" || state == "done" || state == "failed") << state;
        if (state == "done" || state == "failed") {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{500});
    }
    ASSERT_EQ(status.at("state").as_string(), "done") << json::serialize(status);
    EXPECT_TRUE(status.at("ok").as_bool()) << json::serialize(status);
    const auto& table = status.at("table").as_array();
    EXPECT_EQ(table.size(), 14u) << json::serialize(status);
    for (const auto& row : table) {
        EXPECT_TRUE(row.at("ok").as_bool()) << json::serialize(row);
        EXPECT_TRUE(row.at("verdict").is_string()) << json::serialize(row);
    }
    EXPECT_DOUBLE_EQ(status.at("time_limit").as_double(), 1.0);
}
