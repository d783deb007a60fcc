// A contest as described by a CLICS contest package folder (docs/problems.md): contest, problems,
// organizations, groups, teams and accounts, parsed once into typed structs and validated across files.
#pragma once

#include "khue/api/time.hpp"
#include "khue/store/records.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace khue::api {

// The store's enums: a package's contest and accounts map onto its records one to one.
using store::AccountType;
using store::ScoreboardType;
using store::to_string;

struct ContestInfo {
    std::string id;
    std::string name;
    std::string formal_name;
    std::optional<TimePoint> start_time;  // null: not scheduled yet, an admin starts it
    Millis duration{std::chrono::hours{5}};
    std::optional<Millis> scoreboard_freeze_duration;
    std::optional<TimePoint> scoreboard_thaw_time;
    ScoreboardType scoreboard_type = ScoreboardType::PassFail;
    std::chrono::minutes penalty_time{20};
    std::chrono::minutes zone{0};  // offset in which TIMEs are printed, taken from start_time
    std::string awards;            // `khue: awards:` as JSON text (khue/api/awards.hpp); empty: not given
    bool practice = false;         // khue: {practice: true}: submissions after the end are judged apart
};

struct ProblemEntry {
    std::string id;
    std::string label;
    std::string name;  // may be empty: the package's own name is used then
    int ordinal = 0;
    std::string rgb;                // "#RRGGBB" or empty
    std::string color;              // a CSS colour name or empty
    std::filesystem::path package;  // a package folder or a .zip of one
};

struct Organization {
    std::string id;
    std::string name;
    std::string formal_name;
    std::string country;  // ISO 3166-1 alpha-3, may be empty
};

struct Group {
    std::string id;
    std::string name;
    bool hidden = false;
};

struct Team {
    std::string id;
    std::string name;
    std::string label;
    std::string display_name;
    std::string organization_id;  // may be empty
    std::vector<std::string> group_ids;
    bool hidden = false;
};

struct Account {
    std::string id;
    std::string username;
    std::string password;  // plain text as written in accounts.yaml; hashed before it reaches the store
    AccountType type = AccountType::Team;
    std::string team_id;  // for team accounts
};

// Results a package may carry (an export of a finished contest: submissions.json, judgements.json,
// runs.json).
struct SubmissionEntry {
    std::string id;
    std::string team_id;
    std::string problem_id;
    std::string language_id;
    std::optional<std::string> entry_point;
    TimePoint time{};
    std::vector<std::pair<std::string, std::string>> files;  // name, bytes (from submissions/<id>/files.zip)
};

struct RunEntry {
    int ordinal = 0;
    std::string judgement_type_id;
    double run_time = 0;    // seconds
    std::string test_name;  // Khue's extension ("secret/group1/03"); empty: named by its ordinal
};

struct JudgementEntry {
    std::string id;
    std::string submission_id;
    std::string judgement_type_id;  // only finished judgements are imported
    std::optional<double> score;
    TimePoint start_time{};
    TimePoint end_time{};
    std::vector<RunEntry> runs;  // by ordinal
};

struct ContestPackage {
    std::filesystem::path root;
    ContestInfo contest;
    std::vector<ProblemEntry> problems;
    std::vector<Organization> organizations;
    std::vector<Group> groups;
    std::vector<Team> teams;
    std::vector<Account> accounts;
    std::vector<SubmissionEntry> submissions;  // in submission order
    std::vector<JudgementEntry> judgements;    // the current judgement of each judged submission
};

// A contest folder that cannot be used. what() reads "<file>: <field>: <message>".
class ContestPackageError : public std::runtime_error {
  public:
    ContestPackageError(std::string file, std::string field, const std::string& message);
    const std::string& file() const { return file_; }
    const std::string& field() const { return field_; }

  private:
    std::string file_;
    std::string field_;
};

// Loads and cross-checks a contest folder. Throws ContestPackageError naming the file and field at fault.
ContestPackage load_contest_package(const std::filesystem::path& root);

// Contest API ids: [A-Za-z0-9_.-], 1 to 36 characters.
bool is_valid_id(std::string_view id);

}  // namespace khue::api
