// Clarifications over HTTP: a team asks, the jury claims and answers one team, a group, or everyone; each
// account sees what the policy says (its own questions, answers sent to it, broadcasts) on the endpoint and
// on the event feed alike; bad requests are refused with the reason.
#include "api_server.hpp"

using namespace khue::test;

namespace {

class Clarifications : public ApiServer {
  protected:
    HttpResult post(const std::string& body, const std::string& user, const std::string& pw) {
        return http_call(port_, "POST", "/api/contests/demo/clarifications", body, "application/json", user,
                         pw);
    }
    std::string post_ok(const std::string& body, const std::string& user, const std::string& pw) {
        auto r = post(body, user, pw);
        EXPECT_EQ(r.status, 201u) << r.body;
        return std::string(json::parse(r.body).at("id").as_string());
    }
    HttpResult claim(const std::string& id, const std::string& user, const std::string& pw,
                     const std::string& body = {}) {
        return http_call(port_, "POST", "/api/khue/contests/demo/clarifications/" + id + "/claim", body,
                         "application/json", user, pw);
    }
    std::string list(const std::string& user = {}, const std::string& pw = {}) {
        auto r = get("/api/contests/demo/clarifications", user, pw);
        EXPECT_EQ(r.status, 200u) << r.body;
        return r.body;
    }
    std::string feed(const std::string& user = {}, const std::string& pw = {}) {
        return get("/api/contests/demo/event-feed?stream=false&types=clarifications", user, pw).body;
    }
};

TEST_F(Clarifications, AskClaimAnswerOneTeamAndBroadcast) {
    start(std::chrono::minutes{30});
    auto asked = post(R"({"problem_id":"hello","text":"Is n > 0? Có âm không?"})", "team1", "pw1");
    ASSERT_EQ(asked.status, 201u) << asked.body;
    auto question = json::parse(asked.body).as_object();
    std::string qid(question.at("id").as_string());
    EXPECT_EQ(question.at("from_team_id").as_string(), "t1");
    EXPECT_TRUE(question.at("to_team_ids").is_null());
    EXPECT_TRUE(question.at("to_group_ids").is_null());
    EXPECT_TRUE(question.at("reply_to_id").is_null());
    EXPECT_EQ(question.at("problem_id").as_string(), "hello");
    EXPECT_TRUE(question.contains("time"));
    EXPECT_TRUE(question.contains("contest_time"));
    EXPECT_FALSE(question.contains("claimed_by"));

    EXPECT_TRUE(contains(list("team1", "pw1"), "Có âm không"));
    EXPECT_FALSE(contains(list("team2", "pw2"), "Có âm không"));
    EXPECT_FALSE(contains(list(), "Có âm không"));
    EXPECT_EQ(get("/api/contests/demo/clarifications/" + qid, "team2", "pw2").status, 404u);
    EXPECT_EQ(get("/api/contests/demo/clarifications/" + qid, "jury", "jurypw").status, 200u);

    // The jury's queue shows the open question; one judge claims it, the other is told who holds it.
    auto queue = json::parse(get("/api/khue/contests/demo/clarification-queue", "jury", "jurypw").body);
    ASSERT_EQ(queue.as_array().size(), 1u);
    EXPECT_TRUE(queue.as_array()[0].at("claimed_by").is_null());
    EXPECT_FALSE(queue.as_array()[0].at("answered").as_bool());
    EXPECT_EQ(get("/api/khue/contests/demo/clarification-queue", "team1", "pw1").status, 403u);
    auto mine = claim(qid, "jury", "jurypw");
    EXPECT_EQ(mine.status, 200u) << mine.body;
    auto theirs = claim(qid, "admin", "adminpw");
    EXPECT_EQ(theirs.status, 409u) << theirs.body;
    EXPECT_EQ(json::parse(theirs.body).at("claimed_by").as_string(), "jury");
    EXPECT_EQ(claim(qid, "team1", "pw1").status, 403u);

    // The answer to team 1 only; it inherits the question's problem and ends the claim.
    auto answered = post(R"({"reply_to_id":")" + qid + R"(","to_team_ids":["t1"],"text":"Yes, n >= 1"})",
                         "jury", "jurypw");
    ASSERT_EQ(answered.status, 201u) << answered.body;
    auto answer = json::parse(answered.body).as_object();
    EXPECT_EQ(answer.at("problem_id").as_string(), "hello");
    EXPECT_TRUE(answer.at("from_team_id").is_null());
    EXPECT_EQ(json::serialize(answer.at("to_team_ids")), R"(["t1"])");
    queue = json::parse(get("/api/khue/contests/demo/clarification-queue", "jury", "jurypw").body);
    EXPECT_TRUE(queue.as_array()[0].at("answered").as_bool());
    EXPECT_TRUE(queue.as_array()[0].at("claimed_by").is_null());

    EXPECT_TRUE(contains(list("team1", "pw1"), "Yes, n >= 1"));
    EXPECT_FALSE(contains(list("team2", "pw2"), "Yes, n >= 1"));
    EXPECT_FALSE(contains(list(), "Yes, n >= 1"));

    // An answer to a group reaches the teams of that group (t1 is in "school", t2 is not).
    post_ok(R"({"to_group_ids":["school"],"text":"Schools: room 2"})", "jury", "jurypw");
    EXPECT_TRUE(contains(list("team1", "pw1"), "Schools: room 2"));
    EXPECT_FALSE(contains(list("team2", "pw2"), "Schools: room 2"));

    // A broadcast reaches everyone, the public included.
    post_ok(R"({"text":"Contest extended by 10 minutes"})", "admin", "adminpw");
    const std::vector<std::pair<std::string, std::string>> everyone = {
        {"team1", "pw1"}, {"team2", "pw2"}, {"", ""}};
    for (const auto& [user, pw] : everyone) {
        EXPECT_TRUE(contains(list(user, pw), "Contest extended")) << user;
    }

    // The feed agrees with the endpoint, for each account.
    auto public_feed = eventually("/api/contests/demo/event-feed?stream=false&types=clarifications",
                                  [](const std::string& b) { return contains(b, "Contest extended"); });
    EXPECT_FALSE(contains(public_feed.body, "Có âm không"));
    EXPECT_FALSE(contains(public_feed.body, "Yes, n >= 1"));
    EXPECT_FALSE(contains(public_feed.body, "room 2"));
    auto team2_feed = feed("team2", "pw2");
    EXPECT_TRUE(contains(team2_feed, "Contest extended"));
    EXPECT_FALSE(contains(team2_feed, "Yes, n >= 1"));
    EXPECT_FALSE(contains(team2_feed, "room 2"));
    auto team1_feed = feed("team1", "pw1");
    for (const char* text : {"Có âm không", "Yes, n >= 1", "room 2", "Contest extended"}) {
        EXPECT_TRUE(contains(team1_feed, text)) << text;
    }
    EXPECT_TRUE(contains(team1_feed, "\"type\":\"clarifications\""));
}

TEST_F(Clarifications, BadRequestsAreRefusedWithTheReason) {
    start(std::chrono::minutes{30});
    auto qid = post_ok(R"({"text":"general question"})", "team1", "pw1");
    struct Case {
        std::string body, user, pw;
        unsigned status;
        std::string says;
    };
    std::vector<Case> cases = {
        {R"({"text":"x","to_team_ids":["t2"]})", "team1", "pw1", 400, "to_team_ids"},
        {R"({"text":"x","from_team_id":"t2"})", "team1", "pw1", 403, "as itself"},
        {R"({"text":"x","id":"77"})", "team1", "pw1", 400, "id must not"},
        {R"({"text":"x","time":"2026-01-01T00:00:00Z"})", "jury", "jurypw", 400, "time must not"},
        {R"({"text":""})", "team1", "pw1", 400, "text"},
        {R"({"problem_id":"nope","text":"x"})", "team1", "pw1", 400, "nope"},
        {R"({"reply_to_id":")" + qid + R"(","text":"x"})", "team2", "pw2", 400, "reply_to_id"},
        {R"({"text":"x","from_team_id":"t1"})", "jury", "jurypw", 400, "from_team_id"},
        {R"({"text":"x","to_team_ids":["ghost"]})", "jury", "jurypw", 400, "ghost"},
        {R"({"text":"x","to_group_ids":"school"})", "jury", "jurypw", 400, "to_group_ids"},
        {R"([1,2])", "jury", "jurypw", 400, "JSON object"},
        {R"({"text":"x"})", "", "", 401, ""},
    };
    for (const auto& c : cases) {
        auto r = post(c.body, c.user, c.pw);
        EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
        EXPECT_TRUE(contains(r.body, c.says)) << c.body << " -> " << r.body;
    }
    EXPECT_EQ(claim("999", "jury", "jurypw").status, 404u);
    auto json_list = json::parse(get("/api/contests/demo/clarifications", "jury", "jurypw").body);
    EXPECT_EQ(json_list.as_array().size(), 1u);  // nothing refused was stored
}

}  // namespace
