// Teams, groups, organizations and accounts; the admin adds a team (with its account) by POST.
#include "handlers/handlers.hpp"

#include "khue/api/contest.hpp"
#include "khue/api/contest_api.hpp"
#include "khue/api/password.hpp"

#include <algorithm>

namespace khue::api {

namespace json = boost::json;

Response get_teams(Call& c) {
    auto view = c.service.view();
    json::array items;
    for (const auto& t : c.service.db().list_teams(c.service.contest_id())) {
        if (may_see(c.who, visible::team(t.id, t.hidden), view)) {
            items.push_back(team_json(t));
        }
    }
    return listing(std::move(items), c, "team");
}

Response get_groups(Call& c) {
    auto view = c.service.view();
    json::array items;
    for (const auto& g : c.service.db().list_groups(c.service.contest_id())) {
        if (may_see(c.who, visible::group(g.hidden), view)) {
            items.push_back(group_json(g));
        }
    }
    return listing(std::move(items), c, "group");
}

Response get_organizations(Call& c) {
    json::array items;
    for (const auto& o : c.service.db().list_organizations(c.service.contest_id())) {
        items.push_back(organization_json(o));
    }
    return listing(std::move(items), c, "organization");
}

Response get_accounts(Call& c) {
    json::array items;
    for (const auto& a : c.service.db().list_accounts(std::string_view(c.service.contest_id()))) {
        items.push_back(account_json(a));
    }
    return listing(std::move(items), c, "account");
}

Response get_account(Call& c) {
    auto a = c.service.db().get_account_by_username(c.who.username);
    if (!a) {
        return error_response(404, "your account no longer exists");
    }
    if (c.who.role == Role::Team) {
        // An account in several contests is, here, the team it plays as in this contest.
        a->contest_id = c.service.contest_id();
        a->team_id = c.who.team_id;
    }
    return json_response(200, account_json(*a));
}

Response post_team(Call& call) {
    ContestService& service = call.service;
    const Request& request = call.request;
    std::string error;
    auto body = json_body(request, error);
    if (!body) {
        return error_response(400, error);
    }
    auto str = [&](const char* key) -> std::string {
        const json::value* v = body->if_contains(key);
        return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string{};
    };
    store::Store& db = service.db();
    const std::string& cid = service.contest_id();
    store::Team team;
    team.contest_id = cid;
    team.id = str("id");
    team.name = str("name");
    if (!is_valid_id(team.id)) {
        return error_response(400, "id '" + team.id + "' is not a valid id");
    }
    if (team.name.empty()) {
        return error_response(400, "name is missing");
    }
    if (db.get_team(cid, team.id)) {
        return error_response(409, "team '" + team.id + "' already exists");
    }
    team.label = str("label").empty() ? team.id : str("label");
    team.display_name = str("display_name").empty() ? team.name : str("display_name");
    if (auto org = str("organization_id"); !org.empty()) {
        auto orgs = db.list_organizations(cid);
        if (std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.id == org; })) {
            return error_response(400, "unknown organization '" + org + "'");
        }
        team.organization_id = org;
    }
    if (const json::value* groups = body->if_contains("group_ids"); groups != nullptr && !groups->is_null()) {
        auto known = db.list_groups(cid);
        if (!groups->is_array()) {
            return error_response(400, "group_ids must be an array");
        }
        for (const auto& g : groups->as_array()) {
            if (!g.is_string() || std::none_of(known.begin(), known.end(),
                                               [&](const auto& k) { return k.id == g.as_string(); })) {
                return error_response(400, "unknown group " + json::serialize(g));
            }
            team.group_ids.emplace_back(g.as_string());
        }
    }
    std::string password = str("password");
    std::string username = str("username").empty() ? team.id : str("username");
    if (!password.empty() && db.get_account_by_username(username)) {
        return error_response(409, "username '" + username + "' is taken");
    }
    db.upsert_team(team);
    if (!password.empty()) {
        store::Account a;
        a.id = username;
        a.username = username;
        a.password_hash = hash_password(password);
        a.type = store::AccountType::Team;
        a.contest_id = cid;
        a.team_id = team.id;
        a.name = team.name;
        db.upsert_account(a);
    }
    auto r = json_response(201, team_json(team));
    r.headers.emplace_back("Location", "/api/contests/" + cid + "/teams/" + team.id);
    return r;
}

}  // namespace khue::api
