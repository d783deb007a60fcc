// Accounts in bulk from the console (Khue's own endpoints, docs/contest-api.md): an admin uploads the same
// files `khue import accounts` reads; the answer carries the passwords this import set, once (the store keeps
// only their hashes), for the login slips and the organiser's CSV. Regenerating gives new ones.
#include "handlers/handlers.hpp"

#include "khue/api/password.hpp"
#include "khue/api/roster.hpp"

namespace khue::api {

namespace json = boost::json;

namespace {

Response with_credentials(Call& c, const RosterResult& result) {
    json::array credentials;
    for (const auto& x : result.credentials) {
        credentials.push_back(json::object{{"team_id", x.team_id},
                                           {"team_name", x.team_name},
                                           {"organization", x.organization},
                                           {"username", x.username},
                                           {"password", x.password}});
    }
    auto contest = c.service.contest();
    auto r = json_response(200, json::object{{"contest_id", contest.id},
                                             {"contest_name", contest.name},
                                             {"organizations", result.organizations},
                                             {"groups", result.groups},
                                             {"teams", result.teams},
                                             {"accounts", result.accounts},
                                             {"credentials", std::move(credentials)}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

}  // namespace

Response post_accounts_import(Call& c) {
    std::string error;
    auto body = json_body(c.request, error);
    if (!body) {
        return error_response(400, error);
    }
    const json::value* files = body->if_contains("files");
    if (files == nullptr || !files->is_array() || files->as_array().empty()) {
        return error_response(400,
                              "files is missing: [{\"name\": \"teams.csv\", \"data\": \"<base64>\"}, ...]");
    }
    Roster roster;
    try {
        int index = 0;
        for (const auto& f : files->as_array()) {
            ++index;
            const json::value* name = f.is_object() ? f.as_object().if_contains("name") : nullptr;
            const json::value* data = f.is_object() ? f.as_object().if_contains("data") : nullptr;
            if (name == nullptr || !name->is_string() || data == nullptr || !data->is_string()) {
                return error_response(400,
                                      "files[" + std::to_string(index) + "] needs a name and base64 data");
            }
            std::string bytes;
            if (!base64_decode(std::string(data->as_string()), bytes)) {
                return error_response(400, "files[" + std::to_string(index) + "]: data is not base64");
            }
            read_roster_file(roster, bytes, std::string(name->as_string()));
        }
        const json::value* regenerate = body->if_contains("regenerate_passwords");
        auto result = import_roster(c.service.db(), c.service.contest_id(), roster,
                                    regenerate != nullptr && regenerate->is_bool() && regenerate->as_bool());
        return with_credentials(c, result);
    } catch (const RosterError& e) {
        return error_response(400, std::string(e.what()) + " (nothing was imported)");
    } catch (const store::StoreInvalid& e) {
        return error_response(400, std::string(e.what()) + " (nothing was imported)");
    }
}

Response post_accounts_regenerate(Call& c) {
    std::vector<std::string> usernames;
    if (!c.request.body.empty()) {
        std::string error;
        auto body = json_body(c.request, error);
        if (!body) {
            return error_response(400, error);
        }
        if (const json::value* list = body->if_contains("usernames"); list != nullptr && list->is_array()) {
            for (const auto& u : list->as_array()) {
                if (u.is_string()) {
                    usernames.emplace_back(u.as_string());
                }
            }
        }
    }
    try {
        return with_credentials(c, regenerate_passwords(c.service.db(), c.service.contest_id(), usernames));
    } catch (const store::StoreInvalid& e) {
        return error_response(400, e.what());
    }
}

}  // namespace khue::api
