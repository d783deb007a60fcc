// Rejudging over HTTP: create (a preview, nothing changes yet), the preview with old and new verdicts, then
// apply or cancel; only an admin decides, the jury may look, and a decided rejudging cannot be decided again.
#include "api_server.hpp"

using namespace khue::test;

namespace {

class Rejudging : public ApiServer {
  protected:
    HttpResult post(const std::string& target, const std::string& body = "{}",
                    const std::string& user = "admin", const std::string& pw = "adminpw") {
        return http_call(port_, "POST", "/api/contests/demo/" + target, body, "application/json", user, pw);
    }
    json::object preview(const std::string& id) {
        auto r = get("/api/contests/demo/rejudgings/" + id, "jury", "jurypw");
        EXPECT_EQ(r.status, 200u) << r.body;
        return json::parse(r.body).as_object();
    }
    std::string current_verdict(const std::string& submission) {
        auto r = get("/api/contests/demo/judgements?submission_id=" + submission, "admin", "adminpw");
        auto judgements = json::parse(r.body);
        for (const auto& j : judgements.as_array()) {
            if (j.at("current").as_bool()) {
                return std::string(j.at("judgement_type_id").as_string());
            }
        }
        return "none";
    }
    // Creates a rejudging of `submission` and judges it with `verdict`; returns its id.
    std::string rejudged(const std::string& submission, khue::judge::Verdict verdict) {
        auto created =
            post("rejudgings", "{\"submission_id\": \"" + submission + "\", \"reason\": \"checker fix\"}");
        EXPECT_EQ(created.status, 201u) << created.body;
        auto o = json::parse(created.body).as_object();
        EXPECT_EQ(o.at("state").as_string(), "created");
        EXPECT_EQ(created.location, "/api/contests/demo/rejudgings/" + std::string(o.at("id").as_string()));
        judge_next(verdict);
        return std::string(o.at("id").as_string());
    }
};

}  // namespace

TEST_F(Rejudging, PreviewThenApplyMakesTheNewVerdictCurrent) {
    start(std::chrono::minutes{10});
    std::string s = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::WA);
    std::string id = rejudged(s, khue::judge::Verdict::AC);

    auto p = preview(id);
    EXPECT_EQ(p.at("state").as_string(), "created");
    EXPECT_EQ(p.at("reason").as_string(), "checker fix");
    EXPECT_EQ(p.at("submission_count").as_int64(), 1);
    EXPECT_EQ(p.at("judged_count").as_int64(), 1);
    EXPECT_EQ(p.at("changed_count").as_int64(), 1);
    const auto& row = p.at("submissions").as_array().at(0).as_object();
    EXPECT_EQ(row.at("submission_id").as_string(), s);
    EXPECT_EQ(row.at("old_judgement_type_id").as_string(), "WA");
    EXPECT_EQ(row.at("new_judgement_type_id").as_string(), "AC");
    EXPECT_TRUE(row.at("changed").as_bool());
    EXPECT_EQ(current_verdict(s), "WA");  // a preview changes nothing

    auto list = json::parse(get("/api/contests/demo/rejudgings", "admin", "adminpw").body).as_array();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].at("id").as_string(), id);

    EXPECT_EQ(post("rejudgings/" + id + "/apply", "{}", "jury", "jurypw").status, 403u);
    EXPECT_EQ(post("rejudgings/" + id + "/apply", "{}", "team1", "pw1").status, 403u);
    EXPECT_EQ(post("rejudgings/" + id + "/apply", "{}", "", "").status, 401u);
    auto applied = post("rejudgings/" + id + "/apply");
    ASSERT_EQ(applied.status, 200u) << applied.body;
    EXPECT_EQ(json::parse(applied.body).at("state").as_string(), "applied");
    EXPECT_EQ(current_verdict(s), "AC");
    EXPECT_EQ(post("rejudgings/" + id + "/apply").status, 409u);
    EXPECT_EQ(post("rejudgings/" + id + "/cancel").status, 409u);
    eventually("/api/contests/demo/scoreboard",
               [](const std::string& b) { return contains(b, "\"num_solved\":1"); });
}

TEST_F(Rejudging, CancelKeepsTheOldVerdict) {
    start(std::chrono::minutes{10});
    std::string s = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);
    std::string id = rejudged(s, khue::judge::Verdict::WA);
    auto cancelled = post("rejudgings/" + id + "/cancel");
    ASSERT_EQ(cancelled.status, 200u) << cancelled.body;
    EXPECT_EQ(json::parse(cancelled.body).at("state").as_string(), "cancelled");
    EXPECT_FALSE(json::parse(cancelled.body).at("decided").is_null());
    EXPECT_EQ(current_verdict(s), "AC");
    EXPECT_EQ(post("rejudgings/" + id + "/apply").status, 409u);
}

TEST_F(Rejudging, OnlyTheJurySeesRejudgingsAndUnknownOnesAre404) {
    start(std::chrono::minutes{10});
    EXPECT_EQ(get("/api/contests/demo/rejudgings").status, 401u);
    EXPECT_EQ(get("/api/contests/demo/rejudgings", "team1", "pw1").status, 403u);
    EXPECT_EQ(get("/api/contests/demo/rejudgings", "jury", "jurypw").status, 200u);
    EXPECT_EQ(get("/api/contests/demo/rejudgings/nope", "admin", "adminpw").status, 404u);
    EXPECT_EQ(post("rejudgings/nope/apply").status, 404u);
    EXPECT_EQ(post("rejudgings/nope/cancel").status, 404u);
    EXPECT_EQ(post("rejudgings", "{\"submission_id\": \"1\"}", "jury", "jurypw").status, 403u);
    // The route table answers a wrong method with 405 and the methods it has.
    EXPECT_EQ(http_call(port_, "DELETE", "/api/contests/demo/rejudgings", {}, {}, "admin", "adminpw").status,
              405u);
}
