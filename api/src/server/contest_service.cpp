#include "app.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/store/clock.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace khue::api {

namespace json = boost::json;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

std::string json_string(std::string_view s) {
    return json::serialize(json::value(json::string_view(s.data(), s.size())));
}

const json::value* field(const json::value* v, std::string_view name) {
    if (v == nullptr || !v->is_object()) {
        return nullptr;
    }
    return v->as_object().if_contains(name);
}

std::string string_field(const json::value* v, std::string_view name) {
    const json::value* f = field(v, name);
    return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string{};
}

std::optional<double> number_field(const json::value* v, std::string_view name) {
    const json::value* f = field(v, name);
    if (f == nullptr || !f->is_number()) {
        return std::nullopt;
    }
    return f->to_number<double>();
}

bool bool_field(const json::value* v, std::string_view name) {
    const json::value* f = field(v, name);
    return f != nullptr && f->is_bool() && f->as_bool();
}

constexpr double kLatencyBuckets[] = {0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300};

}  // namespace

std::string ContestService::judging_metrics() {
    std::lock_guard lock(mutex_);
    std::string out =
        "# HELP khue_judgements_total Finished judgements, by verdict.\n"
        "# TYPE khue_judgements_total counter\n";
    for (const auto& [verdict, n] : verdicts_) {
        out += "khue_judgements_total{verdict=\"" + verdict + "\"} " + std::to_string(n) + "\n";
    }
    out +=
        "# HELP khue_judging_latency_seconds From submission to verdict.\n"
        "# TYPE khue_judging_latency_seconds histogram\n";
    std::uint64_t total = latency_buckets_.empty() ? 0 : latency_buckets_.back();
    for (std::size_t i = 0; i < std::size(kLatencyBuckets); ++i) {
        char le[32];
        std::snprintf(le, sizeof le, "%g", kLatencyBuckets[i]);
        out += "khue_judging_latency_seconds_bucket{le=\"" + std::string(le) + "\"} " +
               std::to_string(latency_buckets_.empty() ? 0 : latency_buckets_[i]) + "\n";
    }
    out += "khue_judging_latency_seconds_bucket{le=\"+Inf\"} " + std::to_string(total) + "\n";
    out += "khue_judging_latency_seconds_sum " + std::to_string(latency_sum_) + "\n";
    out += "khue_judging_latency_seconds_count " + std::to_string(total) + "\n";
    return out;
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

bool ContestService::started(store::TimePoint now) {
    std::lock_guard lock(mutex_);
    return contest_.start_time && now >= *contest_.start_time;
}

bool ContestService::running(store::TimePoint now) {
    std::lock_guard lock(mutex_);
    return contest_.start_time && now >= *contest_.start_time &&
           now < *contest_.start_time + contest_.duration;
}

bool ContestService::frozen_for_public(Millis t) {
    std::lock_guard lock(mutex_);
    const auto& r = engine_.rules();
    return r.freeze_start && !r.thawed && t >= *r.freeze_start;
}

void ContestService::refresh_rules_locked() {
    ScoreboardRules rules;
    rules.type = contest_.scoreboard_type;
    rules.penalty_time = duration_cast<std::chrono::minutes>(contest_.penalty_time);
    if (contest_.scoreboard_freeze_duration) {
        rules.freeze_start = contest_.duration - *contest_.scoreboard_freeze_duration;
    }
    rules.thawed = contest_.scoreboard_thaw_time && store::Clock::now() >= *contest_.scoreboard_thaw_time;
    engine_.set_rules(rules);
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
}

void ContestService::on_new_lines(std::function<void()> callback) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(callback));
}

void ContestService::follow() {
    while (!stopping_) {
        std::int64_t seen = last_token();
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
                }
            }
            tick();
        } catch (const std::exception& e) {
            spdlog::warn("event follower: {}", e.what());
            std::this_thread::sleep_for(std::chrono::seconds{1});
        }
        std::vector<std::function<void()>> listeners;
        {
            std::lock_guard lock(mutex_);
            listeners = listeners_;
        }
        if (last_token() != seen) {
            for (auto& f : listeners) {
                f();
            }
        }
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

    if (e.type == "contest" || e.type == "state") {
        auto fresh = store_.get_contest(contest_id_);
        std::lock_guard lock(mutex_);
        if (fresh) {
            store::ContestState before = contest_.state;
            contest_ = *fresh;
            state_json_ = json::serialize(state_json(contest_));
            ++state_version_;
            refresh_rules_locked();
            reveal_locked(before, e.token);
        }
    } else if (e.type == "problems" && data != nullptr) {
        std::lock_guard lock(mutex_);
        auto ordinal = number_field(data, "ordinal");
        engine_.upsert_problem({id, static_cast<int>(ordinal.value_or(0)), number_field(data, "max_score")});
    } else if (e.type == "teams" && data != nullptr) {
        ScoreboardTeam team;
        team.id = id;
        team.name = string_field(data, "display_name");
        if (team.name.empty()) {
            team.name = string_field(data, "name");
        }
        if (const json::value* groups = field(data, "group_ids"); groups != nullptr && groups->is_array()) {
            for (const auto& g : groups->as_array()) {
                if (g.is_string()) {
                    team.group_ids.emplace_back(g.as_string());
                }
            }
        }
        team.hidden = bool_field(data, "hidden");
        std::lock_guard lock(mutex_);
        engine_.upsert_team(team);
    } else if (e.type == "submissions") {
        std::lock_guard lock(mutex_);
        if (data == nullptr) {
            engine_.remove_submission(id);
            submissions_.erase(id);
        } else {
            auto t = parse_reltime(string_field(data, "contest_time"));
            SubmissionFacts facts{string_field(data, "team_id"), t.value_or(Millis{0})};
            engine_.add_submission(id, facts.team_id, string_field(data, "problem_id"), facts.contest_time);
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
            if (verdict) {
                ++verdicts_[type];
                auto end = parse_reltime(string_field(data, "end_contest_time"));
                auto facts = submissions_.find(submission);
                if (end && facts != submissions_.end()) {
                    double seconds = std::chrono::duration<double>(*end - facts->second.contest_time).count();
                    latency_sum_ += seconds;
                    latency_buckets_.resize(std::size(kLatencyBuckets) + 1);
                    for (std::size_t i = 0; i < std::size(kLatencyBuckets); ++i) {
                        latency_buckets_[i] += seconds <= kLatencyBuckets[i] ? 1 : 0;
                    }
                    ++latency_buckets_.back();
                }
            }
        } else if (auto it = current_judgement_.find(submission);
                   it != current_judgement_.end() && it->second == id) {
            current_judgement_.erase(it);
            engine_.set_result(submission, std::nullopt);
        }
    }

    // The feed line. Submissions get their files reference, which only the API can name.
    std::string data_text = e.data.value_or("null");
    if (e.type == "submissions" && parsed && parsed->is_object()) {
        json::object copy = parsed->as_object();
        copy["files"] =
            json::array{json::object{{"href", "contests/" + contest_id_ + "/submissions/" + id + "/files"},
                                     {"mime", "application/zip"}}};
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

bool may_see(const Principal& who, const Visibility& v, bool started, std::optional<Millis> hidden_from) {
    using Kind = Visibility::Kind;
    if (v.reveal && (who.sees_all() || (who.role == Role::Team && v.kind == Kind::Owned))) {
        return false;  // they saw the original line
    }
    if (who.sees_all()) {
        return true;
    }
    switch (v.kind) {
        case Kind::Public:
            return true;
        case Kind::PublicAfterStart:
            return started;
        case Kind::Owned:
            if (who.role == Role::Team) {
                return who.team_id == v.team_id;
            }
            return v.public_ok && !(v.freeze_time && hidden_from && *v.freeze_time >= *hidden_from);
        case Kind::Jury:
            return false;
    }
    return false;
}

std::optional<Millis> ContestService::hidden_from() {
    std::lock_guard lock(mutex_);
    const auto& r = engine_.rules();
    if (r.freeze_start && !r.thawed) {
        return r.freeze_start;
    }
    return std::nullopt;
}

Visibility ContestService::visibility(const store::Event& e, const json::value* data) {
    using Kind = Visibility::Kind;
    Visibility v;
    if (e.type == "problems") {
        v.kind = Kind::PublicAfterStart;
    } else if (e.type == "teams") {
        v.kind = bool_field(data, "hidden") ? Kind::Jury : Kind::Public;
    } else if (e.type == "submissions") {
        v.kind = Kind::Owned;
        v.team_id = string_field(data, "team_id");
        if (v.team_id.empty()) {
            if (auto it = submissions_.find(e.id.value_or("")); it != submissions_.end()) {
                v.team_id = it->second.team_id;  // a deletion carries no data
            }
        }
        v.public_ok = true;
    } else if (e.type == "judgements" || e.type == "runs") {
        std::string submission = e.type == "judgements" ? string_field(data, "submission_id") : "";
        if (e.type == "judgements" && submission.empty()) {
            if (auto it = judgement_owner_.find(e.id.value_or("")); it != judgement_owner_.end()) {
                submission = it->second;
            }
        }
        if (e.type == "runs") {
            auto it = judgement_owner_.find(string_field(data, "judgement_id"));
            if (it != judgement_owner_.end()) {
                submission = it->second;
            }
        }
        v.kind = Kind::Owned;
        if (auto it = submissions_.find(submission); it != submissions_.end()) {
            v.team_id = it->second.team_id;
            v.freeze_time = it->second.contest_time;
        }
        // Runs reveal per-test results: only for the team itself and the jury, and the team sees only its
        // sample cases (as the REST endpoint does): secret test names and results stay with the jury.
        v.public_ok = e.type == "judgements";
        if (e.type == "runs" && !string_field(data, "test_name").starts_with("sample/")) {
            v.kind = Kind::Jury;
        }
    } else if (e.type != "contest" && e.type != "state" && e.type != "judgement-types" &&
               e.type != "languages" && e.type != "organizations" && e.type != "groups" &&
               e.type != "awards") {
        v.kind = Kind::Jury;
    }
    return v;
}

std::vector<std::shared_ptr<const std::string>> ContestService::lines_since(
    std::int64_t since, const Principal& who, const std::set<std::string>& types, std::int64_t& last,
    std::size_t limit) {
    std::vector<std::shared_ptr<const std::string>> out;
    std::lock_guard lock(mutex_);
    auto now = store::Clock::now();
    bool started = contest_.start_time && now >= *contest_.start_time;
    const auto& rules = engine_.rules();
    std::optional<Millis> hidden;
    if (rules.freeze_start && !rules.thawed) {
        hidden = rules.freeze_start;
    }
    auto it = std::upper_bound(history_.begin(), history_.end(), since,
                               [](std::int64_t t, const FeedLine& l) { return t < l.token; });
    last = since;
    // Lines sharing a token (re-sent objects and their state line) go out together: the client resumes
    // after the token, so stopping among them would lose the rest.
    for (; it != history_.end() && (out.size() < limit || it->token == last); ++it) {
        last = it->token;
        if (!types.empty() && !types.contains(it->type)) {
            continue;
        }
        bool visible = may_see(who, it->visibility, started, hidden);
        if (visible) {
            out.push_back(it->text);
        }
    }
    return out;
}

std::optional<ContestService::SubmissionFacts> ContestService::submission_facts(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto it = submissions_.find(id);
    if (it == submissions_.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::optional<std::string> ContestService::judgement_submission(const std::string& judgement_id) {
    std::lock_guard lock(mutex_);
    auto it = judgement_owner_.find(judgement_id);
    if (it == judgement_owner_.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::shared_ptr<const Standings> ContestService::standings(ScoreboardView view, const std::string& group_id) {
    std::lock_guard lock(mutex_);
    return engine_.standings(view, group_id);
}

std::shared_ptr<const std::string> ContestService::scoreboard(ScoreboardView view,
                                                              const std::string& group_id) {
    std::lock_guard lock(mutex_);
    std::string key = (view == ScoreboardView::Jury ? "j:" : "p:") + group_id;
    std::uint64_t version = engine_.version() * 1'000'003 + state_version_;
    if (auto it = board_cache_.find(key); it != board_cache_.end() && it->second.first == version) {
        return it->second.second;
    }
    auto standings = engine_.standings(view, group_id);
    bool pass_fail = engine_.rules().type == ScoreboardType::PassFail;
    auto reltime = [](Millis m) { return format_reltime(m); };
    json::object board;
    auto time = last_change_ == store::TimePoint{} ? store::Clock::now() : last_change_;
    board["time"] = format_time(std::chrono::floor<Millis>(time), contest_.utc_offset);
    board["contest_time"] =
        reltime(contest_.start_time ? duration_cast<milliseconds>(time - *contest_.start_time) : Millis{0});
    board["state"] = json::parse(state_json_);
    json::array rows;
    rows.reserve(standings->rows.size());
    for (const auto& r : standings->rows) {
        json::object row;
        row["rank"] = r.rank;
        row["team_id"] = r.team_id;
        json::object score;
        if (pass_fail) {
            score["num_solved"] = r.num_solved;
            score["total_time"] = reltime(r.total_time);
        } else {
            score["score"] = r.score;
        }
        if (r.last_time) {
            score["time"] = reltime(*r.last_time);
        }
        row["score"] = std::move(score);
        json::array problems;
        problems.reserve(r.problems.size());
        for (const auto& c : r.problems) {
            json::object p;
            p["problem_id"] = c.problem_id;
            p["num_judged"] = c.num_judged;
            p["num_pending"] = c.num_pending;
            p["solved"] = c.solved;
            if (!pass_fail) {
                p["score"] = c.score;
            }
            if (c.time && (c.solved || !pass_fail)) {
                p["time"] = reltime(*c.time);
            }
            if (c.first_to_solve) {
                p["first_to_solve"] = true;
            }
            problems.push_back(std::move(p));
        }
        row["problems"] = std::move(problems);
        rows.push_back(std::move(row));
    }
    board["rows"] = std::move(rows);
    auto text = std::make_shared<const std::string>(json::serialize(board));
    board_cache_[key] = {version, text};
    return text;
}

void ContestService::tick() {
    {
        std::lock_guard lock(mutex_);
        refresh_rules_locked();  // a thaw time reached moves the public view
    }
    store::advance_contest_clock(store_, contest_id_);  // the contest clock is the store's domain logic
}

}  // namespace khue::api
