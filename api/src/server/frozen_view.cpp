// The scoreboard as the public saw it while frozen, at any time after the contest (GET
// .../scoreboard?view=frozen, jury): what the resolver starts from, also once the scoreboard is thawed. Built
// afresh from the event log in a scoreboard engine of its own whose freeze never thaws (the live engines are
// left alone): problems, teams (hidden ones stay out of the public view), submissions of the contest (not
// practice ones) and their current judgements.
#include "server/contest_service.hpp"
#include "server/json_fields.hpp"
#include "server/scoreboard_events.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/store/clock.hpp"

#include <algorithm>
#include <unordered_map>

namespace khue::api {

namespace json = boost::json;

std::shared_ptr<const std::string> ContestService::frozen_scoreboard(const std::string& group_id) {
    store::Contest contest;
    std::string state;
    {
        std::lock_guard lock(mutex_);
        contest = contest_;
        state = state_json_;
    }
    ScoreboardRules rules;
    rules.type = contest.scoreboard_type;
    rules.penalty_time = std::chrono::duration_cast<std::chrono::minutes>(contest.penalty_time);
    if (contest.scoreboard_freeze_duration) {
        rules.freeze_start = contest.duration - *contest.scoreboard_freeze_duration;
    }
    rules.thawed = false;
    ScoreboardEngine engine(rules);

    std::unordered_map<std::string, std::string> judgement_owner;    // judgement id -> submission id
    std::unordered_map<std::string, std::string> current_judgement;  // submission id -> judgement id
    auto apply = [&](const store::Event& e) {
        std::optional<json::value> parsed;
        if (e.data) {
            std::error_code ec;
            parsed = json::parse(*e.data, ec);
            if (ec) {
                return;  // apply() logs it once for the live mirror
            }
        }
        const json::value* data = parsed ? &*parsed : nullptr;
        const std::string id = e.id.value_or("");
        if (e.type == "problems" && data != nullptr) {
            engine.upsert_problem({id, static_cast<int>(number_field(data, "ordinal").value_or(0)),
                                   number_field(data, "max_score")});
        } else if (e.type == "teams" && data != nullptr) {
            ScoreboardTeam team = scoreboard_team_from_event(id, data);
            engine.upsert_team(team);
        } else if (e.type == "submissions") {
            if (data == nullptr) {
                engine.remove_submission(id);
                return;
            }
            auto t = parse_reltime(string_field(data, "contest_time")).value_or(Millis{0});
            if (t < contest.duration) {  // practice submissions never count in the official standings
                engine.add_submission(id, string_field(data, "team_id"), string_field(data, "problem_id"), t);
            }
        } else if (e.type == "judgements") {
            if (data == nullptr) {
                if (auto owner = judgement_owner.find(id); owner != judgement_owner.end()) {
                    if (auto it = current_judgement.find(owner->second);
                        it != current_judgement.end() && it->second == id) {
                        current_judgement.erase(it);
                        engine.set_result(owner->second, std::nullopt);
                    }
                }
                return;
            }
            std::string submission = string_field(data, "submission_id");
            judgement_owner[id] = submission;
            if (bool_field(data, "current")) {
                current_judgement[submission] = id;
                std::optional<judge::Verdict> verdict;
                if (std::string type = string_field(data, "judgement_type_id"); !type.empty()) {
                    verdict = judge::verdict_from_string(type);
                }
                engine.set_result(submission, verdict, number_field(data, "score"));
            } else if (auto it = current_judgement.find(submission);
                       it != current_judgement.end() && it->second == id) {
                current_judgement.erase(it);
                engine.set_result(submission, std::nullopt);
            }
        }
    };
    for (std::int64_t since = 0;;) {
        auto events = store_.read_events(contest_id_, since, 5000);
        if (events.empty()) {
            break;
        }
        for (const auto& e : events) {
            apply(e);
            since = std::max(since, e.token);
        }
    }
    return std::make_shared<const std::string>(
        scoreboard_text(*engine.standings(ScoreboardView::Public, group_id),
                        rules.type == ScoreboardType::PassFail, contest, state, store::Clock::now()));
}

}  // namespace khue::api
