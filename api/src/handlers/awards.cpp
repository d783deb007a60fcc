// Awards and the end of a contest: GET .../awards (what the event log says, the same as the feed), the awards
// a contest gives (GET/PUT /api/khue/contests/<id>/award-rules, admin) and finalization (POST
// /api/khue/contests/<id>/finalize, admin).
#include "handlers/handlers.hpp"

#include "khue/api/awards.hpp"
#include "khue/api/contest_api.hpp"

namespace khue::api {

namespace json = boost::json;

Response get_awards(Call& c) {
    // ?view=final (jury): the awards of the final scoreboard, for the resolver before the thaw
    // (docs/contest-api.md).
    if (auto view = c.request.param("view"); view && *view != "final") {
        return error_response(400, "unknown awards view '" + *view + "': the only one is 'final' (jury)");
    }
    if (c.request.param("view") == "final") {
        if (!c.who.sees_all()) {
            return error_response(403, "the final awards are for the jury until the contest is thawed");
        }
        return listing(c.service.final_awards(), c, "award");
    }
    return listing(c.service.awards(), c, "award");
}

Response get_award_rules(Call& c) {
    std::string error;
    auto rules = parse_award_rules(c.service.contest().awards, error);
    if (!rules) {
        return error_response(500, "the stored awards setting is unusable: " + error);
    }
    return json_response(200, award_rules_json(*rules));
}

Response put_award_rules(Call& c) {
    std::string error;
    auto body = json_body(c.request, error);
    if (!body) {
        return error_response(400, error);
    }
    auto rules = parse_award_rules_json(json::value(*body), error);
    if (!rules) {
        return error_response(400, error);
    }
    ContestService& s = c.service;
    if (s.contest().state.finalized) {
        return error_response(409, "the contest is finalized: its awards are fixed");
    }
    auto contest = s.db().get_contest(s.contest_id());
    if (!contest) {
        return error_response(404, "the contest is gone from the store");
    }
    contest->awards = json::serialize(award_rules_json(*rules));
    s.db().upsert_contest(*contest);
    s.reload_contest();
    s.sync_derived();  // the awards follow at once
    return json_response(200, award_rules_json(*rules));
}

Response post_finalize(Call& c) {
    if (auto refused = c.service.finalize()) {
        return error_response(409, "cannot finalize: " + *refused);
    }
    c.service.tick();
    return json_response(200, state_json(c.service.db().get_contest(c.service.contest_id()).value()));
}

}  // namespace khue::api
