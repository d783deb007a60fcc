// Rejudgings (Khue): the jury lists them and previews one (old and new verdict per submission); an admin
// creates one (optionally applying it at once), then applies or cancels it after the preview.
#include "handlers/handlers.hpp"

#include "khue/api/contest_api.hpp"

namespace khue::api {

namespace json = boost::json;

namespace {

const char* state_name(store::RejudgingState s) {
    switch (s) {
        case store::RejudgingState::Created:
            return "created";
        case store::RejudgingState::Applied:
            return "applied";
        case store::RejudgingState::Cancelled:
            return "cancelled";
    }
    return "created";
}

json::object rejudging_json(const store::Rejudging& r) {
    json::object o{{"id", r.id},
                   {"state", state_name(r.state)},
                   {"reason", r.reason},
                   {"submission_count", r.submission_count},
                   {"created", format_time(std::chrono::floor<Millis>(r.created_at))}};
    o["decided"] = r.decided_at ? json::value(format_time(std::chrono::floor<Millis>(*r.decided_at)))
                                : json::value(nullptr);
    return o;
}

json::value verdict_or_null(const std::optional<judge::Verdict>& v) {
    return v ? json::value(std::string(judge::to_string(*v))) : json::value(nullptr);
}

json::value id_or_null(const std::optional<std::string>& id) {
    return id ? json::value(*id) : json::value(nullptr);
}

// The rejudging named in the path, when it belongs to this contest.
std::optional<store::Rejudging> find(Call& c) {
    auto r = c.service.db().get_rejudging(c.arg(0));
    if (!r || r->contest_id != c.service.contest_id()) {
        return std::nullopt;
    }
    return r;
}

Response missing(Call& c) {
    return error_response(404, "no rejudging with id '" + c.arg(0) + "'");
}

// Applies or cancels; only a rejudging still in state `created` can be decided.
Response decide(Call& c, bool apply) {
    auto r = find(c);
    if (!r) {
        return missing(c);
    }
    if (r->state != store::RejudgingState::Created) {
        return error_response(409, "rejudging '" + r->id + "' is already " + state_name(r->state));
    }
    if (apply && c.service.contest().state.finalized) {
        return error_response(409, "the contest is finalized: its results are fixed");
    }
    if (apply) {
        c.service.db().apply_rejudging(r->id);
    } else {
        c.service.db().cancel_rejudging(r->id);
    }
    return json_response(200, rejudging_json(*c.service.db().get_rejudging(r->id)));
}

}  // namespace

Response get_rejudgings(Call& c) {
    json::array items;
    for (const auto& r : c.service.db().list_rejudgings(c.service.contest_id())) {
        items.push_back(rejudging_json(r));
    }
    return listing(std::move(items), c, "rejudging");
}

// One rejudging with its preview: per submission the current verdict and the new one (null until judged).
Response get_rejudging(Call& c) {
    auto r = find(c);
    if (!r) {
        return missing(c);
    }
    json::array rows;
    std::size_t done = 0;
    std::size_t changed = 0;
    for (const auto& row : c.service.db().preview_rejudging(r->id)) {
        done += row.done() ? 1 : 0;
        changed += row.changed() ? 1 : 0;
        rows.push_back(json::object{{"submission_id", row.submission_id},
                                    {"old_judgement_id", id_or_null(row.old_judgement_id)},
                                    {"old_judgement_type_id", verdict_or_null(row.old_verdict)},
                                    {"new_judgement_id", id_or_null(row.new_judgement_id)},
                                    {"new_judgement_type_id", verdict_or_null(row.new_verdict)},
                                    {"changed", row.changed()}});
    }
    auto o = rejudging_json(*r);
    o["judged_count"] = done;
    o["changed_count"] = changed;
    o["submissions"] = std::move(rows);
    return json_response(200, o);
}

Response post_rejudging(Call& call) {
    ContestService& service = call.service;
    const Request& request = call.request;
    if (service.contest().state.finalized) {
        return error_response(409, "the contest is finalized: its results are fixed");
    }
    std::string error;
    auto body = json_body(request, error);
    if (!body) {
        return error_response(400, error);
    }
    store::RejudgeSelection selection;
    selection.contest_id = service.contest_id();
    auto opt = [&](const char* key) -> std::optional<std::string> {
        const json::value* v = body->if_contains(key);
        if (v != nullptr && v->is_string()) {
            return std::string(v->as_string());
        }
        return std::nullopt;
    };
    selection.submission_id = opt("submission_id");
    selection.problem_id = opt("problem_id");
    selection.team_id = opt("team_id");
    selection.language_id = opt("language_id");
    if (auto v = opt("judgement_type_id")) {
        selection.current_verdict = judge::verdict_from_string(*v);
        if (!selection.current_verdict) {
            return error_response(400, "unknown judgement type '" + *v + "'");
        }
    }
    if (!selection.submission_id && !selection.problem_id && !selection.team_id && !selection.language_id &&
        !selection.current_verdict) {
        return error_response(400,
                              "say what to rejudge: submission_id, problem_id, team_id, language_id or "
                              "judgement_type_id");
    }
    std::string reason = opt("reason").value_or("rejudged by an admin");
    store::Rejudging r = service.db().create_rejudging(selection, reason);
    const json::value* apply = body->if_contains("apply");
    if (apply != nullptr && apply->is_bool() && apply->as_bool()) {
        service.db().apply_rejudging(r.id);
        r.state = store::RejudgingState::Applied;
    }
    auto response = json_response(201, rejudging_json(r));
    response.headers.emplace_back("Location", "/api/contests/" + r.contest_id + "/rejudgings/" + r.id);
    return response;
}

Response post_rejudging_apply(Call& c) {
    return decide(c, true);
}

Response post_rejudging_cancel(Call& c) {
    return decide(c, false);
}

}  // namespace khue::api
