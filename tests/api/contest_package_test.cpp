#include "khue/api/contest.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace khue::api;

namespace {

class ContestFolder : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ = tmp_.path();
        fs::create_directories(root_ / "problems" / "hello");
        write("problems/hello/problem.yaml", "name: Hello\n");
        fs::create_directories(root_ / "sum");
        write("sum/problem.yaml", "name: Sum\n");
        write("contest.yaml",
              "id: week2025\nname: Week\nstart_time: 2025-10-04T08:30:00+07:00\n"
              "duration: 4:00:00\nscoreboard_freeze_duration: 0:30:00\n"
              "scoreboard_type: pass-fail\npenalty_time: 0:20:00\n");
        write("problems.yaml", "- id: hello\n  label: A\n  rgb: '#ff0000'\n- id: sum\n  label: B\n");
        write("organizations.json", R"([{"id": "hust", "name": "HUST", "country": "VNM"}])");
        write("groups.json", R"([{"id": "school", "name": "Schools"}])");
        write("teams.json",
              R"([{"id": "t1", "name": "Team One", "organization_id": "hust", "group_ids": ["school"]},
                  {"id": "t2", "name": "Team Two"}])");
        write("accounts.yaml",
              "- username: team1\n  password: secret\n  type: team\n  team_id: t1\n"
              "- username: admin\n  password: adm\n  type: admin\n");
    }
    void write(const std::string& rel, const std::string& text) { std::ofstream(root_ / rel) << text; }
    // Loads the folder expecting failure; returns the error so tests can check file and field.
    ContestPackageError failure() {
        try {
            load_contest_package(root_);
        } catch (const ContestPackageError& e) {
            return e;
        }
        ADD_FAILURE() << "the folder loaded although it is broken";
        return ContestPackageError("", "", "");
    }
    khue::test::TempDir tmp_{"khue-contest"};
    fs::path root_;
};

}  // namespace

TEST_F(ContestFolder, LoadsEveryFileOfAGoodFolder) {
    ContestPackage pkg = load_contest_package(root_);
    EXPECT_EQ(pkg.contest.id, "week2025");
    ASSERT_TRUE(pkg.contest.start_time);
    EXPECT_EQ(format_time(*pkg.contest.start_time), "2025-10-04T01:30:00.000+00:00");
    EXPECT_EQ(pkg.contest.zone, std::chrono::minutes{420});
    EXPECT_EQ(pkg.contest.duration, std::chrono::hours{4});
    EXPECT_EQ(pkg.contest.scoreboard_freeze_duration, std::chrono::minutes{30});
    EXPECT_EQ(pkg.contest.penalty_time, std::chrono::minutes{20});
    ASSERT_EQ(pkg.problems.size(), 2u);
    EXPECT_EQ(pkg.problems[0].package, root_ / "problems" / "hello");
    EXPECT_EQ(pkg.problems[1].package, root_ / "sum");
    EXPECT_EQ(pkg.problems[1].ordinal, 1);
    EXPECT_EQ(pkg.problems[0].rgb, "#ff0000");
    ASSERT_EQ(pkg.teams.size(), 2u);
    EXPECT_EQ(pkg.teams[0].group_ids, std::vector<std::string>{"school"});
    EXPECT_EQ(pkg.teams[1].display_name, "Team Two");
    ASSERT_EQ(pkg.accounts.size(), 2u);
    EXPECT_EQ(pkg.accounts[1].type, AccountType::Admin);
}

TEST_F(ContestFolder, AcceptsPenaltyTimeInWholeMinutes) {
    write("contest.yaml", "id: c\nname: C\nduration: 5:00:00\npenalty_time: 15\n");
    EXPECT_EQ(load_contest_package(root_).contest.penalty_time, std::chrono::minutes{15});
}

TEST_F(ContestFolder, MissingContestFileIsNamed) {
    fs::remove(root_ / "contest.yaml");
    EXPECT_EQ(failure().file(), "contest.yaml");
}

TEST_F(ContestFolder, BadStartTimeNamesFileAndField) {
    write("contest.yaml", "id: c\nname: C\nstart_time: tomorrow\nduration: 5:00:00\n");
    auto e = failure();
    EXPECT_EQ(e.file(), "contest.yaml");
    EXPECT_EQ(e.field(), "start_time");
    EXPECT_NE(std::string(e.what()).find("tomorrow"), std::string::npos);
}

TEST_F(ContestFolder, BadDurationAndScoreboardTypeAreNamed) {
    write("contest.yaml", "id: c\nname: C\nduration: 5 hours\n");
    EXPECT_EQ(failure().field(), "duration");
    write("contest.yaml", "id: c\nname: C\nduration: 5:00:00\nscoreboard_type: ioi\n");
    EXPECT_EQ(failure().field(), "scoreboard_type");
    write("contest.yaml", "id: c\nname: C\nduration: 1:00:00\nscoreboard_freeze_duration: 2:00:00\n");
    EXPECT_EQ(failure().field(), "scoreboard_freeze_duration");
    write("contest.yaml", "id: c\nname: C\nduration: 1:00:00\npenalty_time: twenty\n");
    EXPECT_EQ(failure().field(), "penalty_time");
}

TEST_F(ContestFolder, ProblemWithoutPackageNamesItsEntry) {
    write("problems.yaml", "- id: hello\n  label: A\n- id: ghost\n  label: B\n");
    auto e = failure();
    EXPECT_EQ(e.file(), "problems.yaml");
    EXPECT_EQ(e.field(), "problems[1].id");
    EXPECT_NE(std::string(e.what()).find("ghost"), std::string::npos);
}

TEST_F(ContestFolder, DuplicateLabelsAndBadIdsAreRejected) {
    write("problems.yaml", "- id: hello\n  label: A\n- id: sum\n  label: A\n");
    EXPECT_EQ(failure().field(), "problems[1].label");
    write("problems.yaml", "- id: 'hello world'\n");
    EXPECT_EQ(failure().field(), "problems[0].id");
}

TEST_F(ContestFolder, UnparsableJsonNamesTheFile) {
    write("teams.json", "[{\"id\": \"t1\", ");
    EXPECT_EQ(failure().file(), "teams.json");
}

TEST_F(ContestFolder, TeamReferencesAreChecked) {
    write("teams.json", R"([{"id": "t1", "name": "One", "organization_id": "nowhere"}])");
    auto e = failure();
    EXPECT_EQ(e.file(), "teams.json");
    EXPECT_EQ(e.field(), "teams[0].organization_id");
    write("teams.json", R"([{"id": "t1", "name": "One", "group_ids": ["school", "mars"]}])");
    EXPECT_EQ(failure().field(), "teams[0].group_ids[1]");
    write("teams.json", R"([{"id": "t1", "name": "One"}, {"id": "t1", "name": "Again"}])");
    EXPECT_EQ(failure().field(), "teams[1].id");
}

TEST_F(ContestFolder, AccountsAreValidated) {
    write("accounts.yaml", "- username: x\n  password: p\n  type: team\n  team_id: t9\n");
    EXPECT_EQ(failure().field(), "accounts[0].team_id");
    write("accounts.yaml", "- username: x\n  password: p\n  type: superuser\n");
    EXPECT_EQ(failure().field(), "accounts[0].type");
    write("accounts.yaml", "- username: x\n  password: \"\"\n  type: admin\n");
    EXPECT_EQ(failure().field(), "accounts[0].password");
    // No password at all (an export never carries one) is an account that stays locked until one is given.
    write("accounts.yaml", "- username: x\n  type: admin\n");
    EXPECT_TRUE(load_contest_package(root_).accounts.at(0).password.empty());
    write("accounts.yaml", "- username: x\n  password: p\n  type: team\n");
    EXPECT_EQ(failure().field(), "accounts[0].team_id");
}

TEST_F(ContestFolder, TwoVariantsOfOneFileAreAmbiguous) {
    write("teams.yaml", "- id: t1\n  name: One\n");
    std::string message = failure().what();
    EXPECT_NE(message.find("teams.yaml"), std::string::npos) << message;
    EXPECT_NE(message.find("teams.json"), std::string::npos) << message;
}

TEST(ContestTime, ParsesAndPrintsTimeAndReltime) {
    auto t = parse_time("2026-10-01T09:00:00.250+07:00");
    ASSERT_TRUE(t);
    EXPECT_EQ(format_time(*t, std::chrono::minutes{420}), "2026-10-01T09:00:00.250+07:00");
    EXPECT_EQ(format_time(*t), "2026-10-01T02:00:00.250+00:00");
    EXPECT_TRUE(parse_time("2026-10-01T02:00:00Z"));
    EXPECT_FALSE(parse_time("2026-10-01T02:00:00"));  // no zone
    EXPECT_FALSE(parse_time("2026-02-30T02:00:00Z"));
    EXPECT_EQ(parse_reltime("1:02:03.5"), Millis{3723500});
    EXPECT_EQ(parse_reltime("-0:00:01"), Millis{-1000});
    EXPECT_FALSE(parse_reltime("1:60:00"));
    EXPECT_FALSE(parse_reltime("abc"));
    EXPECT_EQ(format_reltime(Millis{3723500}), "1:02:03.500");
    EXPECT_EQ(format_reltime(Millis{-1000}), "-0:00:01.000");
}
