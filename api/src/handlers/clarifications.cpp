// Clarifications (Contest API 2026-01): GET list/one with the visibility policy, POST by a team (a question)
// or by the jury (an answer or an announcement); and Khue's jury queue with claims (docs/contest-api.md).
#include "handlers/handlers.hpp"

#include "khue/api/contest.hpp"
#include "khue/api/contest_api.hpp"
#include "server/clarification_visibility.hpp"

#include <algorithm>

namespace khue::api {

namespace json = boost::json;

namespace {

// Who sees each clarification, with groups expanded from the store's teams.
class ClarificationAudience {
  public:
    explicit ClarificationAudience(Call& c) {
        for (const auto& t : c.service.db().list_teams(c.service.contest_id())) {
            teams_.emplace_back(t.id, t.group_ids);
        }
    }
    Visibility of(const json::object& o) const {
        json::value v = o;
        return clarification_visibility(&v, [&](const std::string& group) {
            std::vector<std::string> out;
            for (const auto& [team, groups] : teams_) {
                if (std::find(groups.begin(), groups.end(), group) != groups.end()) {
                    out.push_back(team);
                }
            }
            return out;
        });
    }

  private:
    std::vector<std::pair<std::string, std::vector<std::string>>> teams_;
};

// An optional string property: absent or null gives nothing; anything but a string is an error.
bool opt_string(const json::object& body, const char* key, std::optional<std::string>& out,
                std::string& error) {
    const json::value* v = body.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return true;
    }
    if (!v->is_string()) {
        error = std::string(key) + " must be a string or null";
        return false;
    }
    out = std::string(v->as_string());
    return true;
}

bool opt_ids(const json::object& body, const char* key, std::optional<std::vector<std::string>>& out,
             std::string& error) {
    const json::value* v = body.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return true;
    }
    if (!v->is_array()) {
        error = std::string(key) + " must be an array of ids or null";
        return false;
    }
    out.emplace();
    for (const auto& x : v->as_array()) {
        if (!x.is_string()) {
            error = std::string(key) + " must hold only ids";
            return false;
        }
        out->emplace_back(x.as_string());
    }
    return true;
}

json::object queue_entry(const store::Contest& contest, const store::Clarification& x) {
    json::object o = clarification_json(contest, x);
    o["sender"] = x.sender;
    o["claimed_by"] = x.claimed_by ? json::value(*x.claimed_by) : json::value(nullptr);
    o["answered"] = x.answered;
    return o;
}

}  // namespace

Response get_clarifications(Call& c) {
    auto contest = c.service.contest();
    auto view = c.service.view();
    ClarificationAudience audience(c);
    json::array items;
    for (const auto& x : c.service.db().list_clarifications(contest.id)) {
        json::object o = clarification_json(contest, x);
        if (may_see(c.who, audience.of(o), view)) {
            items.push_back(std::move(o));
        }
    }
    return listing(std::move(items), c, "clarification");
}

Response post_clarification(Call& c) {
    std::string error;
    auto body = json_body(c.request, error);
    if (!body) {
        return error_response(400, error);
    }
    for (const char* forbidden : {"id", "time", "contest_time"}) {
        if (body->contains(forbidden)) {
            return error_response(400, std::string(forbidden) + " must not be provided: the server sets it");
        }
    }
    store::NewClarification nc;
    nc.contest_id = c.service.contest_id();
    nc.sender = c.who.username;
    std::optional<std::string> from;
    if (!opt_string(*body, "from_team_id", from, error) ||
        !opt_string(*body, "reply_to_id", nc.reply_to_id, error) ||
        !opt_string(*body, "problem_id", nc.problem_id, error) ||
        !opt_ids(*body, "to_team_ids", nc.to_team_ids, error) ||
        !opt_ids(*body, "to_group_ids", nc.to_group_ids, error)) {
        return error_response(400, error);
    }
    const json::value* text = body->if_contains("text");
    if (text == nullptr || !text->is_string() || text->as_string().empty()) {
        return error_response(400, "text is missing (a non-empty string)");
    }
    nc.text = std::string(text->as_string());
    if (nc.text.size() > 10000) {
        return error_response(400, "text is longer than 10000 bytes");
    }
    auto& db = c.service.db();
    auto contest = c.service.contest();
    if (c.who.role == Role::Team) {
        if (nc.to_team_ids || nc.to_group_ids) {
            return error_response(400, "a team cannot send to teams or groups (to_team_ids, to_group_ids)");
        }
        if (from && *from != c.who.team_id) {
            return error_response(403, "a team can only ask as itself (from_team_id '" + *from + "')");
        }
        nc.from_team_id = c.who.team_id;
    } else if (from) {
        return error_response(400, "from_team_id must not be provided by the jury");
    }
    if (nc.problem_id && !db.get_problem(nc.contest_id, *nc.problem_id)) {
        return error_response(400, "unknown problem '" + *nc.problem_id + "'");
    }
    if (nc.reply_to_id) {
        auto question = db.get_clarification(nc.contest_id, *nc.reply_to_id);
        ClarificationAudience audience(c);
        if (!question ||
            !may_see(c.who, audience.of(clarification_json(contest, *question)), c.service.view())) {
            return error_response(400, "unknown clarification '" + *nc.reply_to_id + "' (reply_to_id)");
        }
        if (!nc.problem_id) {
            nc.problem_id = question->problem_id;  // an answer is about what the question was about
        }
    }
    try {
        auto x = db.add_clarification(nc);
        auto r = json_response(201, clarification_json(contest, x));
        r.headers.emplace_back("Location", "/api/contests/" + nc.contest_id + "/clarifications/" + x.id);
        return r;
    } catch (const store::StoreInvalid& e) {
        return error_response(400, e.what());
    }
}

Response get_clarification_queue(Call& c) {
    auto contest = c.service.contest();
    json::array items;
    for (const auto& x : c.service.db().list_clarifications(contest.id)) {
        items.push_back(queue_entry(contest, x));
    }
    return json_response(200, items);
}

Response post_clarification_claim(Call& c) {
    bool release = false;
    bool steal = false;
    if (!c.request.body.empty()) {
        std::string error;
        auto body = json_body(c.request, error);
        if (!body) {
            return error_response(400, error);
        }
        auto flag = [&](const char* key) {
            const json::value* v = body->if_contains(key);
            return v != nullptr && v->is_bool() && v->as_bool();
        };
        release = flag("release");
        steal = flag("steal");
    }
    const std::string& id = c.arg(0);
    try {
        auto result =
            c.service.db().claim_clarification(c.service.contest_id(), id, c.who.username, release, steal);
        json::object o{{"id", id},
                       {"claimed_by", result.holder ? json::value(*result.holder) : json::value()}};
        if (!result.ok) {
            o["code"] = 409;
            o["message"] = "clarification " + id + " is claimed by " + result.holder.value_or("?");
            return json_response(409, o);
        }
        return json_response(200, o);
    } catch (const store::StoreInvalid& e) {
        return error_response(404, e.what());
    }
}

}  // namespace khue::api
