// The contest itself: GET /api, contests, contest, state, access, judgement types, languages; PATCH contest
// (the admin's clock: start, freeze, thaw).
#include "handlers/handlers.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/judge/language.hpp"

namespace khue::api {

namespace json = boost::json;

namespace {

json::object access(const Principal& who) {
    json::array capabilities;
    if (who.role == Role::Team) {
        capabilities.emplace_back("team_submit");
    }
    if (who.role == Role::Admin) {
        capabilities = {"contest_start", "contest_thaw", "admin_submit"};
    }
    if (who.role != Role::Public) {
        capabilities.emplace_back("post_clar");  // 2026-01: teams ask, the jury answers and announces
    }
    auto endpoint = [](const char* type, std::initializer_list<const char*> properties) {
        json::array p;
        for (const char* name : properties) {
            p.emplace_back(name);
        }
        return json::object{{"type", type}, {"properties", std::move(p)}};
    };
    json::array endpoints = {
        endpoint("contest",
                 {"id", "name", "formal_name", "start_time", "duration", "scoreboard_freeze_duration",
                  "scoreboard_thaw_time", "scoreboard_type", "penalty_time"}),
        endpoint("state", {"started", "frozen", "ended", "thawed", "finalized", "end_of_updates"}),
        endpoint("judgement-types", {"id", "name", "penalty", "solved"}),
        endpoint("languages", {"id", "name", "entry_point_required", "extensions"}),
        endpoint("problems", {"id", "label", "name", "ordinal", "rgb", "color", "time_limit", "memory_limit",
                              "output_limit", "code_limit", "test_data_count", "max_score", "statement"}),
        endpoint("groups", {"id", "name", "hidden"}),
        endpoint("organizations", {"id", "name", "formal_name", "country"}),
        endpoint("teams", {"id", "name", "label", "display_name", "organization_id", "group_ids", "hidden"}),
        endpoint("submissions", {"id", "language_id", "problem_id", "team_id", "time", "contest_time",
                                 "entry_point", "files"}),
        endpoint("judgements", {"id", "submission_id", "judgement_type_id", "score", "current", "start_time",
                                "start_contest_time", "end_time", "end_contest_time", "max_run_time"}),
        endpoint("awards", {"id", "citation", "team_ids"}),
        endpoint("scoreboard", {"time", "contest_time", "state", "rows"}),
        endpoint("clarifications", {"id", "from_team_id", "to_team_ids", "to_group_ids", "reply_to_id",
                                    "problem_id", "text", "time", "contest_time"}),
    };
    if (who.role != Role::Public) {
        endpoints.push_back(endpoint("runs", {"id", "judgement_id", "ordinal", "judgement_type_id", "time",
                                              "contest_time", "run_time"}));
        endpoints.push_back(endpoint("account", {"id", "username", "type", "team_id"}));
    }
    if (who.sees_all()) {
        endpoints.push_back(endpoint("accounts", {"id", "username", "type", "team_id"}));
    }
    return {{"capabilities", std::move(capabilities)}, {"endpoints", std::move(endpoints)}};
}

}  // namespace

Response get_api_info(Call&) {
    return json_response(200,
                         json::object{{"version", "2026-01"},
                                      {"version_url", "https://ccs-specs.icpc.io/2026-01/contest_api"},
                                      {"provider", json::object{{"name", "Khue"}, {"version", "0.1.0"}}}});
}

// Every contest this server serves (the store's contests), by id.
Response get_contests(Call& c) {
    json::array out;
    for (const auto& contest : c.service.db().list_contests()) {
        if (ContestService* s = c.app.contests.find(contest.id)) {
            out.push_back(contest_json(s->contest()));
        }
    }
    return json_response(200, std::move(out));
}

Response get_contest(Call& c) {
    return json_response(200, contest_json(c.service.contest()));
}

Response get_state(Call& c) {
    return json_response(200, state_json(c.service.contest()));
}

Response get_access(Call& c) {
    return json_response(200, access(c.who));
}

Response get_judgement_types(Call& c) {
    return listing(judgement_types_json(), c, "judgement type");
}

Response get_languages(Call& c) {
    return listing(languages_json(), c, "language");
}

Response patch_contest(Call& call) {
    ContestService& service = call.service;
    const Request& request = call.request;
    std::string error;
    auto body = json_body(request, error);
    if (!body) {
        return error_response(400, error);
    }
    store::Contest c = service.contest();
    auto now = store::Clock::now();
    bool started = c.start_time && now >= *c.start_time;
    for (const auto& [key, value] : *body) {
        if (key == "id") {
            if (!value.is_string() || value.as_string() != c.id) {
                return error_response(400, "id does not match the contest");
            }
        } else if (key == "start_time") {
            if (started) {
                return error_response(409, "the contest has started; its start time can no longer change");
            }
            if (value.is_null()) {
                c.start_time.reset();
                continue;
            }
            auto t = value.is_string() ? parse_time(std::string(value.as_string())) : std::nullopt;
            if (!t) {
                return error_response(400,
                                      "start_time must be a TIME like 2026-10-01T09:00:00+07:00, or null");
            }
            c.start_time = *t;
        } else if (key == "scoreboard_thaw_time") {
            auto t = value.is_string() ? parse_time(std::string(value.as_string())) : std::nullopt;
            if (!t) {
                return error_response(400, "scoreboard_thaw_time must be a TIME");
            }
            if (!c.scoreboard_freeze_duration) {
                return error_response(409, "the contest has no scoreboard freeze to thaw");
            }
            c.scoreboard_thaw_time = *t;
        } else if (key == "scoreboard_freeze_duration") {
            auto d = value.is_string() ? parse_reltime(std::string(value.as_string())) : std::nullopt;
            if (!d || d->count() < 0 || *d > c.duration) {
                return error_response(400, "scoreboard_freeze_duration must be a RELTIME within the contest");
            }
            c.scoreboard_freeze_duration = *d;
        } else {
            return error_response(400, "property '" + std::string(key) + "' cannot be changed");
        }
    }
    service.db().upsert_contest(c);
    service.tick();  // the state follows at once, not at the next second
    return json_response(200, contest_json(c));
}

}  // namespace khue::api
