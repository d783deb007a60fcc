// Store role: the objects a contest is made of. Problem packages (zip bytes by content hash), contests and
// their state, problems, organizations, groups, teams and accounts. Each upsert appends an event for its type
// when the object changed (accounts excepted: the feed is public).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

class ContestObjects {
  public:
    virtual ~ContestObjects() = default;

    // ---- problem packages, by content hash
    // Stores the zip bytes; returns their sha-256 hex. Storing the same bytes again is a no-op.
    virtual std::string put_package(std::string_view zip_bytes) = 0;
    virtual std::optional<std::string> get_package(std::string_view sha256_hex) = 0;

    // ---- contests
    // Inserts or replaces everything but `state`; appends a "contest" event when anything changed.
    virtual void upsert_contest(const Contest& contest) = 0;
    virtual std::optional<Contest> get_contest(std::string_view id) = 0;
    virtual std::vector<Contest> list_contests() = 0;
    // Replaces the state times; appends a "state" event when anything changed. Throws StoreInvalid if
    // unknown.
    virtual void update_contest_state(std::string_view contest_id, const ContestState& state) = 0;

    // ---- problems, organizations, groups, teams, accounts
    // A problem's package_hash must name a stored package, and its contest must exist (StoreInvalid
    // otherwise).
    virtual void upsert_problem(const Problem& problem) = 0;
    virtual std::optional<Problem> get_problem(std::string_view contest_id, std::string_view id) = 0;
    virtual std::vector<Problem> list_problems(std::string_view contest_id) = 0;  // by ordinal

    virtual void upsert_organization(const Organization& organization) = 0;
    virtual std::vector<Organization> list_organizations(std::string_view contest_id) = 0;
    virtual void upsert_group(const Group& group) = 0;
    virtual std::vector<Group> list_groups(std::string_view contest_id) = 0;
    virtual void upsert_team(const Team& team) = 0;
    virtual std::optional<Team> get_team(std::string_view contest_id, std::string_view id) = 0;
    virtual std::vector<Team> list_teams(std::string_view contest_id) = 0;

    // StoreInvalid if the username belongs to another id.
    virtual void upsert_account(const Account& account) = 0;
    virtual std::optional<Account> get_account(std::string_view id) = 0;
    virtual std::optional<Account> get_account_by_username(std::string_view username) = 0;
    // With a contest: its accounts, those of every contest (contest_id null) and those joined to it with
    // add_account_contest() (their team_id then the one they play as in this contest).
    virtual std::vector<Account> list_accounts(std::optional<std::string_view> contest_id = {}) = 0;
    // Joins an existing account to a further contest (or changes its team there). StoreInvalid when the
    // account or the contest does not exist.
    virtual void add_account_contest(const AccountContest& membership) = 0;
    // Every contest the account takes part in: its own contest first (when it has one), then the joined ones.
    virtual std::vector<AccountContest> list_account_contests(std::string_view account_id) = 0;
};

}  // namespace khue::store
