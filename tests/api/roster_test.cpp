// Accounts in bulk: the CSV parser, the documented CSV and DOMjudge's files; good files, each kind of bad
// file (wrong header, duplicate ids, bad encoding, missing column) changing nothing, re-importing updating
// instead of duplicating, and the console upload with its one-time credentials.
#include "api_server.hpp"

#include "khue/api/csv.hpp"
#include "khue/api/roster.hpp"

using namespace khue::test;

namespace {

TEST(Csv, QuotesDelimitersAndLineBreaks) {
    auto rows = parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
    EXPECT_EQ(rows[2].line, 5);  // the quoted line break counts, the blank line is skipped
    EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"last", "", ""}));
    EXPECT_EQ(guess_delimiter("a;b;c\n1,5;2;3"), ';');
    EXPECT_EQ(guess_delimiter("a\tb\n"), '\t');
    EXPECT_EQ(guess_delimiter("\"a;b\",c\n"), ',');
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
}

TEST(Csv, WrittenFieldsReadBackUnchanged) {
    const std::vector<std::string> values = {
        "",           "plain",      "a,b",       "say \"hi\"",
        "two\nlines", "semi;colon", "tab\there", "Tr\xC6\xB0\xE1\xBB\x9Dng",
        "\r\n",       "\"\""};
    for (const auto& a : values) {
        for (const auto& b : values) {
            auto rows = parse_csv(csv_field(a) + "," + csv_field(b) + "\r\n");
            ASSERT_EQ(rows.size(), 1u) << a << " | " << b;
            EXPECT_EQ(rows[0].fields, (std::vector<std::string>{a, b}));
        }
    }
}

TEST(Csv, MalformedInputNamesLineAndColumn) {
    try {
        parse_csv("a,b\n1,x\"y\n");
        FAIL() << "accepted a stray quote";
    } catch (const CsvError& e) {
        EXPECT_EQ(e.line(), 2);
        EXPECT_EQ(e.column(), 2);
    }
    try {
        parse_csv("a,b\n1,\"open\n2,3\n");
        FAIL() << "accepted an unclosed quote";
    } catch (const CsvError& e) {
        EXPECT_EQ(e.line(), 2);
        EXPECT_TRUE(contains(e.what(), "never closed"));
    }
    EXPECT_THROW(parse_csv("\"a\"b,c\n"), CsvError);
}

TEST(Utf8, BomIsDroppedOtherEncodingsAreRefused) {
    EXPECT_EQ(utf8_text("\xEF\xBB\xBFTr\xC6\xB0\xE1\xBB\x9Dng", "f.csv"), "Tr\xC6\xB0\xE1\xBB\x9Dng");
    try {
        utf8_text("team_name\nTr\xF0\xEAn\n", "f.csv");  // Windows-1258 bytes
        FAIL();
    } catch (const RosterError& e) {
        EXPECT_EQ(e.line(), 2);
        EXPECT_TRUE(contains(e.what(), "not UTF-8")) << e.what();
        EXPECT_TRUE(contains(e.what(), "CSV UTF-8")) << e.what();
    }
    EXPECT_THROW(utf8_text("\xFF\xFEt\0e\0", "f.csv"), RosterError);
    EXPECT_THROW(utf8_text("\xC0\xAF", "f.csv"), RosterError);      // overlong '/'
    EXPECT_THROW(utf8_text("\xED\xA0\x80", "f.csv"), RosterError);  // a surrogate
}

class RosterImport : public ApiServer {
  protected:
    khue::api::Roster read(const std::string& name, const std::string& bytes) {
        khue::api::Roster r;
        read_roster_file(r, bytes, name);
        return r;
    }
    // Expects the file to be refused before anything is written, with a message naming `says`.
    void refused(const std::string& name, const std::string& bytes, const std::string& says, int line = -1,
                 int column = -1) {
        auto before_teams = db_->list_teams("demo").size();
        auto before_accounts = db_->list_accounts().size();
        try {
            khue::api::Roster r;
            read_roster_file(r, bytes, name);
            import_roster(*db_, "demo", r);
            ADD_FAILURE() << name << " was accepted: " << bytes;
        } catch (const RosterError& e) {
            EXPECT_TRUE(contains(e.what(), says)) << e.what();
            if (line >= 0) {
                EXPECT_EQ(e.line(), line) << e.what();
            }
            if (column >= 0) {
                EXPECT_EQ(e.column(), column) << e.what();
            }
        }
        EXPECT_EQ(db_->list_teams("demo").size(), before_teams);
        EXPECT_EQ(db_->list_accounts().size(), before_accounts);
    }
};

const std::string kGood =
    "\xEF\xBB\xBFSTT,Team name,School,Members,Group,Username,Password\r\n"
    "1,\xC4\x90\xE1\xBB\x99i Sao Mai,THPT Chuy\xC3\xAAn L\xC3\xAA H\xE1\xBB\x93ng Phong,\"An, "
    "B\xC3\xACnh\",THPT,"
    "sm01,\r\n"
    "2,Bravo,THCS Nguy\xE1\xBB\x85n Du,Chi,THCS,sm02,given-pw\r\n"
    "3,Charlie,THPT Chuy\xC3\xAAn L\xC3\xAA H\xE1\xBB\x93ng Phong,,THPT,sm03,\r\n";

TEST_F(RosterImport, GoodCsvImportsAndReimportUpdatesWithoutDuplicates) {
    start(std::chrono::minutes{10});
    auto teams_before = db_->list_teams("demo").size();
    auto result = import_roster(*db_, "demo", read("truong.csv", kGood));
    EXPECT_EQ(result.teams, 3);
    EXPECT_EQ(result.organizations, 2);
    EXPECT_EQ(result.groups, 2);
    ASSERT_EQ(result.credentials.size(), 3u);  // two generated, one given
    EXPECT_EQ(result.credentials[1].password, "given-pw");
    EXPECT_EQ(result.credentials[0].password.size(), 10u);
    EXPECT_EQ(result.credentials[0].team_name, "\xC4\x90\xE1\xBB\x99i Sao Mai");
    EXPECT_EQ(db_->list_teams("demo").size(), teams_before + 3);
    auto sm01 = db_->get_account_by_username("sm01");
    ASSERT_TRUE(sm01);
    EXPECT_EQ(sm01->team_id, std::optional<std::string>("sm01"));
    EXPECT_EQ(sm01->name, "An, B\xC3\xACnh");
    EXPECT_TRUE(verify_password(result.credentials[0].password, sm01->password_hash));
    EXPECT_FALSE(contains(sm01->password_hash, result.credentials[0].password));
    auto team = db_->get_team("demo", "sm01");
    ASSERT_TRUE(team && team->organization_id);
    EXPECT_EQ(team->group_ids.size(), 1u);

    // The teams log in with what the import said.
    EXPECT_EQ(get("/api/contests/demo/account", "sm02", "given-pw").status, 200u);
    EXPECT_EQ(get("/api/contests/demo/account", "sm01", result.credentials[0].password).status, 200u);

    // The same file again: nothing new, generated passwords kept; a renamed team is renamed.
    auto again = import_roster(*db_, "demo", read("truong.csv", kGood));
    EXPECT_EQ(db_->list_teams("demo").size(), teams_before + 3);
    EXPECT_EQ(db_->list_organizations("demo").size(), 2u);
    EXPECT_EQ(db_->list_groups("demo").size(), 3u);  // "school" of the fixture, and two
    EXPECT_EQ(again.credentials.size(), 1u);         // only the one the file gives
    EXPECT_TRUE(
        verify_password(result.credentials[0].password, db_->get_account_by_username("sm01")->password_hash));
    std::string renamed = kGood;
    renamed.replace(renamed.find("Bravo"), 5, "Bravo Prime");
    import_roster(*db_, "demo", read("truong.csv", renamed));
    EXPECT_EQ(db_->get_team("demo", "sm02")->name, "Bravo Prime");
    EXPECT_EQ(db_->list_teams("demo").size(), teams_before + 3);

    // Regenerating replaces the password of one team.
    auto fresh = regenerate_passwords(*db_, "demo", {"sm01"});
    ASSERT_EQ(fresh.credentials.size(), 1u);
    EXPECT_TRUE(
        verify_password(fresh.credentials[0].password, db_->get_account_by_username("sm01")->password_hash));
    auto csv = credentials_csv(fresh.credentials);
    EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFteam_id,team_name,organization,username,password\r\n"));
    EXPECT_TRUE(contains(csv, "sm01," + std::string("\xC4\x90\xE1\xBB\x99i Sao Mai")));
}

TEST_F(RosterImport, SemicolonsAndVietnameseHeadersFromExcel) {
    start(std::chrono::minutes{10});
    auto r =
        read("ds.csv",
             "M\xC3\xA3 \xC4\x91\xE1\xBB\x99i;T\xC3\xAAn \xC4\x91\xE1\xBB\x99i;Tr\xC6\xB0\xE1\xBB\x9Dng\n"
             "d1;\xC4\x90\xE1\xBB\x99i M\xE1\xBB\x99t;THCS A\n");
    ASSERT_EQ(r.teams.size(), 1u);
    EXPECT_EQ(r.teams[0].id, "d1");
    EXPECT_EQ(r.accounts[0].username, "d1");
    EXPECT_EQ(r.organizations[0].name, "THCS A");
}

TEST_F(RosterImport, BadFilesChangeNothingAndSayWhere) {
    start(std::chrono::minutes{10});
    refused("a.csv", "team_name,usernme\nA,u1\n", "unknown column 'usernme'", 1, 2);
    refused("a.csv", "team_name,group\nA,x\n", "missing column 'team_id' or 'username'", 1);
    refused("a.csv", "username,school\nu1,X\n", "missing column 'team_name'", 1);
    refused("a.csv", "team_id,team_name\nx1,A\nx2,B\nx1,C\n",
            "team id 'x1' appears twice (also on a.csv line 2)", 4, 1);
    refused("a.csv", "team_id,team_name,username\nx1,A,same\nx2,B,same\n", "username 'same' appears twice", 3,
            3);
    refused("a.csv", "team_id,team_name\nx1,\n", "no name", 2, 2);
    refused("a.csv", "team_id,team_name\nbad id!,A\n", "not a valid team id", 2, 1);
    refused("a.csv", "team_id,team_name\nx1,\"A\n", "never closed", 2);
    refused("a.csv", "team_id,team_name\nx1,A,extra\n", "3 columns", 2, 3);
    refused("a.csv", "team_id,team_name\nx1,Tr\xF0\xEAn\n", "not UTF-8", 2);
    // A good line before a bad one is not written either.
    refused("a.csv", "team_id,team_name,username\nok1,A,ok1\nok2,B,team1\n", "belongs to", -1);
    EXPECT_FALSE(db_->get_team("demo", "ok1"));
    refused("teams.tsv", "teams 1\n1\t\t\tA\n", "DOMjudge header", 1, 1);
    refused("accounts.tsv", "accounts\t1\nteam\tX\tteam099\tpw\n", "team '99'");
    refused("accounts.tsv", "accounts\t1\nwizard\tX\tw\tpw\n", "unknown account type", 2, 1);
    refused("organizations.json", "[{\"name\":\"No id\"}]", "'id' is missing");
    refused("organizations.json", "[{\"id\":\"x\",", "not valid JSON");
}

TEST_F(RosterImport, DomjudgeFilesTieAccountsToTeams) {
    start(std::chrono::minutes{10});
    khue::api::Roster r;
    read_roster_file(r, "[{\"id\":\"inst1\",\"name\":\"\xC4\x90H B\xC3\xA1\x63h khoa\",\"country\":\"VNM\"}]",
                     "organizations.json");
    read_roster_file(r, "groups\t1\n3\tParticipants\n", "groups.tsv");
    read_roster_file(r, "teams\t1\n7\tdj7\t3\tTeam Seven\t\xC4\x90H B\xC3\xA1\x63h khoa\tBK\tVNM\tinst1\n",
                     "teams.tsv");
    read_roster_file(r, "accounts\t1\nteam\tTeam Seven\tteam007\tpw7\njudge\tJudge Two\tjudge2\tjpw\n",
                     "accounts.tsv");
    auto result = import_roster(*db_, "demo", r);
    EXPECT_EQ(result.accounts, 2);
    auto team = db_->get_team("demo", "dj7");
    ASSERT_TRUE(team);
    EXPECT_EQ(team->organization_id, std::optional<std::string>("inst1"));
    EXPECT_EQ(team->group_ids, std::vector<std::string>{"3"});
    EXPECT_EQ(db_->get_account_by_username("team007")->team_id, std::optional<std::string>("dj7"));
    EXPECT_EQ(db_->get_account_by_username("judge2")->type, store::AccountType::Judge);
    auto groups = db_->list_groups("demo");
    EXPECT_TRUE(
        std::any_of(groups.begin(), groups.end(), [](const auto& g) { return g.name == "Participants"; }));
}

TEST_F(RosterImport, ConsoleUploadGivesCredentialsOnce) {
    start(std::chrono::minutes{10});
    std::string body = json::serialize(json::object{
        {"files", json::array{json::object{{"name", "truong.csv"}, {"data", base64_encode(kGood)}}}}});
    auto as_team = http_call(port_, "POST", "/api/khue/contests/demo/accounts/import", body,
                             "application/json", "team1", "pw1");
    EXPECT_EQ(as_team.status, 403u);
    auto r = http_call(port_, "POST", "/api/khue/contests/demo/accounts/import", body, "application/json",
                       "admin", "adminpw");
    ASSERT_EQ(r.status, 200u) << r.body;
    auto answer = json::parse(r.body).as_object();
    EXPECT_EQ(answer.at("teams").as_int64(), 3);
    EXPECT_EQ(answer.at("credentials").as_array().size(), 3u);
    EXPECT_EQ(answer.at("contest_name").as_string(), "Demo");
    // The accounts endpoint never shows a password or its hash.
    auto accounts = get("/api/contests/demo/accounts", "admin", "adminpw").body;
    EXPECT_FALSE(contains(accounts, "given-pw"));
    EXPECT_FALSE(contains(accounts, "pbkdf2"));

    std::string bad = json::serialize(json::object{
        {"files",
         json::array{json::object{{"name", "x.csv"}, {"data", base64_encode("team_id,team_name\nq,\n")}}}}});
    auto refused = http_call(port_, "POST", "/api/khue/contests/demo/accounts/import", bad,
                             "application/json", "admin", "adminpw");
    EXPECT_EQ(refused.status, 400u);
    EXPECT_TRUE(contains(refused.body, "x.csv: line 2, column 2")) << refused.body;

    auto regen = http_call(port_, "POST", "/api/khue/contests/demo/accounts/regenerate-passwords",
                           R"({"usernames":["sm03"]})", "application/json", "admin", "adminpw");
    ASSERT_EQ(regen.status, 200u) << regen.body;
    auto creds = json::parse(regen.body).at("credentials").as_array();
    ASSERT_EQ(creds.size(), 1u);
    std::string pw(creds[0].at("password").as_string());
    EXPECT_EQ(get("/api/contests/demo/account", "sm03", pw).status, 200u);
}

}  // namespace
