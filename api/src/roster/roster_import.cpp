// Writing accounts in bulk: checks against the contest, passwords (kept, given or generated), one store
// transaction; and the organiser's credentials CSV.
#include "khue/api/csv.hpp"
#include "khue/api/password.hpp"
#include "khue/api/roster.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <map>
#include <set>

namespace khue::api {

std::string generate_password() {
    // No 0/O, 1/l/I: read off paper by a nervous student.
    static constexpr std::string_view kAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    while (out.size() < 10) {
        unsigned char byte = 0;
        if (RAND_bytes(&byte, 1) != 1) {
            throw std::runtime_error("no random bytes for a password (OpenSSL RAND_bytes failed)");
        }
        if (byte < 256 - 256 % kAlphabet.size()) {  // no modulo bias
            out += kAlphabet[byte % kAlphabet.size()];
        }
    }
    return out;
}

RosterResult import_roster(store::Store& db, const std::string& contest_id, const Roster& roster,
                           bool regenerate) {
    if (!db.get_contest(contest_id)) {
        throw RosterError("(contest)", 0, 0, "no contest '" + contest_id + "' in the database");
    }
    store::RosterBatch batch;
    batch.contest_id = contest_id;
    batch.organizations = roster.organizations;
    batch.groups = roster.groups;
    std::map<std::string, store::Team> existing;
    for (auto& t : db.list_teams(contest_id)) {
        existing.emplace(t.id, t);
    }
    std::set<std::string> known_groups;
    for (const auto& g : db.list_groups(contest_id)) {
        known_groups.insert(g.id);
    }
    for (auto& g : batch.groups) {
        g.contest_id = contest_id;
        known_groups.insert(g.id);
    }
    for (auto& o : batch.organizations) {
        o.contest_id = contest_id;
    }
    std::map<std::string, std::string> team_names;  // id -> name, for the credentials
    std::map<std::string, std::string> team_by_label;
    for (const auto& t : roster.teams) {
        store::Team team = t;
        team.contest_id = contest_id;
        if (auto old = existing.find(t.id); old != existing.end()) {
            team.hidden = old->second.hidden;  // the import says nothing about these
            if (team.label == team.id) {
                team.label = old->second.label;
            }
        }
        batch.teams.push_back(team);
        team_names[team.id] = team.name;
        team_by_label[team.label] = team.id;
    }
    for (const auto& [id, t] : existing) {
        team_names.emplace(id, t.name);
    }
    std::map<std::string, std::string> organization_names;
    for (const auto& o : db.list_organizations(contest_id)) {
        organization_names[o.id] = o.name;
    }
    for (const auto& o : batch.organizations) {
        organization_names[o.id] = o.name;
    }
    std::map<std::string, std::string> team_org;
    for (const auto& t : batch.teams) {
        team_org[t.id] = t.organization_id ? organization_names[*t.organization_id] : "";
    }

    RosterResult result;
    for (const auto& a : roster.accounts) {
        store::Account account;
        auto old = db.get_account_by_username(a.username);
        if (old && old->contest_id && *old->contest_id != contest_id) {
            throw RosterError(
                a.where, 0, 0,
                "username '" + a.username + "' belongs to an account of contest '" + *old->contest_id + "'");
        }
        account.id = old ? old->id : a.username;
        account.username = a.username;
        account.type = a.type;
        account.name = a.name;
        account.contest_id = contest_id;
        if (a.type == store::AccountType::Team) {
            std::string team = a.team_id;
            if (!team_names.contains(team) && team_by_label.contains(team)) {
                team = team_by_label[team];
            }
            if (!team_names.contains(team)) {
                throw RosterError(a.where, 0, 0,
                                  "account '" + a.username + "' is for team '" + a.team_id +
                                      "', which is neither in the import nor in contest '" + contest_id +
                                      "'");
            }
            account.team_id = team;
            if (old && old->team_id && *old->team_id != team) {
                throw RosterError(a.where, 0, 0,
                                  "username '" + a.username + "' already belongs to team '" + *old->team_id +
                                      "', not '" + team + "'");
            }
        }
        if (old && old->type != a.type) {
            throw RosterError(a.where, 0, 0,
                              "username '" + a.username + "' already belongs to a " +
                                  std::string(store::to_string(old->type)) + " account");
        }
        std::optional<std::string> plain = a.password;
        bool regenerate_this = regenerate && a.type == store::AccountType::Team && !a.password;
        if (!plain && (!old || regenerate_this)) {
            plain = generate_password();
        }
        account.password_hash = plain ? hash_password(*plain) : old->password_hash;
        if (plain) {
            std::string team = account.team_id.value_or("");
            result.credentials.push_back({team, team.empty() ? a.name : team_names[team],
                                          team.empty() ? "" : team_org[team], a.username, *plain});
        }
        batch.accounts.push_back(std::move(account));
    }
    for (const auto& t : batch.teams) {
        for (const auto& g : t.group_ids) {
            if (!known_groups.contains(g)) {
                throw RosterError("(import)", 0, 0,
                                  "team '" + t.id + "' is in group '" + g + "', which does not exist");
            }
        }
    }
    db.write_roster(batch);
    result.organizations = static_cast<int>(batch.organizations.size());
    result.groups = static_cast<int>(batch.groups.size());
    result.teams = static_cast<int>(batch.teams.size());
    result.accounts = static_cast<int>(batch.accounts.size());
    return result;
}

RosterResult regenerate_passwords(store::Store& db, const std::string& contest_id,
                                  const std::vector<std::string>& usernames) {
    RosterResult result;
    store::RosterBatch batch;
    batch.contest_id = contest_id;
    std::map<std::string, std::string> organization_names;
    for (const auto& o : db.list_organizations(contest_id)) {
        organization_names[o.id] = o.name;
    }
    for (auto account : db.list_accounts(std::string_view(contest_id))) {
        if (account.type != store::AccountType::Team || !account.team_id ||
            account.contest_id != std::optional<std::string>(contest_id)) {
            continue;
        }
        if (!usernames.empty() &&
            std::find(usernames.begin(), usernames.end(), account.username) == usernames.end()) {
            continue;
        }
        auto team = db.get_team(contest_id, *account.team_id);
        std::string plain = generate_password();
        account.password_hash = hash_password(plain);
        result.credentials.push_back(
            {*account.team_id, team ? team->name : *account.team_id,
             team && team->organization_id ? organization_names[*team->organization_id] : "",
             account.username, plain});
        batch.accounts.push_back(std::move(account));
    }
    db.write_roster(batch);
    result.accounts = static_cast<int>(batch.accounts.size());
    return result;
}

std::string credentials_csv(const std::vector<Credential>& credentials) {
    std::string out = "\xEF\xBB\xBFteam_id,team_name,organization,username,password\r\n";
    for (const auto& c : credentials) {
        out += csv_field(c.team_id) + "," + csv_field(c.team_name) + "," + csv_field(c.organization) + "," +
               csv_field(c.username) + "," + csv_field(c.password) + "\r\n";
    }
    return out;
}

}  // namespace khue::api
