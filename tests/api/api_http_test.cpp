// The Contest API over real HTTP (the fixture is in api_server.hpp).
#include "api_server.hpp"

using namespace khue::test;

TEST_F(ApiServer, PublicEndpointsAnswerWithContestApiObjects) {
    start(std::chrono::minutes{10});
    auto info = get("/api");
    EXPECT_EQ(info.status, 200u);
    EXPECT_EQ(json::parse(info.body).at("version").as_string(), "2026-01");
    auto contests = json::parse(get("/api/contests").body).as_array();
    ASSERT_EQ(contests.size(), 1u);
    EXPECT_EQ(contests[0].at("penalty_time").as_string(), "0:20:00.000");
    auto state = json::parse(get("/api/contests/demo/state").body);
    EXPECT_TRUE(state.at("started").is_string());
    EXPECT_TRUE(state.at("frozen").is_null());
    auto problems = json::parse(get("/api/contests/demo/problems").body).as_array();
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].at("label").as_string(), "A");
    EXPECT_EQ(get("/api/contests/demo/problems/hello").status, 200u);
    EXPECT_EQ(get("/api/contests/demo/problems/nope").status, 404u);
    EXPECT_EQ(json::parse(get("/api/contests/demo/teams").body).as_array().size(), 2u);
    auto filtered = json::parse(get("/api/contests/demo/teams?group_id=school").body).as_array();
    ASSERT_EQ(filtered.size(), 1u);
    EXPECT_EQ(filtered[0].at("id").as_string(), "t1");
    EXPECT_EQ(json::parse(get("/api/contests/demo/groups").body).as_array().size(), 1u);
    EXPECT_EQ(get("/api/contests/demo/organizations").status, 200u);
    EXPECT_GE(json::parse(get("/api/contests/demo/judgement-types").body).as_array().size(), 8u);
    EXPECT_EQ(get("/api/contests/demo/judgement-types/AC").status, 200u);
    EXPECT_FALSE(json::parse(get("/api/contests/demo/languages").body).as_array().empty());
    EXPECT_EQ(get("/api/contests/demo/access").status, 200u);
    EXPECT_EQ(get("/api/contests/demo/awards").status, 200u);
    auto board = json::parse(get("/api/contests/demo/scoreboard").body);
    EXPECT_EQ(board.at("rows").as_array().size(), 2u);
    // A view that does not exist is an error naming it, not silently the default view.
    auto bad_view = get("/api/contests/demo/scoreboard?view=fozen");
    EXPECT_EQ(bad_view.status, 400u);
    EXPECT_NE(bad_view.body.find("'fozen'"), std::string::npos) << bad_view.body;
    auto bad_awards = get("/api/contests/demo/awards?view=finale");
    EXPECT_EQ(bad_awards.status, 400u);
    EXPECT_NE(bad_awards.body.find("'finale'"), std::string::npos) << bad_awards.body;
    auto error = get("/api/contests/nope");
    EXPECT_EQ(error.status, 404u);
    auto e = json::parse(error.body);
    EXPECT_EQ(e.at("code").as_int64(), 404);
    EXPECT_TRUE(e.at("message").is_string());
    EXPECT_EQ(get("/api/contests/demo/nothing-here").status, 404u);
}

TEST_F(ApiServer, RolesSeeOnlyWhatTheyMay) {
    start(std::chrono::minutes{10});
    EXPECT_EQ(get("/api/contests/demo/accounts").status, 401u);
    EXPECT_EQ(get("/api/contests/demo/accounts", "team1", "pw1").status, 403u);
    EXPECT_EQ(json::parse(get("/api/contests/demo/accounts", "admin", "adminpw").body).as_array().size(), 4u);
    auto account = json::parse(get("/api/contests/demo/account", "team1", "pw1").body);
    EXPECT_EQ(account.at("team_id").as_string(), "t1");
    EXPECT_FALSE(contains(json::serialize(account), "pbkdf2"));
    EXPECT_EQ(get("/api/contests/demo/account").status, 401u);
    EXPECT_EQ(get("/api/contests/demo/state", "team1", "wrong").status, 401u);
    EXPECT_EQ(get("/api/khue/status", "team1", "pw1").status, 403u);
    EXPECT_EQ(get("/api/khue/status", "admin", "adminpw").status, 200u);

    std::string s1 = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::WA);
    // team2 sees what the public sees of team1's submission and judgement (not frozen), but not its runs or
    // files.
    eventually(
        "/api/contests/demo/runs", [](const std::string& b) { return contains(b, "judgement_id"); }, "team1",
        "pw1");
    EXPECT_EQ(json::parse(get("/api/contests/demo/submissions", "team2", "pw2").body).as_array().size(), 1u);
    EXPECT_EQ(get("/api/contests/demo/submissions/" + s1, "team2", "pw2").status, 200u);
    EXPECT_EQ(json::parse(get("/api/contests/demo/judgements", "team2", "pw2").body).as_array().size(), 1u);
    EXPECT_EQ(json::parse(get("/api/contests/demo/runs", "team2", "pw2").body).as_array().size(), 0u);
    EXPECT_EQ(get("/api/contests/demo/submissions/" + s1 + "/files", "team2", "pw2").status, 403u);
    EXPECT_EQ(get("/api/contests/demo/submissions/" + s1 + "/files").status, 401u);
    // team1 and the admin do.
    auto files = get("/api/contests/demo/submissions/" + s1 + "/files", "team1", "pw1");
    EXPECT_EQ(files.status, 200u);
    EXPECT_EQ(files.content_type, "application/zip");
    EXPECT_TRUE(files.body.starts_with("PK"));
    // team1 sees the run of the sample only (as DOMjudge shows it), named; the admin sees both.
    auto team_runs = json::parse(get("/api/contests/demo/runs", "team1", "pw1").body).as_array();
    ASSERT_EQ(team_runs.size(), 1u);
    EXPECT_EQ(team_runs[0].at("test_name").as_string(), "sample/1");
    auto admin_runs = json::parse(get("/api/contests/demo/runs", "admin", "adminpw").body).as_array();
    ASSERT_EQ(admin_runs.size(), 2u);
    EXPECT_EQ(admin_runs[1].at("test_name").as_string(), "secret/1");
    EXPECT_EQ(admin_runs[1].at("judgement_type_id").as_string(), "WA");
    // The public sees the judgement (not frozen) but no runs.
    EXPECT_EQ(json::parse(get("/api/contests/demo/runs").body).as_array().size(), 0u);
    EXPECT_EQ(json::parse(get("/api/contests/demo/judgements").body).as_array().size(), 1u);
    // The team's feed holds its own runs; another team's feed does not.
    auto feed1 = get("/api/contests/demo/event-feed?stream=false", "team1", "pw1").body;
    auto feed2 = get("/api/contests/demo/event-feed?stream=false", "team2", "pw2").body;
    EXPECT_TRUE(contains(feed1, "\"type\":\"runs\""));
    // ...of the sample only: the secret case's name and result stay with the jury, in the feed as in REST.
    EXPECT_TRUE(contains(feed1, "sample/1"));
    EXPECT_FALSE(contains(feed1, "secret/1"));
    EXPECT_TRUE(
        contains(get("/api/contests/demo/event-feed?stream=false", "admin", "adminpw").body, "secret/1"));
    EXPECT_FALSE(contains(feed2, "\"type\":\"runs\""));
    EXPECT_TRUE(contains(feed2, "\"type\":\"submissions\""));  // as the public's feed does
}

TEST_F(ApiServer, SubmissionIsStoredAndScored) {
    start(std::chrono::minutes{10});
    auto created = submit("team1", "pw1", submission_json("hello", "c", zip_of("hello.c", kHello)));
    ASSERT_EQ(created.status, 201u) << created.body;
    auto sub = json::parse(created.body);
    EXPECT_EQ(created.location, "/api/contests/demo/submissions/" + std::string(sub.at("id").as_string()));
    EXPECT_EQ(sub.at("team_id").as_string(), "t1");
    EXPECT_EQ(sub.at("files").as_array()[0].at("href").as_string(),
              "contests/demo/submissions/" + std::string(sub.at("id").as_string()) + "/files");
    eventually("/api/contests/demo/scoreboard",
               [](const std::string& b) { return contains(b, "\"num_pending\":1"); });
    judge_next(khue::judge::Verdict::AC);
    auto board = eventually("/api/contests/demo/scoreboard",
                            [](const std::string& b) { return contains(b, "\"num_solved\":1"); });
    auto rows = json::parse(board.body).at("rows").as_array();
    EXPECT_EQ(rows[0].at("team_id").as_string(), "t1");
    EXPECT_EQ(rows[0].at("rank").as_int64(), 1);
    EXPECT_EQ(rows[0].at("score").at("total_time").as_string(), "0:10:00.000");
    EXPECT_TRUE(rows[0].at("problems").as_array()[0].at("first_to_solve").as_bool());
    EXPECT_EQ(rows[1].at("rank").as_int64(), 2);
    // The server writes the awards to the log right after the verdict; /awards serves what the log says.
    auto awards = eventually("/api/contests/demo/awards", [](const std::string& b) {
                      return contains(b, "first-to-solve-hello");
                  }).body;
    EXPECT_TRUE(contains(awards, "winner"));
    // The group filter ranks within the group.
    auto school = json::parse(get("/api/contests/demo/scoreboard?group_id=school").body);
    EXPECT_EQ(school.at("rows").as_array().size(), 1u);
    // A form upload from the web page works the same.
    std::string boundary = "XyZ";
    std::string form =
        "--XyZ\r\nContent-Disposition: form-data; name=\"problem_id\"\r\n\r\nhello\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"language_id\"\r\n\r\nc\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"code\"; filename=\"a.c\"\r\n"
        "Content-Type: text/plain\r\n\r\n" +
        kHello + "\r\n--XyZ--\r\n";
    auto r = http_call(port_, "POST", "/api/contests/demo/submissions", form,
                       "multipart/form-data; boundary=XyZ", "team1", "pw1");
    EXPECT_EQ(r.status, 201u) << r.body;
}

TEST_F(ApiServer, BadSubmissionsGetClearClientErrors) {
    start(std::chrono::minutes{10});
    std::string zip = zip_of("hello.c", kHello);
    auto expect = [&](unsigned status, const HttpResult& r, const std::string& words) {
        EXPECT_EQ(r.status, status) << r.body;
        EXPECT_TRUE(contains(r.body, words)) << r.body;
        EXPECT_TRUE(json::parse(r.body).as_object().contains("code"));
    };
    expect(401, submit("", "", submission_json("hello", "c", zip)), "log in");
    expect(400, submit("team1", "pw1", submission_json("nope", "c", zip)), "unknown problem");
    expect(400, submit("team1", "pw1", submission_json("hello", "cobol", zip)), "unknown language");
    expect(400, submit("team1", "pw1", submission_json("hello", "c", "not a zip at all")), "zip");
    expect(400,
           submit("team1", "pw1",
                  "{\"problem_id\": \"hello\", \"language_id\": \"c\", \"files\": "
                  "[{\"data\": \"@@@\"}]}"),
           "base64");
    expect(400, submit("team1", "pw1", "{not json"), "JSON");
    expect(400, submit("team1", "pw1", "{\"problem_id\": \"hello\", \"language_id\": \"c\"}"), "files");
    expect(400, http_call(port_, "POST", "/api/contests/demo/submissions", "x", "text/plain", "team1", "pw1"),
           "application/json");
    auto as_other = json::parse(submission_json("hello", "c", zip)).as_object();
    as_other["team_id"] = "t2";
    expect(403, submit("team1", "pw1", json::serialize(as_other)), "itself");
    expect(400, submit("admin", "adminpw", submission_json("hello", "c", zip)), "team_id");
    // Over the problem's code limit (128 KiB for hello): the archive expands past it.
    std::string big(200 * 1024, 'x');
    auto over = submit("team1", "pw1", submission_json("hello", "c", zip_of("big.c", big)));
    EXPECT_TRUE(over.status == 400u || over.status == 413u) << over.status << over.body;
    // Body over the server's limit (512 KiB here).
    auto huge = submit("team1", "pw1", std::string(600 * 1024, ' '));
    EXPECT_EQ(huge.status, 413u);
    // A traversal attempt inside the zip.
    TempDir tmp("khue-evil");
    khue::judge::write_zip(tmp / "evil.zip", {{"../evil.c", kHello, false}});
    std::ifstream in(tmp / "evil.zip", std::ios::binary);
    std::string evil{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    expect(400, submit("team1", "pw1", submission_json("hello", "c", evil)), "zip");
    EXPECT_EQ(json::parse(get("/api/contests/demo/submissions", "admin", "adminpw").body).as_array().size(),
              0u);
}

TEST_F(ApiServer, TeamsSubmittingTooFastAreToldToWait) {
    start(std::chrono::minutes{10}, 2);
    submit_ok("team1", "pw1");
    submit_ok("team1", "pw1");
    auto r = submit("team1", "pw1", submission_json("hello", "c", zip_of("hello.c", kHello)));
    EXPECT_EQ(r.status, 429u) << r.body;
    EXPECT_FALSE(r.retry_after.empty());
    submit_ok("team2", "pw2");  // buckets are per team
}

TEST_F(ApiServer, NoSubmissionsOutsideTheContest) {
    start(std::chrono::minutes{-30});  // starts in 30 minutes
    auto r = submit("team1", "pw1", submission_json("hello", "c", zip_of("hello.c", kHello)));
    EXPECT_EQ(r.status, 403u);
    EXPECT_TRUE(contains(r.body, "not running"));
    // Problems stay secret before the start, except to the jury.
    EXPECT_EQ(json::parse(get("/api/contests/demo/problems").body).as_array().size(), 0u);
    EXPECT_EQ(json::parse(get("/api/contests/demo/problems", "admin", "adminpw").body).as_array().size(), 1u);
    EXPECT_FALSE(contains(get("/api/contests/demo/event-feed?stream=false").body, "\"type\":\"problems\""));
}

TEST_F(ApiServer, FreezeHidesResultsFromThePublicUntilTheAdminThaws) {
    start(std::chrono::minutes{4 * 60 + 30});  // inside the last hour
    std::string s1 = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);
    eventually(
        "/api/contests/demo/scoreboard", [](const std::string& b) { return contains(b, "\"num_solved\":1"); },
        "admin", "adminpw");
    auto pub = json::parse(get("/api/contests/demo/scoreboard").body);
    auto cell = pub.at("rows").as_array()[0].at("problems").as_array()[0];
    EXPECT_EQ(json::parse(get("/api/contests/demo/state").body).at("frozen").is_string(), true);
    EXPECT_FALSE(contains(json::serialize(pub), "\"num_solved\":1"));
    EXPECT_TRUE(contains(json::serialize(pub), "\"num_pending\":1"));
    EXPECT_EQ(json::parse(get("/api/contests/demo/judgements").body).as_array().size(), 0u);
    EXPECT_EQ(json::parse(get("/api/contests/demo/judgements", "team1", "pw1").body).as_array().size(), 1u);
    // Only an admin may thaw.
    std::string thaw = "{\"id\": \"demo\", \"scoreboard_thaw_time\": \"2000-01-01T00:00:00Z\"}";
    EXPECT_EQ(
        http_call(port_, "PATCH", "/api/contests/demo", thaw, "application/json", "team1", "pw1").status,
        403u);
    EXPECT_EQ(http_call(port_, "PATCH", "/api/contests/demo", thaw, "application/json").status, 401u);
    EXPECT_EQ(http_call(port_, "PATCH", "/api/contests/demo", "{\"name\": \"x\"}", "application/json",
                        "admin", "adminpw")
                  .status,
              400u);
    EXPECT_EQ(http_call(port_, "PATCH", "/api/contests/demo", "{\"start_time\": null}", "application/json",
                        "admin", "adminpw")
                  .status,
              409u);
    auto patched =
        http_call(port_, "PATCH", "/api/contests/demo", thaw, "application/json", "admin", "adminpw");
    EXPECT_EQ(patched.status, 200u) << patched.body;
    eventually("/api/contests/demo/scoreboard",
               [](const std::string& b) { return contains(b, "\"num_solved\":1"); });
    EXPECT_EQ(json::parse(get("/api/contests/demo/judgements").body).as_array().size(), 1u);
    eventually("/api/contests/demo/state",
               [](const std::string& b) { return !contains(b, "\"thawed\":null"); });
}

TEST_F(ApiServer, EventFeedStreamsAndResumesFromAToken) {
    start(std::chrono::minutes{10});
    auto all = get("/api/contests/demo/event-feed?stream=false");
    EXPECT_EQ(all.status, 200u);
    EXPECT_EQ(all.content_type, "application/x-ndjson");
    std::vector<json::value> events;
    std::istringstream lines(all.body);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) {
            events.push_back(json::parse(line));
        }
    }
    ASSERT_GE(events.size(), 4u);
    EXPECT_EQ(events[0].at("type").as_string(), "contest");
    std::string token = std::string(events.back().at("token").as_string());
    EXPECT_EQ(get("/api/contests/demo/event-feed?since_token=abc").status, 400u);

    // A live stream: the submission made after connecting arrives on the open connection.
    namespace net = boost::asio;
    net::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    std::string request =
        "GET /api/contests/demo/event-feed?since_token=" + token + " HTTP/1.1\r\nHost: x\r\n\r\n";
    net::write(stream.socket(), net::buffer(request));
    std::string sub = submit_ok("team1", "pw1");
    std::string received;
    char buffer[4096];
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!contains(received, "\"type\":\"submissions\"") && std::chrono::steady_clock::now() < deadline) {
        stream.expires_after(std::chrono::seconds{10});
        boost::beast::error_code ec;
        std::size_t n = stream.read_some(net::buffer(buffer), ec);
        if (ec) {
            break;
        }
        received.append(buffer, n);
    }
    EXPECT_TRUE(contains(received, "Transfer-Encoding: chunked"));
    EXPECT_TRUE(contains(received, "\"type\":\"submissions\",\"id\":\"" + sub + "\""));
    EXPECT_FALSE(contains(received, "\"type\":\"contest\""));  // nothing before the token again

    // Resuming from the token gives exactly what came after it.
    auto resumed = get("/api/contests/demo/event-feed?stream=false&since_token=" + token);
    EXPECT_TRUE(contains(resumed.body, "\"type\":\"submissions\""));
    EXPECT_FALSE(contains(resumed.body, "\"type\":\"contest\""));
    auto typed = get("/api/contests/demo/event-feed?stream=false&types=teams");
    EXPECT_TRUE(contains(typed.body, "\"type\":\"teams\""));
    EXPECT_FALSE(contains(typed.body, "\"type\":\"contest\""));
}

TEST_F(ApiServer, AdminAddsTeamsAndRejudges) {
    start(std::chrono::minutes{10});
    std::string team =
        "{\"id\": \"t3\", \"name\": \"Charlie\", \"group_ids\": [\"school\"], \"password\": \"pw3\"}";
    EXPECT_EQ(
        http_call(port_, "POST", "/api/contests/demo/teams", team, "application/json", "team1", "pw1").status,
        403u);
    auto added =
        http_call(port_, "POST", "/api/contests/demo/teams", team, "application/json", "admin", "adminpw");
    EXPECT_EQ(added.status, 201u) << added.body;
    EXPECT_EQ(
        http_call(port_, "POST", "/api/contests/demo/teams", team, "application/json", "admin", "adminpw")
            .status,
        409u);
    EXPECT_EQ(http_call(port_, "POST", "/api/contests/demo/teams",
                        "{\"id\": \"t4\", \"name\": \"D\", \"group_ids\": "
                        "[\"mars\"]}",
                        "application/json", "admin", "adminpw")
                  .status,
              400u);
    submit_ok("t3", "pw3");  // the new team logs in (username = team id) and submits
    eventually("/api/contests/demo/scoreboard",
               [](const std::string& b) { return contains(b, "\"team_id\":\"t3\""); });
    judge_next(khue::judge::Verdict::WA);
    auto rejudge =
        http_call(port_, "POST", "/api/contests/demo/rejudgings", "{\"team_id\": \"t3\", \"apply\": true}",
                  "application/json", "admin", "adminpw");
    EXPECT_EQ(rejudge.status, 201u) << rejudge.body;
    EXPECT_EQ(json::parse(rejudge.body).at("submission_count").as_int64(), 1);
    EXPECT_EQ(http_call(port_, "POST", "/api/contests/demo/rejudgings", "{}", "application/json", "admin",
                        "adminpw")
                  .status,
              400u);
}

TEST_F(ApiServer, AdminUploadsAProblemPackage) {
    start(std::chrono::minutes{10});
    TempDir tmp("khue-upload");
    khue::judge::zip_directory(fs::path(KHUE_SOURCE_DIR) / "problems" / "hello", tmp / "hello.zip");
    std::ifstream in(tmp / "hello.zip", std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(http_call(port_, "POST", "/api/contests/demo/problems?id=second", bytes, "application/zip",
                        "team1", "pw1")
                  .status,
              403u);
    auto bad = http_call(port_, "POST", "/api/contests/demo/problems?id=broken", "PK not really",
                         "application/zip", "admin", "adminpw");
    EXPECT_EQ(bad.status, 400u) << bad.body;
    std::string form =
        "--b\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"second.zip\"\r\n"
        "Content-Type: application/zip\r\n\r\n" +
        bytes + "\r\n--b--\r\n";
    auto added = http_call(port_, "POST", "/api/contests/demo/problems", form,
                           "multipart/form-data; boundary=b", "admin", "adminpw");
    ASSERT_EQ(added.status, 201u) << added.body;
    auto problem = json::parse(added.body);
    EXPECT_EQ(problem.at("id").as_string(), "second");
    EXPECT_EQ(problem.at("label").as_string(), "B");
    eventually("/api/contests/demo/scoreboard",
               [](const std::string& b) { return contains(b, "\"problem_id\":\"second\""); });
    EXPECT_EQ(json::parse(get("/api/contests/demo/problems").body).as_array().size(), 2u);
}

TEST_F(ApiServer, WebPagesAreServedWithoutTraversal) {
    start(std::chrono::minutes{10});
    auto index = get("/");
    EXPECT_EQ(index.status, 200u);
    EXPECT_TRUE(index.content_type.starts_with("text/html"));
    EXPECT_EQ(get("/team").status, 200u);
    EXPECT_EQ(get("/admin").status, 200u);
    auto css = get("/static/style.css");
    EXPECT_EQ(css.status, 200u);
    EXPECT_TRUE(css.content_type.starts_with("text/css"));
    EXPECT_EQ(get("/static/../CMakeLists.txt").status, 404u);
    EXPECT_EQ(get("/static/%2e%2e/CMakeLists.txt").status, 404u);
    EXPECT_EQ(get("/static/..%2fCMakeLists.txt").status, 404u);
    EXPECT_EQ(get("/static/%00").status, 400u);
    EXPECT_EQ(get("/nothing").status, 404u);
    EXPECT_EQ(http_call(port_, "DELETE", "/").status, 405u);
}

TEST_F(ApiServer, MalformedHttpIsRefused) {
    start(std::chrono::minutes{10});
    auto big_header = http_call(port_, "GET", "/api", {}, {}, {}, {}, {{"X-Big", std::string(20000, 'a')}});
    EXPECT_EQ(big_header.status, 431u);
    EXPECT_EQ(get("/api/contests/demo/scoreboard", "", "").status, 200u);
    auto bad_auth = http_call(port_, "GET", "/api", {}, {}, {}, {}, {{"Authorization", "Basic !!!"}});
    EXPECT_EQ(bad_auth.status, 401u);
    auto bearer = http_call(port_, "GET", "/api", {}, {}, {}, {}, {{"Authorization", "Bearer x"}});
    EXPECT_EQ(bearer.status, 401u);
    auto metrics = get("/metrics");
    EXPECT_EQ(metrics.status, 200u);
    EXPECT_TRUE(contains(metrics.body, "khue_http_requests_total{status=\"431\"} 1"));
    EXPECT_TRUE(contains(metrics.body, "khue_queue_depth{priority=\"live\"}"));
    EXPECT_TRUE(contains(metrics.body, "khue_judging_latency_seconds_bucket"));
}

TEST_F(ApiServer, CompileOutputGoesToTheSubmittingTeamAndTheJuryOnly) {
    start(std::chrono::minutes{10});
    std::string s1 = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::CE, "hello.c:1:5: error: expected ';' before '}' token");
    auto own = eventually(
        "/api/contests/demo/judgements?submission_id=" + s1,
        [](const std::string& b) { return contains(b, "\"CE\""); }, "team1", "pw1");
    auto judgements = json::parse(own.body).as_array();
    ASSERT_EQ(judgements.size(), 1u);
    EXPECT_EQ(judgements[0].at("compile_output").as_string(),
              "hello.c:1:5: error: expected ';' before '}' token");
    auto admin = json::parse(get("/api/contests/demo/judgements", "admin", "adminpw").body).as_array();
    ASSERT_EQ(admin.size(), 1u);
    EXPECT_TRUE(admin[0].as_object().contains("compile_output"));
    // The public sees the verdict (not frozen) but not the compiler's messages; so does team2, which sees
    // at least what the public sees.
    auto pub = get("/api/contests/demo/judgements");
    EXPECT_TRUE(contains(pub.body, "\"CE\""));
    EXPECT_FALSE(contains(pub.body, "compile_output"));
    EXPECT_FALSE(contains(pub.body, "expected ';'"));
    auto other = get("/api/contests/demo/judgements", "team2", "pw2");
    EXPECT_EQ(json::parse(other.body).as_array().size(), 1u);
    EXPECT_FALSE(contains(other.body, "compile_output"));
    EXPECT_FALSE(
        contains(get("/api/contests/demo/event-feed?stream=false", "team2", "pw2").body, "expected ';'"));
    EXPECT_FALSE(contains(get("/api/contests/demo/event-feed?stream=false").body, "expected ';'"));
}

TEST_F(ApiServer, StatementAndSamplesFollowProblemVisibility) {
    start(std::chrono::minutes{-10});  // starts in 10 minutes
    EXPECT_EQ(get("/api/contests/demo/problems/hello/statement").status, 404u);
    EXPECT_EQ(get("/api/contests/demo/problems/hello/samples", "team1", "pw1").status, 404u);
    auto early = get("/api/contests/demo/problems/hello/samples", "admin", "adminpw");
    EXPECT_EQ(early.status, 200u) << early.body;

    auto problems = json::parse(get("/api/contests/demo/problems", "admin", "adminpw").body).as_array();
    ASSERT_EQ(problems.size(), 1u);
    const auto& ref = problems[0].at("statement").as_array().at(0).as_object();
    EXPECT_EQ(ref.at("href").as_string(), "contests/demo/problems/hello/statement");
    EXPECT_EQ(ref.at("mime").as_string(), "text/markdown; charset=utf-8");
    EXPECT_EQ(ref.at("filename").as_string(), "problem.en.md");

    auto statement = get("/api/contests/demo/problems/hello/statement", "admin", "adminpw");
    EXPECT_EQ(statement.status, 200u);
    EXPECT_EQ(statement.content_type, "text/markdown; charset=utf-8");
    std::ifstream en(fs::path(KHUE_SOURCE_DIR) / "problems" / "hello" / "statement" / "problem.en.md");
    std::string want{std::istreambuf_iterator<char>(en), std::istreambuf_iterator<char>()};
    EXPECT_EQ(statement.body, want);

    auto samples = json::parse(early.body).as_array();
    ASSERT_EQ(samples.size(), 2u);
    EXPECT_EQ(samples[0].at("name").as_string(), "sample/1");
    std::ifstream in1(fs::path(KHUE_SOURCE_DIR) / "problems" / "hello" / "data" / "sample" / "1.in");
    std::string input1{std::istreambuf_iterator<char>(in1), std::istreambuf_iterator<char>()};
    EXPECT_EQ(samples[0].at("input").as_string(), input1);
    EXPECT_FALSE(samples[0].at("output").as_string().empty());
    EXPECT_FALSE(samples[0].as_object().contains("interaction"));
    EXPECT_FALSE(contains(early.body, "secret"));
    EXPECT_EQ(get("/api/contests/demo/problems/nope/samples", "admin", "adminpw").status, 404u);
    EXPECT_EQ(get("/api/contests/demo/problems/hello/tests", "admin", "adminpw").status, 404u);
}

TEST_F(ApiServer, StatementAndSamplesArePublicOnceStarted) {
    start(std::chrono::minutes{10});
    auto problems = json::parse(get("/api/contests/demo/problems").body).as_array();
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_TRUE(problems[0].as_object().contains("statement"));
    EXPECT_EQ(get("/api/contests/demo/problems/hello/statement").status, 200u);
    auto samples = get("/api/contests/demo/problems/hello/samples", "team2", "pw2");
    EXPECT_EQ(samples.status, 200u);
    EXPECT_EQ(json::parse(samples.body).as_array().size(), 2u);
}

// Compiler option injection: a source named like an option (`-E.c`) would reach gcc as a flag. Refused at
// submission with the name and the reason, in a form upload and inside a zip.
TEST_F(ApiServer, SourceFilesNamedLikeOptionsAreRefused) {
    start(std::chrono::minutes{10});
    for (const char* name : {"-E.c", "-specs=x.c", "src/--help.c"}) {
        auto r = submit("team1", "pw1", submission_json("hello", "c", zip_of(name, kHello)));
        EXPECT_EQ(r.status, 400u) << name << ": " << r.body;
        EXPECT_TRUE(contains(r.body, "option")) << r.body;
    }
    std::string form =
        "--b\r\nContent-Disposition: form-data; name=\"problem_id\"\r\n\r\nhello\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"language_id\"\r\n\r\nc\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"code\"; filename=\"-E.c\"\r\n\r\n" +
        kHello + "\r\n--b--\r\n";
    auto r = http_call(port_, "POST", "/api/contests/demo/submissions", form,
                       "multipart/form-data; boundary=b", "team1", "pw1");
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_TRUE(contains(r.body, "-E.c")) << r.body;
    EXPECT_EQ(json::parse(get("/api/contests/demo/submissions", "admin", "adminpw").body).as_array().size(),
              0u);
}

// Failed logins cost a PBKDF2 each: they are throttled per account (429 + Retry-After), briefly, and
// credentials already verified keep working meanwhile.
TEST_F(ApiServer, FailedLoginsAreThrottledPerAccountBriefly) {
    start(std::chrono::minutes{10});
    EXPECT_EQ(get("/api/contests/demo", "team2", "pw2").status, 200u);  // team2 logged in before the attack
    unsigned last = 0;
    std::string retry_after;
    for (int i = 0; i < 12; ++i) {
        auto r = get("/api/contests/demo", "team1", "wrong" + std::to_string(i));
        last = r.status;
        retry_after = r.retry_after;
    }
    EXPECT_EQ(last, 429u) << "the account's failures are throttled";
    ASSERT_FALSE(retry_after.empty());
    const int wait = std::stoi(retry_after);
    EXPECT_GE(wait, 1);
    EXPECT_LE(wait, 5) << "a lockout is short";
    // While team1 is throttled, even its right password waits (no PBKDF2 is spent on it) ...
    EXPECT_EQ(get("/api/contests/demo", "team1", "pw1").status, 429u);
    // ... team2 is not affected ...
    for (int i = 0; i < 12; ++i) {
        get("/api/contests/demo", "team2", "wrong" + std::to_string(i));
    }
    EXPECT_EQ(get("/api/contests/demo", "team2", "pw2").status, 200u)
        << "verified credentials are never throttled";
    // ... and once the Retry-After has passed, team1 logs in.
    std::this_thread::sleep_for(std::chrono::seconds(wait));
    EXPECT_EQ(get("/api/contests/demo", "team1", "pw1").status, 200u);
}

TEST_F(ApiServer, FailedLoginsAreThrottledPerAddress) {
    start(std::chrono::minutes{10});
    unsigned last = 0;
    for (int i = 0; i < 40; ++i) {
        last = get("/api/contests/demo", "nobody" + std::to_string(i), "x").status;
    }
    EXPECT_EQ(last, 429u) << "many accounts guessed from one address";
    auto r = get("/api/contests/demo", "admin", "wrong");
    EXPECT_EQ(r.status, 429u);
    EXPECT_FALSE(r.retry_after.empty());
}
