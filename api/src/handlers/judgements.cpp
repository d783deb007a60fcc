// Judgements and runs, as the visibility policy allows; the compiler's messages (a Khue extension) go to the
// submitting team and the jury only.
#include "handlers/handlers.hpp"

#include "khue/api/contest_api.hpp"

namespace khue::api {

namespace json = boost::json;

namespace {

struct Owner {
    std::string team_id;
    std::optional<Millis> contest_time;
};

// The submission's team and contest time: from the event mirror, or, while the mirror has not yet caught up
// with a submission the store already judged, from the store itself (else the owner would be taken for
// nobody and its own team would miss what only it may see).
Owner owner_of(ContestService& s, const std::string& submission_id) {
    if (auto facts = s.submission_facts(submission_id)) {
        return Owner{facts->team_id, facts->contest_time};
    }
    auto sub = s.db().get_submission(s.contest_id(), submission_id);
    if (!sub) {
        return Owner{};
    }
    auto contest = s.contest();
    std::optional<Millis> contest_time;
    if (contest.start_time) {
        contest_time = std::chrono::floor<Millis>(sub->time - *contest.start_time);
    }
    return Owner{sub->team_id, contest_time};
}

}  // namespace

Response get_judgements(Call& c) {
    ContestService& s = c.service;
    auto view = s.view();
    auto contest = s.contest();
    json::array items;
    store::JudgementFilter filter{.contest_id = s.contest_id(),
                                  .submission_id = c.request.param("submission_id")};
    for (const auto& j : s.db().list_judgements(filter)) {
        auto owner = owner_of(s, j.submission_id);
        auto visibility = visible::judgement(owner.team_id, owner.contest_time);
        visibility.public_ok = !s.team_hidden(owner.team_id);  // a hidden team's judgements are not public
        if (!may_see(c.who, visibility, view)) {
            continue;
        }
        auto o = judgement_json(contest, j);
        if (sees_private(c.who, owner.team_id) && !j.compile_output.empty()) {
            o["compile_output"] = j.compile_output;
        }
        items.push_back(std::move(o));
    }
    return listing(std::move(items), c, "judgement");
}

Response get_runs(Call& c) {
    ContestService& s = c.service;
    std::optional<std::string> jid = c.request.param("judgement_id");
    auto view = s.view();
    auto contest = s.contest();
    json::array items;
    for (const auto& r :
         s.db().list_runs(s.contest_id(), jid ? std::optional<std::string_view>(*jid) : std::nullopt)) {
        auto sid = s.judgement_submission(r.judgement_id);
        auto owner = sid ? owner_of(s, *sid) : Owner{};
        if (may_see(c.who, visible::run(owner.team_id, owner.contest_time, r.test_name), view)) {
            items.push_back(run_json(contest, r));
        }
    }
    return listing(std::move(items), c, "run");
}

}  // namespace khue::api
