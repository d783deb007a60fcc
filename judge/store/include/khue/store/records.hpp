// The typed records the store keeps. Field names follow the ICPC Contest API (docs/contest-api.md) so that
// the API layer maps them one to one; times are system_clock time points, durations std::chrono, sizes Bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khue/judge/types.hpp"
#include "khue/store/queue.hpp"

namespace khue::store {

using Milliseconds = std::chrono::milliseconds;

enum class ScoreboardType { PassFail, Score };
std::string_view to_string(ScoreboardType type);  // "pass-fail" | "score"
std::optional<ScoreboardType> scoreboard_type_from_string(std::string_view text);

enum class AccountType { Team, Judge, Admin, Analyst };
std::string_view to_string(AccountType type);  // "team" | "judge" | "admin" | "analyst"
std::optional<AccountType> account_type_from_string(std::string_view text);

// Contest times (start, freeze, ...). Every field is null until it happens (or is scheduled, for start_time).
struct ContestState {
    std::optional<TimePoint> started{};
    std::optional<TimePoint> frozen{};
    std::optional<TimePoint> ended{};
    std::optional<TimePoint> thawed{};
    std::optional<TimePoint> finalized{};
    std::optional<TimePoint> end_of_updates{};
    bool operator==(const ContestState&) const = default;
};

struct Contest {
    std::string id{};
    std::string name{};
    std::string formal_name{};
    std::optional<TimePoint> start_time{};  // null = not scheduled
    Milliseconds duration{std::chrono::hours(5)};
    std::optional<Milliseconds> scoreboard_freeze_duration{};
    std::optional<TimePoint> scoreboard_thaw_time{};
    ScoreboardType scoreboard_type = ScoreboardType::PassFail;
    Milliseconds penalty_time{std::chrono::minutes(20)};
    // Offset from UTC in which this contest's times are written back out (the package's start_time zone).
    std::chrono::minutes utc_offset{0};
    // The awards the contest gives, as JSON text read by the API layer (docs/contest-api.md, "Awards");
    // empty: the defaults. Not part of the contest's event.
    std::string awards{};
    // Practice (upsolving): submissions after the end are still accepted and judged, apart from the
    // official standings (docs/problems.md, the `khue:` extension of contest.yaml).
    bool practice = false;
    ContestState state;  // maintained with update_contest_state(); upsert_contest() leaves it unchanged
};

struct Problem {
    std::string contest_id{};
    std::string id{};
    std::string label{};
    std::string name{};
    int ordinal = 0;
    std::string rgb{};    // "#RRGGBB", may be empty
    std::string color{};  // CSS colour name, may be empty
    Seconds time_limit{1.0};
    Bytes memory_limit = judge::mib(256);
    Bytes output_limit = judge::mib(8);
    Bytes code_limit = judge::kib(256);
    int test_data_count = 0;
    std::optional<double> max_score{};  // score contests
    std::string package_hash;  // sha-256 hex of the package zip, previously stored with put_package()
};

struct Organization {
    std::string contest_id{};
    std::string id{};
    std::string name{};
    std::string formal_name{};
    std::string country{};  // ISO 3166-1 alpha-3, may be empty
};

struct Group {
    std::string contest_id{};
    std::string id{};
    std::string name{};
    bool hidden = false;
};

struct Team {
    std::string contest_id{};
    std::string id{};
    std::string name{};
    std::string label{};
    std::string display_name{};
    std::optional<std::string> organization_id{};
    std::vector<std::string> group_ids{};
    bool hidden = false;
};

// Accounts are global (one username logs in to every contest it belongs to); usernames are unique. An account
// belongs to its own contest_id (null: every contest, for judges and admins) and to the contests of its
// AccountContest rows, each with the team it plays as there.
struct Account {
    std::string id{};
    std::string username{};
    std::string password_hash{};  // never a plain password: the API hashes before storing
    AccountType type = AccountType::Team;
    std::optional<std::string> contest_id{};
    std::optional<std::string> team_id{};  // for type "team"
    std::string name{};
};

// One contest an account takes part in, with its team there (null for judges and admins).
struct AccountContest {
    std::string account_id{};
    std::string contest_id{};
    std::optional<std::string> team_id{};
    bool operator==(const AccountContest&) const = default;
};

struct SourceFile {
    std::string name{};   // relative path inside the submission, '/'-separated
    std::string bytes{};  // contents, binary-safe
};

struct NewSubmission {
    std::string contest_id{};
    std::string team_id{};
    std::string problem_id{};
    std::string language_id{};
    std::optional<std::string> entry_point{};
    std::vector<SourceFile> files{};
    std::optional<TimePoint> time{};  // defaults to now; importers pass the original time
    std::optional<std::string> id{};  // defaults to the next number; importers pass the original id
};

struct Submission {
    std::string id{};
    std::string contest_id{};
    std::string team_id{};
    std::string problem_id{};
    std::string language_id{};
    std::optional<std::string> entry_point{};
    TimePoint time{};
    std::vector<SourceFile> files;  // filled by get_submission(); empty in list_submissions() results
};

struct SubmissionFilter {
    std::string contest_id{};
    std::optional<std::string> team_id{};
    std::optional<std::string> problem_id{};
    std::optional<std::string> language_id{};
};

struct Judgement {
    std::string id{};
    std::string contest_id{};
    std::string submission_id{};
    std::optional<Verdict> verdict{};  // null while judging
    std::optional<double> score{};
    std::optional<double> max_score{};
    bool current = false;
    bool valid = true;  // false once abandoned (lease expired) or discarded (rejudging cancelled)
    TimePoint start_time{};
    std::optional<TimePoint> end_time{};
    std::optional<Seconds> max_run_time{};
    std::optional<std::string> rejudging_id{};
    std::string judged_by{};  // lease owner
    bool compile_ok = true;
    std::string compile_output{};
};

struct JudgementFilter {
    std::string contest_id{};
    std::optional<std::string> submission_id{};
    bool current_only = false;
    bool include_invalid = false;
};

struct Run {
    std::string id{};
    std::string contest_id{};
    std::string judgement_id{};
    int ordinal = 0;  // 1-based
    Verdict verdict = Verdict::JE;
    TimePoint time{};
    Seconds run_time{0};  // CPU time
    Seconds wall_time{0};
    Bytes memory{};
    std::string test_name{};
    std::string group{};
    std::string message{};
};

// One row of the append-only event log. `token` is its sequence number: strictly increasing in commit order,
// so a client that has seen token T and reads "since T" misses nothing.
struct Event {
    std::int64_t token = 0;
    std::string contest_id{};
    std::string type{};  // Contest API endpoint name: "contest", "state", "problems", "submissions", ...
    std::optional<std::string> id;      // object id; null for singletons (contest, state)
    std::optional<std::string> data{};  // JSON text of the object; null means "deleted"
    TimePoint time{};
};

struct SlotStatus {
    int slot = 0;
    std::optional<std::string> submission_id{};  // what it is judging, if anything
    std::optional<std::string> judgement_id{};
    std::optional<TimePoint> since{};
};

struct JudgeHost {
    std::string host{};
    int slots = 0;
    std::vector<SlotStatus> slot_status{};
    TimePoint last_seen{};
};

}  // namespace khue::store
