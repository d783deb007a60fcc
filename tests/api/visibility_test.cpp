// The one visibility policy over HTTP: for anonymous, the owning team, another team, the jury and an admin,
// REST and the event feed agree, before the freeze, during it and after the thaw. The rule that matters most:
// a team sees at least what the public sees.
#include "api_server.hpp"

using namespace khue::test;

namespace {

struct Who {
    const char* name;
    std::string user, password;
};

const Who kAnonymous{"anonymous", "", ""};
const Who kOwner{"team1", "team1", "pw1"};
const Who kOther{"team2", "team2", "pw2"};
const Who kJury{"jury", "jury", "jurypw"};
const Who kAdmin{"admin", "admin", "adminpw"};

class Visibility : public ApiServer {
  protected:
    bool rest_sees(const Who& w, const std::string& path) {
        auto r = get("/api/contests/demo/" + path, w.user, w.password);
        EXPECT_TRUE(r.status == 200u || r.status == 404u) << w.name << " " << path << ": " << r.body;
        return r.status == 200u;
    }
    bool feed_sees(const Who& w, const std::string& type, const std::string& id) {
        auto feed = get("/api/contests/demo/event-feed?stream=false", w.user, w.password).body;
        return contains(feed, "\"type\":\"" + type + "\",\"id\":\"" + id + "\"");
    }
    // REST (one object and the list) and the feed must agree, and say `expected`.
    void expect(const Who& w, const std::string& type, const std::string& id, bool expected,
                const char* when) {
        SCOPED_TRACE(std::string(w.name) + " / " + type + " " + id + " / " + when);
        // The server follows the event log asynchronously: wait until the line is in its history (the jury's
        // feed holds every line), so that a line not shown is hidden by the policy, not late.
        std::string line = "\"type\":\"" + type + "\",\"id\":\"" + id + "\"";
        eventually(
            "/api/contests/demo/event-feed?stream=false",
            [&](const std::string& b) { return contains(b, line); }, "jury", "jurypw");
        EXPECT_EQ(rest_sees(w, type + "/" + id), expected);
        auto list = get("/api/contests/demo/" + type, w.user, w.password);
        EXPECT_EQ(contains(list.body, "\"id\":\"" + id + "\""), expected) << list.body;
        EXPECT_EQ(feed_sees(w, type, id), expected);
    }
    std::string judgement_of(const std::string& submission) {
        auto r = eventually(
            "/api/contests/demo/judgements?submission_id=" + submission,
            [](const std::string& b) { return contains(b, "judgement_type_id\":\""); }, "admin", "adminpw");
        return std::string(json::parse(r.body).as_array().at(0).at("id").as_string());
    }
    void patch(const std::string& body) {
        auto r =
            http_call(port_, "PATCH", "/api/contests/demo", body, "application/json", "admin", "adminpw");
        ASSERT_EQ(r.status, 200u) << r.body;
    }
};

}  // namespace

TEST_F(Visibility, EveryRoleBeforeDuringAndAfterTheFreeze) {
    start(std::chrono::minutes{10});
    std::string before = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::WA);
    std::string j_before = judgement_of(before);

    // Before the freeze: the submission and its judgement are public, so every role sees them.
    for (const Who* w : {&kAnonymous, &kOwner, &kOther, &kJury, &kAdmin}) {
        expect(*w, "submissions", before, true, "before the freeze");
        expect(*w, "judgements", j_before, true, "before the freeze");
    }
    // Files and compiler messages stay with the owner and the jury.
    EXPECT_EQ(get("/api/contests/demo/submissions/" + before + "/files").status, 401u);
    EXPECT_EQ(get("/api/contests/demo/submissions/" + before + "/files", "team2", "pw2").status, 403u);
    EXPECT_EQ(get("/api/contests/demo/submissions/" + before + "/files", "team1", "pw1").status, 200u);
    EXPECT_EQ(get("/api/contests/demo/submissions/" + before + "/files", "jury", "jurypw").status, 200u);

    // The freeze began one minute into the contest: what is submitted now is hidden from the public.
    patch("{\"scoreboard_freeze_duration\": \"4:59:00\"}");
    eventually("/api/contests/demo/state",
               [](const std::string& b) { return !contains(b, "\"frozen\":null"); });
    std::string during = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);
    std::string j_during = judgement_of(during);
    for (const Who* w : {&kAnonymous, &kOwner, &kOther, &kJury, &kAdmin}) {
        expect(*w, "submissions", during, true, "frozen");
    }
    expect(kAnonymous, "judgements", j_during, false, "frozen");
    expect(kOther, "judgements", j_during, false, "frozen");
    expect(kOwner, "judgements", j_during, true, "frozen");
    expect(kJury, "judgements", j_during, true, "frozen");
    expect(kAdmin, "judgements", j_during, true, "frozen");
    // The freeze reaches back to minute 1, so it now hides the first judgement (minute 10) from the public
    // too, and from the other team alike.
    expect(kAnonymous, "judgements", j_before, false, "frozen");
    expect(kOther, "judgements", j_before, false, "frozen");
    expect(kOwner, "judgements", j_before, true, "frozen");
    // The public scoreboard does not count the frozen AC; the owner's team view is the public one too.
    EXPECT_FALSE(contains(get("/api/contests/demo/scoreboard").body, "\"num_solved\":1"));
    EXPECT_TRUE(contains(get("/api/contests/demo/scoreboard", "admin", "adminpw").body, "\"num_solved\":1"));

    // The thaw: everyone sees the judgement, in REST and (re-sent) in the feed.
    patch("{\"scoreboard_thaw_time\": \"" +
          format_time(std::chrono::floor<Millis>(std::chrono::system_clock::now())) + "\"}");
    eventually("/api/contests/demo/state",
               [](const std::string& b) { return !contains(b, "\"thawed\":null"); });
    for (const Who* w : {&kAnonymous, &kOwner, &kOther, &kJury, &kAdmin}) {
        expect(*w, "judgements", j_during, true, "thawed");
        expect(*w, "judgements", j_before, true, "thawed");
    }
    EXPECT_TRUE(contains(get("/api/contests/demo/scoreboard").body, "\"num_solved\":1"));
}

TEST_F(Visibility, RunsHiddenTeamsAndGroupsFollowOnePolicy) {
    start(std::chrono::minutes{10});
    // A hidden group and a hidden team, added through the store as an import would.
    db_->upsert_group({"demo", "secret-group", "Secret", true});
    store::Team hidden;
    hidden.contest_id = "demo";
    hidden.id = "t3";
    hidden.name = "Hidden";
    hidden.label = "3";
    hidden.display_name = "Hidden";
    hidden.hidden = true;
    db_->upsert_team(hidden);
    store::Account a;
    a.id = a.username = "team3";
    a.password_hash = hash_password("pw3");
    a.type = store::AccountType::Team;
    a.contest_id = "demo";
    a.team_id = "t3";
    a.name = "Hidden";
    db_->upsert_account(a);
    eventually(
        "/api/contests/demo/teams", [](const std::string& b) { return contains(b, "\"t3\""); }, "admin",
        "adminpw");
    const Who hidden_team{"team3", "team3", "pw3"};
    for (const Who* w : {&kAnonymous, &kOther}) {
        expect(*w, "teams", "t3", false, "hidden");
        expect(*w, "groups", "secret-group", false, "hidden");
    }
    expect(hidden_team, "teams", "t3", true, "own hidden team");
    for (const Who* w : {&kJury, &kAdmin}) {
        expect(*w, "teams", "t3", true, "hidden");
        expect(*w, "groups", "secret-group", true, "hidden");
    }

    // Runs: the owner sees its sample run only; nobody else but the jury sees any.
    std::string s = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::WA);
    auto all = eventually(
        "/api/contests/demo/runs", [](const std::string& b) { return contains(b, "secret/1"); }, "admin",
        "adminpw");
    auto runs = json::parse(all.body).as_array();
    ASSERT_EQ(runs.size(), 2u);
    std::string sample(runs[0].at("id").as_string()), secret(runs[1].at("id").as_string());
    expect(kOwner, "runs", sample, true, "sample run");
    expect(kOwner, "runs", secret, false, "secret run");
    for (const Who* w : {&kAnonymous, &kOther}) {
        expect(*w, "runs", sample, false, "sample run");
        expect(*w, "runs", secret, false, "secret run");
    }
    for (const Who* w : {&kJury, &kAdmin}) {
        expect(*w, "runs", sample, true, "sample run");
        expect(*w, "runs", secret, true, "secret run");
    }
}
