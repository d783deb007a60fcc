// The team page's "run on samples" queue (api/src/handlers/test_runs.hpp) with a stand-in for `khue judge`: a
// shell script that answers as `khue judge --samples-only --json` would, fails, or hangs. No sandbox needed;
// the real child is exercised by tests/browser/beginner.mjs.
#include "../../api/src/handlers/test_runs.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <chrono>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;
using khue::api::TestRuns;
using namespace std::chrono_literals;

namespace {

class TestRunsTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = tmp_.path(); }

    // A fake `khue` running `body` as a shell script; its arguments are written to args.txt.
    fs::path fake(const std::string& body) {
        auto path = dir_ / "khue";
        std::ofstream(path) << "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" << (dir_ / "args.txt").string() << "'\n"
                            << body << "\n";
        fs::permissions(path, fs::perms::owner_all);
        return path;
    }

    // Waits until the run is done or failed (at most 20 s) and returns its status.
    static json::object wait(TestRuns& runs, const std::string& id, const std::string& team) {
        for (int i = 0; i < 400; ++i) {
            auto s = runs.status(id, team, false);
            EXPECT_TRUE(s);
            if (!s) {
                return {};
            }
            auto state = std::string(s->at("state").as_string());
            if (state == "done" || state == "failed") {
                return s->as_object();
            }
            std::this_thread::sleep_for(50ms);
        }
        ADD_FAILURE() << "run " << id << " did not finish";
        return {};
    }

    khue::test::TempDir tmp_{"khue-test-runs"};
    fs::path dir_;
};

const char* kAnswer =
    R"(cat <<'EOF'
{"verdict":"WA","score":0,"compile":{"ok":true,"output":""},"tests":[{"name":"sample/1","group":"sample","verdict":"WA","cpu_time":0.01,"wall_time":0.02,"memory_kib":1024,"message":"differs","input":"1 2\n","expected":"3\n","output":"4\n","error_output":"","judge_only":"x"}]}
EOF)";

}  // namespace

TEST_F(TestRunsTest, RunsTheChildOnTheSamplesAndKeepsWhatTheTeamMaySee) {
    TestRuns runs(fake(kAnswer));
    auto started = runs.start("team1", "hello", dir_ / "package", "python3", "main.py", "print(4)\n", 2.5);
    ASSERT_EQ(started.status, 202u) << started.message;
    auto status = wait(runs, started.id, "team1");
    ASSERT_EQ(status.at("state").as_string(), "done") << json::serialize(status);
    const auto& result = status.at("result").as_object();
    EXPECT_EQ(result.at("verdict").as_string(), "WA");
    const auto& test = result.at("tests").as_array().at(0).as_object();
    EXPECT_EQ(test.at("output").as_string(), "4\n");
    EXPECT_EQ(test.at("expected").as_string(), "3\n");
    EXPECT_EQ(test.at("input").as_string(), "1 2\n");
    EXPECT_FALSE(test.contains("judge_only"));
    // The child is `khue judge PACKAGE SOURCE --language L --time-limit T --samples-only --json`, the source
    // named as given.
    std::ifstream in(dir_ / "args.txt");
    std::vector<std::string> args;
    for (std::string line; std::getline(in, line);) {
        args.push_back(line);
    }
    ASSERT_EQ(args.size(), 9u);
    EXPECT_EQ(args[0], "judge");
    EXPECT_EQ(args[1], (dir_ / "package").string());
    EXPECT_EQ(fs::path(args[2]).filename(), "main.py");
    EXPECT_EQ(args[3], "--language");
    EXPECT_EQ(args[4], "python3");
    EXPECT_EQ(args[5], "--time-limit");  // the contest's limit for the problem
    EXPECT_EQ(args[6], "2.5");
    EXPECT_EQ(args[7], "--samples-only");
    EXPECT_EQ(args[8], "--json");
    // The scratch folder with the source is gone.
    EXPECT_FALSE(fs::exists(fs::path(args[2]).parent_path()));
}

TEST_F(TestRunsTest, AnotherTeamCannotReadTheRunButTheJuryCan) {
    TestRuns runs(fake(kAnswer));
    auto started = runs.start("team1", "hello", dir_, "c", "main.c", "int main(){}");
    ASSERT_EQ(started.status, 202u);
    wait(runs, started.id, "team1");
    EXPECT_FALSE(runs.status(started.id, "team2", false));
    EXPECT_TRUE(runs.status(started.id, "jury", true));
    EXPECT_FALSE(runs.status("tr999", "team1", false));
}

TEST_F(TestRunsTest, OneRunAtATimePerTeamThenAFewAMinute) {
    TestRuns::Limits limits;
    limits.per_minute = 2;
    TestRuns runs(fake(std::string("sleep 1\n") + kAnswer), limits);
    auto first = runs.start("team1", "hello", dir_, "c", "main.c", "x");
    ASSERT_EQ(first.status, 202u);
    auto again = runs.start("team1", "hello", dir_, "c", "main.c", "x");
    EXPECT_EQ(again.status, 429u);
    EXPECT_GT(again.retry_after.count(), 0);
    EXPECT_NE(again.message.find("one at a time"), std::string::npos) << again.message;
    // Another team is not held up by team1.
    auto other = runs.start("team2", "hello", dir_, "c", "main.c", "x");
    EXPECT_EQ(other.status, 202u);
    wait(runs, first.id, "team1");
    auto second = runs.start("team1", "hello", dir_, "c", "main.c", "x");
    ASSERT_EQ(second.status, 202u);
    wait(runs, second.id, "team1");
    auto third = runs.start("team1", "hello", dir_, "c", "main.c", "x");
    EXPECT_EQ(third.status, 429u);
    EXPECT_GT(third.retry_after.count(), 0);
    EXPECT_LE(third.retry_after.count(), 60);
    EXPECT_NE(third.message.find("2 runs"), std::string::npos) << third.message;
    wait(runs, other.id, "team2");
}

TEST_F(TestRunsTest, BadInputIsReportedWithTheChildsMessage) {
    TestRuns runs(fake("echo \"khue judge: unknown language 'cobol'\" >&2\nexit 2"));
    auto started = runs.start("team1", "hello", dir_, "cobol", "main.cob", "x");
    ASSERT_EQ(started.status, 202u);
    auto status = wait(runs, started.id, "team1");
    EXPECT_EQ(status.at("state").as_string(), "failed");
    EXPECT_NE(std::string(status.at("message").as_string()).find("unknown language 'cobol'"),
              std::string::npos);
}

TEST_F(TestRunsTest, ASandboxFailureOrGarbageIsAFailureNotACrash) {
    TestRuns runs(fake("exit 3"));
    auto a = runs.start("team1", "hello", dir_, "c", "main.c", "x");
    auto status = wait(runs, a.id, "team1");
    EXPECT_EQ(status.at("state").as_string(), "failed");
    EXPECT_NE(std::string(status.at("message").as_string()).find("try again"), std::string::npos);

    TestRuns garbage(fake("echo '{not json'"));
    auto b = garbage.start("team1", "hello", dir_, "c", "main.c", "x");
    EXPECT_EQ(wait(garbage, b.id, "team1").at("state").as_string(), "failed");
}

TEST_F(TestRunsTest, AChildThatHangsIsKilledAtTheTimeout) {
    TestRuns::Limits limits;
    limits.timeout = 1s;
    TestRuns runs(fake("exec sleep 60"), limits);
    auto begin = std::chrono::steady_clock::now();
    auto started = runs.start("team1", "hello", dir_, "c", "main.c", "x");
    auto status = wait(runs, started.id, "team1");
    EXPECT_EQ(status.at("state").as_string(), "failed");
    EXPECT_NE(std::string(status.at("message").as_string()).find("longer than 1 s"), std::string::npos);
    EXPECT_LT(std::chrono::steady_clock::now() - begin, 15s);
}

TEST_F(TestRunsTest, AFullQueueIsRefusedWith503) {
    TestRuns::Limits limits;
    limits.workers = 1;
    limits.max_waiting = 1;
    TestRuns runs(fake(std::string("sleep 1\n") + kAnswer), limits);
    std::vector<std::string> ids;
    unsigned refused = 0;
    for (int team = 0; team < 4; ++team) {
        auto s = runs.start("team" + std::to_string(team), "hello", dir_, "c", "main.c", "x");
        if (s.status == 202) {
            ids.push_back(s.id);
        } else {
            EXPECT_EQ(s.status, 503u);
            ++refused;
        }
    }
    // One running and one waiting at most: of four at once, two at least are refused.
    EXPECT_GE(refused, 2u);
    EXPECT_LE(ids.size(), 2u);
}
