// The mirror: the contest and what the event log said about submissions and judgements, kept up to date by
// replay() and follow(). See contest_service.hpp for the other parts.
#include "server/contest_service.hpp"
#include "server/json_fields.hpp"
#include "server/scoreboard_events.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/store/clock.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace khue::api {

namespace json = boost::json;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

std::string json_string(std::string_view s) {
    return json::serialize(json::value(json::string_view(s.data(), s.size())));
}

}  // namespace

JudgingMetrics ContestService::judging_counts() {
    std::lock_guard lock(mutex_);
    return metrics_;
}

std::string ContestService::judging_metrics() {
    std::lock_guard lock(mutex_);
    return metrics_.render();
}

ContestService::ContestService(store::Store& store, std::string contest_id) : store_(store) {
    if (contest_id.empty()) {
        auto contests = store_.list_contests();
        if (contests.empty()) {
            throw std::runtime_error("the store holds no contest to serve");
        }
        contest_id = contests.front().id;
    }
    auto contest = store_.get_contest(contest_id);
    if (!contest) {
        throw std::runtime_error("the store holds no contest '" + contest_id + "'");
    }
    contest_id_ = contest_id;
    contest_ = *contest;
    state_json_ = json::serialize(state_json(contest_));
    refresh_rules_locked();
}

store::Contest ContestService::contest() {
    std::lock_guard lock(mutex_);
    return contest_;
}

void ContestService::reload_contest() {
    auto fresh = store_.get_contest(contest_id_);
    std::lock_guard lock(mutex_);
    if (fresh) {
        contest_.awards = fresh->awards;
        synced_at_.reset();
    }
}

void ContestService::replay() {
    for (;;) {
        auto events = store_.read_events(contest_id_, last_token_, 5000);
        if (events.empty()) {
            break;
        }
        for (const auto& e : events) {
            apply(e);
        }
    }
    spdlog::info("contest {}: replayed the event log up to token {} ({} submissions)", contest_id_,
                 last_token_, submissions_.size());
    sync_derived();
}

void ContestService::on_new_lines(std::function<void()> callback) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(callback));
}

void ContestService::follow() {
    // The feed's clients are woken as soon as the new lines are in the history, before the clock and the
    // derived objects (awards: the whole standings) are brought up to date: those cost milliseconds, and
    // whatever they write comes back as events of the next round.
    auto notify_since = [this](std::int64_t seen) {
        std::vector<std::function<void()>> listeners;
        {
            std::lock_guard lock(mutex_);
            if (last_token_ == seen) {
                return;
            }
            listeners = listeners_;
        }
        for (auto& f : listeners) {
            f();
        }
    };
    while (!stopping_) {
        std::int64_t seen = last_token();
        std::int64_t notified = seen;
        bool more = false;
        try {
            more = store_.wait_for_event(seen, std::chrono::seconds{1});
            if (more) {
                auto events = store_.read_events(contest_id_, seen, 2000);
                for (const auto& e : events) {
                    apply(e);
                }
                if (events.empty()) {
                    // Events of another contest advance the log but not us; remember we have seen them.
                    std::lock_guard lock(mutex_);
                    last_token_ = std::max(last_token_, store_.latest_token());
                } else {
                    notify_since(seen);
                    notified = events.back().token;
                }
            }
            tick();
            sync_derived();
        } catch (const std::exception& e) {
            spdlog::warn("event follower: {}", e.what());
            std::this_thread::sleep_for(std::chrono::seconds{1});
        }
        notify_since(notified);
    }
}

void ContestService::stop() {
    stopping_ = true;
}

std::int64_t ContestService::last_token() {
    std::lock_guard lock(mutex_);
    return last_token_;
}

void ContestService::apply(const store::Event& e) {
    std::optional<json::value> parsed;
    if (e.data) {
        std::error_code ec;
        parsed = json::parse(*e.data, ec);
        if (ec) {
            spdlog::warn("event {} ({}) holds invalid JSON; skipped", e.token, e.type);
            std::lock_guard lock(mutex_);
            last_token_ = std::max(last_token_, e.token);
            return;
        }
    }
    const json::value* data = parsed ? &*parsed : nullptr;
    std::string id = e.id.value_or("");
    {
        std::lock_guard lock(mutex_);
        note_names_locked(e.type, id, data);
        if (e.type == "judgement-types" || e.type == "languages" || e.type == "awards") {
            if (e.data) {
                derived_[e.type][id] = *e.data;
            } else {
                derived_[e.type].erase(id);
            }
        }
    }

    if (e.type == "khue-presentation") {
        std::lock_guard lock(mutex_);
        presentation_ = e.data ? std::make_shared<const std::string>(*e.data) : nullptr;
    } else if (e.type == "contest" || e.type == "state") {
        auto fresh = store_.get_contest(contest_id_);
        std::lock_guard lock(mutex_);
        if (fresh) {
            store::ContestState before = contest_.state;
            contest_ = *fresh;
            state_json_ = json::serialize(state_json(contest_));
            ++state_version_;
            refresh_rules_locked();
            reveal_locked(before, e.token);
            if (contest_.state.end_of_updates) {
                presentation_.reset();  // finalized: the public boards are the final ones, no presenter's
            }
        }
    } else if (e.type == "problems" && data != nullptr) {
        std::lock_guard lock(mutex_);
        auto ordinal = number_field(data, "ordinal");
        ScoreboardProblem problem{id, static_cast<int>(ordinal.value_or(0)), number_field(data, "max_score")};
        engine_.upsert_problem(problem);
        practice_.upsert_problem(problem);
    } else if (e.type == "teams" && data != nullptr) {
        ScoreboardTeam team = scoreboard_team_from_event(id, data);
        std::lock_guard lock(mutex_);
        team_groups_[id] = team.group_ids;
        engine_.upsert_team(team);
        if (team.hidden) {
            hidden_teams_.insert(id);
        } else {
            hidden_teams_.erase(id);
        }
        practice_.upsert_team(team);
    } else if (e.type == "submissions") {
        std::lock_guard lock(mutex_);
        if (data == nullptr) {
            engine_.remove_submission(id);
            practice_.remove_submission(id);
            submissions_.erase(id);
        } else {
            auto t = parse_reltime(string_field(data, "contest_time"));
            SubmissionFacts facts{string_field(data, "team_id"), t.value_or(Millis{0})};
            std::string problem = string_field(data, "problem_id");
            // After the end (practice): judged and shown apart, never in the official standings.
            facts.practice = facts.contest_time >= contest_.duration;
            if (!facts.practice) {
                engine_.add_submission(id, facts.team_id, problem, facts.contest_time);
            }
            practice_.add_submission(id, facts.team_id, problem, facts.contest_time);
            submissions_[id] = facts;
        }
    } else if (e.type == "judgements" && data == nullptr) {
        // An abandoned judgement is deleted from the feed; its submission waits for the next one.
        std::lock_guard lock(mutex_);
        if (auto owner = judgement_owner_.find(id); owner != judgement_owner_.end()) {
            if (auto it = current_judgement_.find(owner->second);
                it != current_judgement_.end() && it->second == id) {
                current_judgement_.erase(it);
                engine_.set_result(owner->second, std::nullopt);
                practice_.set_result(owner->second, std::nullopt);
            }
        }
    } else if (e.type == "judgements") {
        std::string submission = string_field(data, "submission_id");
        std::lock_guard lock(mutex_);
        judgement_owner_[id] = submission;
        if (bool_field(data, "current")) {
            current_judgement_[submission] = id;
            std::optional<judge::Verdict> verdict;
            std::string type = string_field(data, "judgement_type_id");
            if (!type.empty()) {
                verdict = judge::verdict_from_string(type);
            }
            engine_.set_result(submission, verdict, number_field(data, "score"));
            practice_.set_result(submission, verdict, number_field(data, "score"));
            if (verdict) {
                metrics_.record_verdict(type);
                auto end = parse_reltime(string_field(data, "end_contest_time"));
                auto facts = submissions_.find(submission);
                if (end && facts != submissions_.end()) {
                    metrics_.record_latency(
                        std::chrono::duration<double>(*end - facts->second.contest_time).count());
                }
            }
        } else if (auto it = current_judgement_.find(submission);
                   it != current_judgement_.end() && it->second == id) {
            current_judgement_.erase(it);
            engine_.set_result(submission, std::nullopt);
            practice_.set_result(submission, std::nullopt);
        }
    }

    // The feed line. Submissions get their files reference, which only the API can name.
    std::string data_text = e.data.value_or("null");
    if (e.type == "submissions" && parsed && parsed->is_object()) {
        json::object copy = parsed->as_object();
        copy["files"] = json::array{submission_files_ref(contest_id_, id)};
        data_text = json::serialize(copy);
    }
    // Problems get their statement reference, as REST gives it (the package is read once, then cached).
    if (e.type == "problems" && parsed && parsed->is_object()) {
        if (auto problem = store_.get_problem(contest_id_, id)) {
            if (auto statement = statement_ref(store_, *problem)) {
                json::object copy = parsed->as_object();
                copy["statement"] = json::array{std::move(*statement)};
                data_text = json::serialize(copy);
            }
        }
    }
    // The presenter's board is served by GET .../presentation; the feed only says that it changed.
    if (e.type == "khue-presentation" && parsed && parsed->is_object()) {
        json::object copy = parsed->as_object();
        copy.erase("rows");
        copy.erase("fixed");
        copy.erase("focus");
        data_text = json::serialize(copy);
    }
    std::string line = "{\"type\":" + json_string(e.type) +
                       ",\"id\":" + (e.id ? json_string(*e.id) : "null") + ",\"data\":" + data_text +
                       ",\"token\":\"" + std::to_string(e.token) + "\"}\n";
    std::lock_guard lock(mutex_);
    FeedLine feed_line{e.token, e.type, id, visibility(e, data),
                       std::make_shared<const std::string>(std::move(line))};
    history_.push_back(std::move(feed_line));
    last_token_ = std::max(last_token_, e.token);
    last_change_ = e.time;
}

std::optional<ContestService::SubmissionFacts> ContestService::submission_facts(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto it = submissions_.find(id);
    if (it == submissions_.end()) {
        return std::nullopt;
    }
    return it->second;
}

bool ContestService::team_hidden(const std::string& team_id) {
    std::lock_guard lock(mutex_);
    return hidden_teams_.contains(team_id);
}

std::optional<std::string> ContestService::judgement_submission(const std::string& judgement_id) {
    std::lock_guard lock(mutex_);
    auto it = judgement_owner_.find(judgement_id);
    if (it == judgement_owner_.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::shared_ptr<const std::string> ContestService::presentation() {
    std::lock_guard lock(mutex_);
    return presentation_;
}

std::shared_ptr<const Standings> ContestService::standings(ScoreboardView view, const std::string& group_id) {
    std::lock_guard lock(mutex_);
    return engine_.standings(view, group_id);
}

std::shared_ptr<const Standings> ContestService::practice_standings(const std::string& group_id) {
    std::lock_guard lock(mutex_);
    return practice_.standings(ScoreboardView::Jury, group_id);
}

std::string ContestService::practice_scoreboard(const std::string& group_id) {
    std::lock_guard lock(mutex_);
    return scoreboard_text(*practice_.standings(ScoreboardView::Jury, group_id),
                           practice_.rules().type == ScoreboardType::PassFail, contest_, state_json_,
                           store::Clock::now());
}

std::shared_ptr<const EncodedBody> ContestService::scoreboard(ScoreboardView view,
                                                              const std::string& group_id) {
    std::lock_guard lock(mutex_);
    std::string key = (view == ScoreboardView::Jury ? "j:" : "p:") + group_id;
    std::uint64_t version = engine_.version() * 1'000'003 + state_version_;
    if (auto cached = board_cache_.find(key, version)) {
        return cached;
    }
    auto time = last_change_ == store::TimePoint{} ? store::Clock::now() : last_change_;
    auto text = std::make_shared<const std::string>(
        scoreboard_text(*engine_.standings(view, group_id), engine_.rules().type == ScoreboardType::PassFail,
                        contest_, state_json_, time));
    auto body = std::make_shared<const EncodedBody>(std::move(text));
    board_cache_.keep(key, version, body);
    return body;
}

}  // namespace khue::api
