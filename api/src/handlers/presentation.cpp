// Presenter mode (docs/contest-api.md, "The closing ceremony"): the resolver in broadcast mode publishes the
// board of each step it shows (PUT /api/khue/contests/<id>/presentation, jury), public scoreboards show that
// board instead of the server's (GET, anyone; a `khue-presentation` event on the feed says when it changed),
// and DELETE ends the presentation. The server publishes exactly what the presenter revealed: the board is
// the presenter's, checked to name only the contest's public teams, and nothing else is added to it.
#include "handlers/handlers.hpp"

#include <set>

namespace khue::api {

namespace json = boost::json;

namespace {

const char* const kType = "khue-presentation";
const char* const kId = "presenter";

std::optional<std::string> refused(ContestService& s) {
    auto contest = s.contest();
    if (!contest.state.ended) {
        return "the contest has not ended: there is nothing to present yet";
    }
    if (contest.state.end_of_updates) {
        return "the contest is finalized: its feed takes no more events";
    }
    return std::nullopt;
}

}  // namespace

Response get_presentation(Call& c) {
    auto data = c.service.presentation();
    if (!data) {
        return json_response(200, json::object{{"active", false}});
    }
    Response r;
    r.body = data;
    return r;
}

Response put_presentation(Call& c) {
    std::string error;
    auto body = json_body(c.request, error);
    if (!body) {
        return error_response(400, error);
    }
    const json::value* step = body->if_contains("step");
    const json::value* total = body->if_contains("total");
    const json::value* rows = body->if_contains("rows");
    if (step == nullptr || !step->is_int64() || total == nullptr || !total->is_int64() ||
        step->as_int64() < 0 || step->as_int64() > total->as_int64()) {
        return error_response(400, "step and total must be whole numbers with 0 <= step <= total");
    }
    if (rows == nullptr || !rows->is_array()) {
        return error_response(400, "rows must be the board's rows (an array)");
    }
    std::set<std::string> visible;
    for (const auto& t : c.service.db().list_teams(c.service.contest_id())) {
        if (!t.hidden) {
            visible.insert(t.id);
        }
    }
    auto team_of = [&](const json::value& v) -> std::optional<std::string> {
        if (!v.is_string() || !visible.contains(std::string(v.as_string()))) {
            return std::nullopt;
        }
        return std::string(v.as_string());
    };
    json::array out_rows;
    for (std::size_t i = 0; i < rows->as_array().size(); ++i) {
        const json::value& row = rows->as_array()[i];
        const json::value* team = row.is_object() ? row.as_object().if_contains("team_id") : nullptr;
        if (team == nullptr || !team_of(*team)) {
            return error_response(400, "rows[" + std::to_string(i) +
                                           "].team_id: not a public team of the contest (hidden teams are "
                                           "never presented)");
        }
        json::object copy;
        for (const char* key : {"rank", "team_id", "score", "problems"}) {
            if (const json::value* v = row.as_object().if_contains(key)) {
                copy[key] = *v;
            }
        }
        out_rows.push_back(std::move(copy));
    }
    json::array fixed;
    if (const json::value* f = body->if_contains("fixed"); f != nullptr && f->is_array()) {
        for (const auto& id : f->as_array()) {
            if (!team_of(id)) {
                return error_response(400, "fixed: not a public team of the contest");
            }
            fixed.push_back(id);
        }
    }
    json::value focus = nullptr;
    if (const json::value* f = body->if_contains("focus"); f != nullptr && f->is_object()) {
        const json::value* team = f->as_object().if_contains("team_id");
        const json::value* problem = f->as_object().if_contains("problem_id");
        if (team == nullptr || !team_of(*team) || problem == nullptr || !problem->is_string()) {
            return error_response(400, "focus must name a public team and a problem");
        }
        focus = json::object{{"team_id", *team}, {"problem_id", *problem}};
    }
    if (auto reason = refused(c.service)) {
        return error_response(409, *reason);
    }
    json::object data{{"id", kId},
                      {"active", true},
                      {"step", step->as_int64()},
                      {"total", total->as_int64()},
                      {"done", step->as_int64() == total->as_int64()},
                      {"focus", std::move(focus)},
                      {"fixed", std::move(fixed)},
                      {"rows", std::move(out_rows)}};
    std::string text = json::serialize(data);
    c.service.db().append_event(c.service.contest_id(), kType, kId, text);
    return json_response(200, json::object{{"step", step->as_int64()}, {"total", total->as_int64()}});
}

Response delete_presentation(Call& c) {
    if (c.service.presentation()) {
        if (c.service.contest().state.end_of_updates) {
            return error_response(409, "the contest is finalized: its feed takes no more events");
        }
        c.service.db().append_event(c.service.contest_id(), kType, kId, std::nullopt);
    }
    return json_response(200, json::object{{"active", false}});
}

}  // namespace khue::api
