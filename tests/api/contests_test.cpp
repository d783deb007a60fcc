// Many contests on one server: two contests with different clocks on one database (SQLite always, PostgreSQL
// when KHUE_TEST_POSTGRES names a server), each with its own state, scoreboard and event feed; one account in
// two contests; a contest created while the server runs; practice after the end; the results CSV.
#include "http_client.hpp"
#include "khue/test/store_fixture.hpp"
#include "khue/test/temp_dir.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/api/password.hpp"
#include "khue/api/results.hpp"
#include "khue/api/server.hpp"
#include "khue/judge/zip.hpp"
#include "khue/store/store.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <thread>

namespace khue::test {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
namespace store = khue::store;
using namespace khue::api;
using std::chrono::hours;
using std::chrono::minutes;

std::string sources_zip() {
    TempDir dir("khue-zip");
    khue::judge::write_zip(dir / "s.zip",
                           {{"hello.c", "#include <stdio.h>\nint main(void){puts(\"Hello\");}\n", false}});
    std::ifstream in(dir / "s.zip", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string submission(const std::string& extra = {}) {
    json::object o{{"problem_id", "hello"},
                   {"language_id", "c"},
                   {"files", json::array{json::object{{"data", base64_encode(sources_zip())}}}}};
    if (!extra.empty()) {
        json::value parsed = json::parse(extra);  // kept alive while its members are copied
        for (const auto& [k, v] : parsed.as_object()) {
            o[k] = v;
        }
    }
    return json::serialize(o);
}

ContestPackage contest(const std::string& id, store::TimePoint start, Millis duration, bool practice,
                       const std::string& team_prefix) {
    ContestPackage pkg;
    pkg.contest.id = id;
    pkg.contest.name = "Contest " + id;
    pkg.contest.formal_name = pkg.contest.name;
    pkg.contest.start_time = std::chrono::floor<Millis>(start);
    pkg.contest.duration = duration;
    pkg.contest.scoreboard_freeze_duration = std::chrono::duration_cast<Millis>(minutes{30});
    pkg.contest.practice = practice;
    pkg.problems.push_back(
        {"hello", "A", "", 0, "#ff0000", "red", fs::path(KHUE_SOURCE_DIR) / "problems" / "hello"});
    pkg.organizations.push_back({"hn", "Hà Nội", "Trường Hà Nội", "VNM"});
    pkg.groups.push_back({"school", "Trung học", false});
    pkg.teams.push_back({team_prefix + "1", "Alpha", "1", "Đội Alpha", "hn", {"school"}, false});
    pkg.teams.push_back({team_prefix + "2", "Bravo", "2", "Bravo, \"B\"", "", {}, false});
    pkg.teams.push_back({team_prefix + "9", "Jury team", "9", "Jury team", "", {}, true});
    // The same username plays in every contest, each time as that contest's team.
    pkg.accounts.push_back({"a-" + id + "-1", "student1", "pw1", AccountType::Team, team_prefix + "1"});
    pkg.accounts.push_back({"a-" + id + "-2", id + "-only", "pw2", AccountType::Team, team_prefix + "2"});
    pkg.accounts.push_back({"admin", "admin", "adminpw", AccountType::Admin, ""});
    return pkg;
}

template <class Backend>
class Contests : public ::testing::Test {
  protected:
    void SetUp() override {
        database_ = Backend::make();
        if (!database_) {
            GTEST_SKIP() << "KHUE_TEST_POSTGRES is not set";
        }
        db_ = store::open_store(database_->url(), contest_api_encoder());
        auto now = std::chrono::system_clock::now();
        // round1 runs, round2 starts in two hours, old ended an hour ago and keeps a practice.
        import_contest(*db_, contest("round1", now - minutes{30}, hours{5}, false, "t"));
        import_contest(*db_, contest("round2", now + hours{2}, hours{3}, false, "r"));
        import_contest(*db_, contest("old", now - hours{3}, hours{2}, true, "o"));
        ServerOptions options;
        options.port = 0;
        options.contest_id = "round1";
        options.web_root = fs::path(KHUE_SOURCE_DIR) / "api" / "web";
        options.submit_burst = 100;
        server_ = std::make_unique<Server>(*db_, options);
        server_->start();
        port_ = server_->port();
    }
    void TearDown() override {
        server_.reset();
        db_.reset();
        database_.reset();
    }
    HttpResult get(const std::string& target, const std::string& user = {}, const std::string& pw = {}) {
        return http_call(port_, "GET", target, {}, {}, user, pw);
    }
    HttpResult post(const std::string& target, const std::string& body, const std::string& user,
                    const std::string& pw, const std::string& type = "application/json") {
        return http_call(port_, "POST", target, body, type, user, pw);
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
    HttpResult eventually(const std::string& target, const std::function<bool(const json::value&)>& holds,
                          const std::string& user = {}, const std::string& pw = {}) {
        HttpResult r;
        for (int i = 0; i < 100; ++i) {
            r = get(target, user, pw);
            std::error_code ec;
            auto v = json::parse(r.body, ec);
            if (!ec && holds(v)) {
                return r;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
        ADD_FAILURE() << "never held for " << target << ": " << r.body;
        return r;
    }
    // The solved count of a team in a scoreboard object.
    static std::int64_t solved(const json::value& board, const std::string& team) {
        for (const auto& row : board.at("rows").as_array()) {
            if (row.at("team_id").as_string() == team) {
                return row.at("score").at("num_solved").as_int64();
            }
        }
        return -1;
    }
    std::unique_ptr<store::testing::TempDatabase> database_;
    std::unique_ptr<store::Store> db_;
    std::unique_ptr<Server> server_;
    unsigned short port_ = 0;
};

TYPED_TEST_SUITE(Contests, store::testing::Backends, store::testing::BackendNames);

TYPED_TEST(Contests, EachContestHasItsOwnClockScoreboardAndFeed) {
    auto list = json::parse(this->get("/api/contests").body).as_array();
    ASSERT_EQ(list.size(), 3u);
    std::set<std::string> ids;
    for (const auto& c : list) {
        ids.emplace(c.at("id").as_string());
    }
    EXPECT_EQ(ids, (std::set<std::string>{"old", "round1", "round2"}));

    // Different clocks: round1 has started, round2 has not, old has ended.
    auto round1 = json::parse(this->get("/api/contests/round1/state").body);
    auto round2 = json::parse(this->get("/api/contests/round2/state").body);
    auto old = json::parse(this->get("/api/contests/old/state").body);
    EXPECT_TRUE(round1.at("started").is_string());
    EXPECT_TRUE(round1.at("ended").is_null());
    EXPECT_TRUE(round2.at("started").is_null());
    EXPECT_TRUE(old.at("ended").is_string());

    // The same username submits in round1 (as t1); round2 has not started.
    auto r = this->post("/api/contests/round1/submissions", submission(), "student1", "pw1");
    ASSERT_EQ(r.status, 201u) << r.body;
    EXPECT_EQ(json::parse(r.body).at("team_id").as_string(), "t1");
    r = this->post("/api/contests/round2/submissions", submission(), "student1", "pw1");
    EXPECT_EQ(r.status, 403u) << r.body;
    this->judge_next(khue::judge::Verdict::AC);

    this->eventually("/api/contests/round1/scoreboard",
                     [&](const json::value& b) { return this->solved(b, "t1") == 1; });
    auto board2 = json::parse(this->get("/api/contests/round2/scoreboard").body);
    EXPECT_EQ(this->solved(board2, "r1"), 0);
    EXPECT_EQ(this->solved(board2, "t1"), -1);  // round1's teams are not round2's

    // Each feed holds its own contest's events only.
    auto feed1 = this->get("/api/contests/round1/event-feed?stream=false&types=submissions,judgements");
    auto feed2 = this->get("/api/contests/round2/event-feed?stream=false&types=submissions,judgements");
    EXPECT_NE(feed1.body.find("\"team_id\":\"t1\""), std::string::npos) << feed1.body;
    EXPECT_EQ(feed2.body.find("\"submissions\""), std::string::npos) << feed2.body;
    EXPECT_EQ(this->get("/api/contests/nope/state").status, 404u);
}

TYPED_TEST(Contests, OneAccountPlaysInSeveralContests) {
    auto a1 = this->get("/api/contests/round1/account", "student1", "pw1");
    auto a2 = this->get("/api/contests/round2/account", "student1", "pw1");
    ASSERT_EQ(a1.status, 200u) << a1.body;
    ASSERT_EQ(a2.status, 200u) << a2.body;
    EXPECT_EQ(json::parse(a1.body).at("team_id").as_string(), "t1");
    EXPECT_EQ(json::parse(a2.body).at("team_id").as_string(), "r1");
    // An account of round1 only is nobody in round2: it cannot act there as round1's t2.
    auto other = this->get("/api/contests/round2/account", "round1-only", "pw2");
    EXPECT_EQ(other.status, 403u) << other.body;
    EXPECT_NE(other.body.find("takes no part"), std::string::npos);
    auto mine = json::parse(this->get("/api/khue/my-contests", "student1", "pw1").body).as_array();
    EXPECT_EQ(mine.size(), 3u);
    auto only = json::parse(this->get("/api/khue/my-contests", "round1-only", "pw2").body).as_array();
    ASSERT_EQ(only.size(), 1u);
    EXPECT_EQ(only[0].at("id").as_string(), "round1");
    EXPECT_EQ(only[0].at("team_id").as_string(), "t2");
}

TYPED_TEST(Contests, PracticeIsJudgedApartAndLeavesTheStandingsUnchanged) {
    // During the contest (an admin replays a submission at its original time): o2 solves at minute 10.
    auto start = *this->db_->get_contest("old")->start_time;
    auto during = this->post("/api/contests/old/submissions",
                             submission("{\"team_id\":\"o2\",\"time\":\"" +
                                        format_time(std::chrono::floor<Millis>(start + minutes{10})) + "\"}"),
                             "admin", "adminpw");
    ASSERT_EQ(during.status, 201u) << during.body;
    this->judge_next(khue::judge::Verdict::AC);
    auto official = this->eventually("/api/contests/old/scoreboard?public=true",
                                     [&](const json::value& b) { return this->solved(b, "o2") == 1; });

    // After the end, practice: the team submits, it is judged, and only the practice standings move.
    auto late = this->post("/api/contests/old/submissions", submission(), "student1", "pw1");
    ASSERT_EQ(late.status, 201u) << late.body;
    this->judge_next(khue::judge::Verdict::AC);
    this->eventually(
        "/api/contests/old/khue/practice/scoreboard",
        [&](const json::value& b) { return this->solved(b, "o1") == 1; }, "admin", "adminpw");
    auto id = std::string(json::parse(late.body).at("id").as_string());
    this->eventually(
        "/api/contests/old/judgements?submission_id=" + id,
        [](const json::value& v) {
            if (!v.is_array() || v.as_array().empty()) {
                return false;
            }
            const json::value& type = v.as_array()[0].at("judgement_type_id");
            return type.is_string() && type.as_string() == "AC";
        },
        "student1", "pw1");
    auto after = json::parse(this->get("/api/contests/old/scoreboard").body);
    EXPECT_EQ(this->solved(after, "o1"), 0);
    EXPECT_EQ(this->solved(after, "o2"), 1);
    auto awards = this->get("/api/contests/old/awards").body;
    EXPECT_EQ(awards.find("o1"), std::string::npos) << awards;

    // A contest without practice refuses submissions after its end; practice standings are not there.
    this->db_->upsert_contest([&] {
        auto c = *this->db_->get_contest("round2");
        c.start_time = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - hours{4};
        return c;
    }());
    this->eventually("/api/contests/round2/state",
                     [](const json::value& s) { return s.at("ended").is_string(); });
    EXPECT_EQ(this->post("/api/contests/round2/submissions", submission(), "student1", "pw1").status, 403u);
    EXPECT_EQ(this->get("/api/contests/round2/khue/practice/scoreboard").status, 404u);
    // The frozen hour stays hidden from the public in the practice standings until the thaw.
    EXPECT_EQ(this->get("/api/contests/old/khue/practice/scoreboard").status, 403u);
}

TYPED_TEST(Contests, ResultsCsvFromTheConsoleAndTheLibrary) {
    auto start = *this->db_->get_contest("old")->start_time;
    for (auto [team, minute] : {std::pair{"o2", 10}, std::pair{"o1", 70}}) {
        auto r =
            this->post("/api/contests/old/submissions",
                       submission(std::string("{\"team_id\":\"") + team + "\",\"time\":\"" +
                                  format_time(std::chrono::floor<Millis>(start + minutes{minute})) + "\"}"),
                       "admin", "adminpw");
        ASSERT_EQ(r.status, 201u) << r.body;
        this->judge_next(khue::judge::Verdict::AC);
    }
    this->eventually(
        "/api/contests/old/scoreboard", [&](const json::value& b) { return this->solved(b, "o1") == 1; },
        "admin", "adminpw");
    EXPECT_EQ(this->get("/api/contests/old/khue/results.csv", "student1", "pw1").status, 403u);
    auto http = this->get("/api/contests/old/khue/results.csv", "admin", "adminpw");
    ASSERT_EQ(http.status, 200u) << http.body;
    EXPECT_EQ(http.content_type, "text/csv; charset=utf-8");
    std::string expected =
        "\xEF\xBB\xBF"
        "rank,team_id,team,organization,group,solved,penalty,A\r\n"
        "1,o2,\"Bravo, \"\"B\"\"\",,,1,10,1/10\r\n"
        "2,o1,Đội Alpha,Trường Hà Nội,Trung học,1,70,1/70\r\n";
    EXPECT_EQ(http.body, expected);  // the hidden jury team is left out
    EXPECT_EQ(results_csv(*this->db_, "old"), expected);
    EXPECT_THROW(results_csv(*this->db_, "nope"), std::runtime_error);
}

TYPED_TEST(Contests, AdminCreatesAContestWithoutARestart) {
    json::object form{{"id", "final"},
                      {"name", "Chung kết"},
                      {"duration", "1:00:00"},
                      {"start_time", format_time(std::chrono::floor<std::chrono::seconds>(
                                         std::chrono::system_clock::now() - minutes{5}))},
                      {"problems", json::array{json::object{{"contest_id", "round1"}, {"id", "hello"}}}},
                      {"teams_from", "round1"},
                      {"practice", true}};
    EXPECT_EQ(this->post("/api/contests", json::serialize(form), "student1", "pw1").status, 403u);
    auto r = this->post("/api/contests", json::serialize(form), "admin", "adminpw");
    ASSERT_EQ(r.status, 201u) << r.body;
    EXPECT_EQ(r.location, "/api/contests/final");
    EXPECT_EQ(this->post("/api/contests", json::serialize(form), "admin", "adminpw").status, 409u);

    EXPECT_EQ(json::parse(this->get("/api/contests").body).as_array().size(), 4u);
    auto problems = json::parse(this->get("/api/contests/final/problems").body).as_array();
    ASSERT_EQ(problems.size(), 1u);
    // The package is shared, not copied: both contests name the same stored zip.
    EXPECT_EQ(this->db_->get_problem("final", "hello")->package_hash,
              this->db_->get_problem("round1", "hello")->package_hash);
    // round1's accounts play in the new contest as their round1 teams, at once.
    auto account = this->get("/api/contests/final/account", "round1-only", "pw2");
    ASSERT_EQ(account.status, 200u) << account.body;
    EXPECT_EQ(json::parse(account.body).at("team_id").as_string(), "t2");
    auto sub = this->post("/api/contests/final/submissions", submission(), "round1-only", "pw2");
    EXPECT_EQ(sub.status, 201u) << sub.body;

    // Bad forms name what is wrong.
    form["id"] = "final2";
    form["problems"] = json::array{json::object{{"contest_id", "round1"}, {"id", "nope"}}};
    auto bad = this->post("/api/contests", json::serialize(form), "admin", "adminpw");
    EXPECT_EQ(bad.status, 400u);
    EXPECT_NE(bad.body.find("no problem 'nope' in contest 'round1'"), std::string::npos) << bad.body;
    form["problems"] = json::array{json::object{{"contest_id", "round1"}, {"id", "hello"}}};
    form["duration"] = "soon";
    EXPECT_EQ(this->post("/api/contests", json::serialize(form), "admin", "adminpw").status, 400u);
    EXPECT_FALSE(this->db_->get_contest("final2"));
}

TYPED_TEST(Contests, AdminUploadsAContestPackageZip) {
    // A CLICS contest package: contest.yaml, problems.yaml and the problem folder, inside one top folder.
    std::vector<khue::judge::ZipEntry> entries{
        {"week/contest.yaml",
         "id: week\nname: Tuần lễ\nduration: '2:00:00'\nstart_time: 2030-01-01T09:00:00+07:00\nkhue:\n  "
         "practice: true\n",
         false},
        {"week/problems.yaml", "- id: hello\n  label: A\n", false},
    };
    fs::path hello = fs::path(KHUE_SOURCE_DIR) / "problems" / "hello";
    for (const auto& f : fs::recursive_directory_iterator(hello)) {
        if (f.is_regular_file()) {
            std::ifstream in(f.path(), std::ios::binary);
            entries.push_back({"week/problems/hello/" + fs::relative(f.path(), hello).generic_string(),
                               std::string(std::istreambuf_iterator<char>(in), {}), false});
        }
    }
    TempDir dir("khue-contest-zip");
    khue::judge::write_zip(dir / "week.zip", entries);
    std::ifstream in(dir / "week.zip", std::ios::binary);
    std::string zip{std::istreambuf_iterator<char>(in), {}};
    auto r = this->post("/api/contests", zip, "admin", "adminpw", "application/zip");
    ASSERT_EQ(r.status, 201u) << r.body;
    EXPECT_EQ(json::parse(r.body).at("name").as_string(), "Tuần lễ");
    EXPECT_TRUE(this->db_->get_contest("week")->practice);
    // Imported from the upload (re-zipped from extracted files, so stored under a hash of its own).
    EXPECT_TRUE(this->db_->get_problem("week", "hello"));
    auto state = json::parse(this->get("/api/contests/week/state").body);
    EXPECT_TRUE(state.at("started").is_null());
    auto junk = this->post("/api/contests", "not a zip", "admin", "adminpw", "application/zip");
    EXPECT_EQ(junk.status, 400u) << junk.body;
}

TYPED_TEST(Contests, PagesHaveStableUrlsPerContest) {
    auto landing = this->get("/");
    EXPECT_EQ(landing.status, 200u);
    EXPECT_NE(landing.body.find("contests.js"), std::string::npos);  // several contests: the list
    for (const char* page : {"/contests/round2/", "/contests/round2/scoreboard", "/contests/old/practice"}) {
        auto r = this->get(page);
        EXPECT_EQ(r.status, 200u) << page;
        EXPECT_NE(r.body.find("scoreboard.js"), std::string::npos) << page;
    }
    EXPECT_NE(this->get("/contests/round2/team").body.find("team.js"), std::string::npos);
    EXPECT_NE(this->get("/contests/round2/admin").body.find("admin.js"), std::string::npos);
    EXPECT_EQ(this->get("/contests/round2/elsewhere").status, 404u);
    auto khue = json::parse(this->get("/api/khue/contests").body).as_array();
    ASSERT_EQ(khue.size(), 3u);
    for (const auto& c : khue) {
        EXPECT_EQ(c.at("practice").as_bool(), c.at("id").as_string() == "old");
    }
}

}  // namespace
}  // namespace khue::test
