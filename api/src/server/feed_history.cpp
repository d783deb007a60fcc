// The event feed history: one NDJSON line per event with the visibility policy's description of its object,
// the copies re-sent when objects become public, and the lines a client may see.
#include "server/clarification_visibility.hpp"
#include "server/contest_service.hpp"
#include "server/json_fields.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace khue::api {

namespace json = boost::json;

namespace {

// The same line with another token: a re-sent object must not claim a token the client may resume from
// past the lines that follow it.
std::string with_token(const std::string& line, std::int64_t token) {
    static constexpr std::string_view kKey = ",\"token\":\"";
    auto at = line.rfind(kKey);
    if (at == std::string::npos) {
        return line;
    }
    return line.substr(0, at) + std::string(kKey) + std::to_string(token) + "\"}\n";
}

bool is_deletion(const std::string& line) {
    return line.find(",\"data\":null,\"token\":") != std::string::npos;
}

}  // namespace

// A connected public client has passed the lines the freeze (or the time before the start) hid from it; it
// would never see them. So the public view re-sends the now-visible objects just before the state line that
// changed the view. They share the state event's position in the history (a resume from that token skips
// them, as the client has them) but carry the previous token (a client cut off in the middle of them
// resumes before them and gets them all again). The jury and the owners saw the originals and get no copy.
void ContestService::reveal_locked(const store::ContestState& before, std::int64_t token) {
    std::vector<std::size_t> picked;
    auto latest_of = [&](const std::function<bool(const FeedLine&)>& wanted) {
        std::set<std::string> seen;
        for (std::size_t i = history_.size(); i-- > 0;) {
            const FeedLine& l = history_[i];
            if (l.visibility.reveal || !wanted(l) || !seen.insert(l.id).second) {
                continue;
            }
            if (!is_deletion(*l.text)) {
                picked.push_back(i);
            }
        }
    };
    if (!before.thawed && contest_.state.thawed && contest_.scoreboard_freeze_duration) {
        Millis freeze_start = contest_.duration - *contest_.scoreboard_freeze_duration;
        latest_of([&](const FeedLine& l) {
            return l.type == "judgements" && l.visibility.public_ok && l.visibility.freeze_time &&
                   *l.visibility.freeze_time >= freeze_start;
        });
    }
    if (!before.started && contest_.state.started) {
        latest_of([](const FeedLine& l) { return l.type == "problems"; });
    }
    std::sort(picked.begin(), picked.end());
    for (std::size_t i : picked) {
        FeedLine copy = history_[i];
        copy.token = token;
        copy.visibility.reveal = true;
        copy.visibility.freeze_time.reset();
        copy.text = std::make_shared<const std::string>(with_token(*history_[i].text, last_token_));
        history_.push_back(std::move(copy));
    }
    if (!picked.empty()) {
        spdlog::info("contest {}: the public view now shows {} more objects; re-sent at token {}",
                     contest_id_, picked.size(), token);
    }
}

// The policy's description of one event's object (see policy/visibility.hpp). A deletion carries no data:
// its owner comes from what the log said before.
Visibility ContestService::visibility(const store::Event& e, const json::value* data) {
    std::string id = e.id.value_or("");
    auto submission_of = [&](const std::string& submission) -> std::pair<std::string, std::optional<Millis>> {
        if (auto it = submissions_.find(submission); it != submissions_.end()) {
            return {it->second.team_id, it->second.contest_time};
        }
        return {{}, std::nullopt};
    };
    auto owner_of_judgement = [&](const std::string& judgement) {
        auto it = judgement_owner_.find(judgement);
        return it == judgement_owner_.end() ? std::string{} : it->second;
    };
    if (e.type == "problems") {
        return visible::problem();
    }
    if (e.type == "teams") {
        return visible::team(id, bool_field(data, "hidden"));
    }
    if (e.type == "groups") {
        return visible::group(bool_field(data, "hidden"));
    }
    // A hidden team's submissions and judgements are not public (its runs never are).
    auto unless_hidden = [&](Visibility v, const std::string& team) {
        v.public_ok = v.public_ok && !hidden_teams_.contains(team);
        return v;
    };
    if (e.type == "submissions") {
        std::string team = string_field(data, "team_id");
        if (team.empty()) {
            team = submission_of(id).first;
        }
        return unless_hidden(visible::submission(team), team);
    }
    if (e.type == "judgements") {
        std::string submission = string_field(data, "submission_id");
        auto [team, time] = submission_of(submission.empty() ? owner_of_judgement(id) : submission);
        return unless_hidden(visible::judgement(team, time), team);
    }
    if (e.type == "runs") {
        auto [team, time] = submission_of(owner_of_judgement(string_field(data, "judgement_id")));
        return visible::run(team, time, string_field(data, "test_name"));
    }
    if (e.type == "clarifications") {
        return clarification_visibility(data, [&](const std::string& group) {
            std::vector<std::string> teams;
            for (const auto& [team, groups] : team_groups_) {
                if (std::find(groups.begin(), groups.end(), group) != groups.end()) {
                    teams.push_back(team);
                }
            }
            return teams;
        });
    }
    if (e.type == "contest" || e.type == "state" || e.type == "judgement-types" || e.type == "languages" ||
        e.type == "organizations" || e.type == "awards" || e.type == "khue-presentation") {
        return visible::to_all();
    }
    return visible::to_jury();
}

namespace {

// Who a feed line's visibility depends on (may_see): the jury, one team, or the public.
std::string audience_of(const Principal& who) {
    if (who.sees_all()) {
        return "J";
    }
    return who.role == Role::Team ? "T" + who.team_id : "P";
}

}  // namespace

std::vector<std::shared_ptr<const std::string>> ContestService::lines_since(
    std::int64_t since, const Principal& who, const std::set<std::string>& types, std::int64_t& last,
    std::size_t limit) {
    std::lock_guard lock(mutex_);
    last = since;
    if (history_.empty() || history_.back().token <= since) {
        return {};  // the common case of a client that is up to date: nothing to look at
    }
    ContestView contest = view_locked();
    if (feed_memo_history_ != history_.size() || feed_memo_view_.started != contest.started ||
        feed_memo_view_.hidden_from != contest.hidden_from || feed_memo_.size() > 4096) {
        feed_memo_.clear();
        feed_memo_history_ = history_.size();
        feed_memo_view_ = contest;
    }
    std::string type_key;
    for (const auto& t : types) {
        type_key += t;
        type_key += ',';
    }
    auto [memo, fresh] = feed_memo_.try_emplace({since, audience_of(who), std::move(type_key), limit});
    FeedAnswer& answer = memo->second;
    if (fresh) {
        auto it = std::upper_bound(history_.begin(), history_.end(), since,
                                   [](std::int64_t t, const FeedLine& l) { return t < l.token; });
        answer.last = since;
        // Lines sharing a token (re-sent objects and their state line) go out together: the client resumes
        // after the token, so stopping among them would lose the rest.
        for (; it != history_.end() && (answer.lines.size() < limit || it->token == answer.last); ++it) {
            answer.last = it->token;
            // Khue's own `khue-presentation` lines go only to clients that ask for them by ?types= (the
            // public scoreboard page): a Contest API client's feed holds the specification's types only.
            if (types.empty() ? it->type == "khue-presentation" : !types.contains(it->type)) {
                continue;
            }
            if (may_see(who, it->visibility, contest)) {
                answer.lines.push_back(it->text);
            }
        }
    }
    last = answer.last;
    return answer.lines;
}

}  // namespace khue::api
