// Over HTTP: the awards a contest gives (GET/PUT /api/khue/contests/<id>/award-rules), /awards and the feed
// agreeing, finalization (POST /api/khue/contests/<id>/finalize) and what check-api found in 2026-01 terms:
// score.time null, files with filename, run times in milliseconds, judgement types and languages in the feed.
#include "api_server.hpp"

#include <cmath>
#include <sstream>

namespace khue::test {

namespace {

class Finalize : public ApiServer {
  protected:
    HttpResult post(const std::string& target, const std::string& body, const std::string& user,
                    const std::string& pw, const std::string& method = "POST") {
        return http_call(port_, method, target, body, "application/json", user, pw);
    }
    // An admin's submission for `team`, dated `minute` minutes into the contest.
    std::string replay(const std::string& team, int minute) {
        auto contest = json::parse(get("/api/contests/demo").body);
        auto start = parse_time(std::string(contest.at("start_time").as_string()));
        auto when = format_time(*start + std::chrono::minutes{minute}, std::chrono::minutes{0});
        auto body = json::parse(submission_json("hello", "c", zip_of("hello.c", kHello))).as_object();
        body["team_id"] = team;
        body["time"] = when;
        auto r = submit("admin", "adminpw", json::serialize(body));
        EXPECT_EQ(r.status, 201u) << r.body;
        return std::string(json::parse(r.body).at("id").as_string());
    }
    std::vector<json::object> feed(const std::string& user = {}, const std::string& pw = {}) {
        auto r = get("/api/contests/demo/event-feed?stream=false", user, pw);
        std::vector<json::object> lines;
        std::istringstream in(r.body);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) {
                lines.push_back(json::parse(line).as_object());
            }
        }
        return lines;
    }
};

bool has_award(const std::string& body, const std::string& id) {
    return contains(body, "\"id\":\"" + id + "\"");
}

}  // namespace

TEST_F(Finalize, RefusedUntilEverythingIsJudgedAndThawedThenFixesTheAwards) {
    start(std::chrono::minutes{6 * 60});  // ended an hour ago, frozen since two hours
    const std::string finalize = "/api/khue/contests/demo/finalize";
    EXPECT_EQ(post(finalize, "", "", "").status, 401u);
    EXPECT_EQ(post(finalize, "", "jury", "jurypw").status, 403u);
    replay("t1", 10);
    auto r = post(finalize, "", "admin", "adminpw");
    EXPECT_EQ(r.status, 409u);
    EXPECT_TRUE(contains(r.body, "no verdict")) << r.body;
    judge_next(khue::judge::Verdict::AC);
    eventually("/api/contests/demo/judgements", [](const std::string& b) { return contains(b, "\"AC\""); });
    r = post(finalize, "", "admin", "adminpw");
    EXPECT_EQ(r.status, 409u);
    EXPECT_TRUE(contains(r.body, "frozen")) << r.body;
    ASSERT_EQ(
        post("/api/contests/demo", "{\"id\": \"demo\", \"scoreboard_thaw_time\": \"2000-01-01T00:00:00Z\"}",
             "admin", "adminpw", "PATCH")
            .status,
        200u);
    eventually("/api/contests/demo/awards", [](const std::string& b) { return has_award(b, "winner"); });
    r = post(finalize, "", "admin", "adminpw");
    ASSERT_EQ(r.status, 200u) << r.body;
    auto state = json::parse(r.body).as_object();
    EXPECT_TRUE(state.at("finalized").is_string());
    EXPECT_EQ(state.at("end_of_updates"), state.at("finalized"));
    eventually("/api/contests/demo/state",
               [](const std::string& b) { return contains(b, "\"end_of_updates\":\""); });
    r = post(finalize, "", "admin", "adminpw");
    EXPECT_EQ(r.status, 409u);
    EXPECT_TRUE(contains(r.body, "already finalized")) << r.body;

    // The awards are those of the final board, and fixed: no submission, rejudging or award setting after it.
    auto awards = get("/api/contests/demo/awards").body;
    EXPECT_TRUE(has_award(awards, "first-to-solve-hello")) << awards;
    EXPECT_TRUE(has_award(awards, "winner")) << awards;
    auto body = json::parse(submission_json("hello", "c", zip_of("hello.c", kHello))).as_object();
    body["team_id"] = "t2";
    r = submit("admin", "adminpw", json::serialize(body));
    EXPECT_EQ(r.status, 409u) << r.body;
    r = post("/api/contests/demo/rejudgings", "{\"problem_id\": \"hello\", \"apply\": true}", "admin",
             "adminpw");
    EXPECT_EQ(r.status, 409u) << r.body;
    r = post("/api/khue/contests/demo/award-rules", "{\"gold\": 3}", "admin", "adminpw", "PUT");
    EXPECT_EQ(r.status, 409u) << r.body;
    EXPECT_EQ(get("/api/contests/demo/awards").body, awards);

    // The feed ends with the state that set end_of_updates; the awards came before it.
    auto lines = feed();
    std::size_t end_of_updates = lines.size(), last_award = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& data = lines[i].at("data");
        std::string type(lines[i].at("type").as_string());
        if (type == "state" && data.is_object() && data.as_object().at("end_of_updates").is_string()) {
            end_of_updates = std::min(end_of_updates, i);
        }
        if (type == "awards") {
            last_award = i;
        }
    }
    ASSERT_LT(end_of_updates, lines.size());
    EXPECT_LT(last_award, end_of_updates);
    EXPECT_EQ(end_of_updates, lines.size() - 1) << "nothing public after end_of_updates";
}

TEST_F(Finalize, AwardRulesAreSetByTheAdminAndValidated) {
    start(std::chrono::minutes{30});
    const std::string rules = "/api/khue/contests/demo/award-rules";
    EXPECT_EQ(get(rules).status, 401u);
    auto r = get(rules, "jury", "jurypw");
    ASSERT_EQ(r.status, 200u);
    EXPECT_TRUE(contains(r.body, "\"gold\":0")) << r.body;
    EXPECT_EQ(post(rules, "{\"gold\": 1}", "jury", "jurypw", "PUT").status, 403u);
    r = post(rules, "{\"gold\": \"many\"}", "admin", "adminpw", "PUT");
    EXPECT_EQ(r.status, 400u);
    EXPECT_TRUE(contains(r.body, "awards.gold")) << r.body;
    r = post(rules, "{\"gold\": 1, \"group_winners\": true}", "admin", "adminpw", "PUT");
    ASSERT_EQ(r.status, 200u) << r.body;
    submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);
    auto awards = eventually("/api/contests/demo/awards", [](const std::string& b) {
        return has_award(b, "gold-medal") && has_award(b, "group-winner-school");
    });
    EXPECT_TRUE(contains(awards.body, "\"citation\":\"Winner of Schools\"")) << awards.body;
    EXPECT_TRUE(contains(get(rules, "jury", "jurypw").body, "\"group_winners\":true"));
    // The feed carries the same award objects as REST.
    auto lines = feed();
    std::map<std::string, json::value> in_feed;
    for (const auto& l : lines) {
        if (l.at("type").as_string() == "awards") {
            in_feed[std::string(l.at("id").as_string())] = l.at("data");
        }
    }
    json::value served = json::parse(awards.body);
    for (const auto& a : served.as_array()) {
        std::string id(a.at("id").as_string());
        ASSERT_TRUE(in_feed.contains(id)) << id;
        EXPECT_EQ(in_feed[id], a) << id;
    }
}

TEST_F(Finalize, TwentyTwentySixShapes) {
    start(std::chrono::minutes{30});
    // Nothing solved: score.time is present and null.
    auto board = json::parse(get("/api/contests/demo/scoreboard").body);
    for (const auto& row : board.at("rows").as_array()) {
        ASSERT_TRUE(row.at("score").as_object().contains("time")) << row;
        EXPECT_TRUE(row.at("score").at("time").is_null()) << row;
    }
    std::string id = submit_ok("team1", "pw1");
    // A run of 6.325 ms is served as 0.006 s.
    store::ClaimOptions claim;
    claim.owner = "test/0";
    auto job = db_->claim_job(claim);
    ASSERT_TRUE(job);
    store::JudgementResult result;
    result.verdict = khue::judge::Verdict::AC;
    result.runs.push_back({"secret/1", "secret", khue::judge::Verdict::AC, khue::judge::Seconds{0.006325},
                           khue::judge::Seconds{0.007}, khue::judge::mib(1), ""});
    ASSERT_EQ(db_->complete_job(job->lease, result), store::CompleteStatus::Recorded);
    auto runs = eventually(
        "/api/contests/demo/runs", [](const std::string& b) { return contains(b, "run_time"); }, "jury",
        "jurypw");
    auto run = json::parse(runs.body).as_array().at(0);
    EXPECT_EQ(run.at("run_time").to_number<double>(), 0.006);
    auto judgement =
        json::parse(get("/api/contests/demo/judgements", "jury", "jurypw").body).as_array().at(0);
    EXPECT_EQ(judgement.at("max_run_time").to_number<double>(), 0.006);
    board = json::parse(eventually("/api/contests/demo/scoreboard", [](const std::string& b) {
                            return contains(b, "\"num_solved\":1");
                        }).body);
    EXPECT_TRUE(board.at("rows").at(0).at("score").at("time").is_string());
    // The submission's files reference names its file.
    auto sub = json::parse(get("/api/contests/demo/submissions/" + id, "team1", "pw1").body);
    auto file = sub.at("files").at(0).as_object();
    EXPECT_EQ(std::string(file.at("filename").as_string()), "submission-" + id + ".zip");
    EXPECT_EQ(std::string(file.at("mime").as_string()), "application/zip");
    // Judgement types and languages are in the feed, as REST serves them, before any submission.
    auto lines = feed();
    std::size_t first_submission = lines.size();
    std::map<std::string, std::map<std::string, json::value>> in_feed;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string type(lines[i].at("type").as_string());
        if (type == "submissions") {
            first_submission = std::min(first_submission, i);
        }
        if ((type == "judgement-types" || type == "languages") && i < first_submission) {
            in_feed[type][std::string(lines[i].at("id").as_string())] = lines[i].at("data");
        }
    }
    for (const char* type : {"judgement-types", "languages"}) {
        auto rest = json::parse(get(std::string("/api/contests/demo/") + type).body).as_array();
        ASSERT_FALSE(rest.empty());
        EXPECT_EQ(in_feed[type].size(), rest.size()) << type;
        for (const auto& o : rest) {
            EXPECT_EQ(in_feed[type][std::string(o.at("id").as_string())], o) << type;
        }
    }
}

}  // namespace khue::test
