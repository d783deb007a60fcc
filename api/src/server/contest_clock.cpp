// The contest clock: whether the contest runs, what the freeze hides now, and tick(), which advances the
// contest state (started, frozen, ended, thawed, finalized) to the clock now.
#include "server/contest_service.hpp"

#include "khue/judge/store/contest_api.hpp"

#include <algorithm>

namespace khue::api {

using std::chrono::duration_cast;

bool ContestService::running(store::TimePoint now) {
    std::lock_guard lock(mutex_);
    return contest_.start_time && now >= *contest_.start_time &&
           now < *contest_.start_time + contest_.duration;
}

void ContestService::refresh_rules_locked() {
    ScoreboardRules rules;
    rules.type = contest_.scoreboard_type == "score" ? ScoreboardType::Score : ScoreboardType::PassFail;
    rules.penalty_time = duration_cast<std::chrono::minutes>(contest_.penalty_time);
    if (contest_.scoreboard_freeze_duration) {
        rules.freeze_start = contest_.duration - *contest_.scoreboard_freeze_duration;
    }
    rules.thawed = contest_.scoreboard_thaw_time && store::Clock::now() >= *contest_.scoreboard_thaw_time;
    engine_.set_rules(rules);
}

ContestView ContestService::view() {
    std::lock_guard lock(mutex_);
    return view_locked();
}

ContestView ContestService::view_locked() const {
    ContestView v;
    v.started = contest_.start_time && store::Clock::now() >= *contest_.start_time;
    const auto& r = engine_.rules();
    if (r.freeze_start && !r.thawed) {
        v.hidden_from = r.freeze_start;
    }
    return v;
}

void ContestService::tick() {
    auto now = store::Clock::now();
    store::Contest c = contest();
    store::ContestState want;
    if (c.start_time && now >= *c.start_time) {
        want.started = c.start_time;
        auto end = *c.start_time + c.duration;
        if (c.scoreboard_freeze_duration) {
            auto freeze = end - *c.scoreboard_freeze_duration;
            if (now >= freeze) {
                want.frozen = freeze;
            }
        }
        if (now >= end) {
            want.ended = end;
        }
        if (want.frozen && c.scoreboard_thaw_time && now >= *c.scoreboard_thaw_time) {
            want.thawed = std::max(*c.scoreboard_thaw_time, *want.frozen);
        }
        if (want.ended && (!want.frozen || want.thawed)) {
            if (c.state.finalized) {
                want.finalized = c.state.finalized;
            } else {
                auto q = store_.queue_stats();
                if (q.queued == 0 && q.running == 0) {
                    want.finalized = now;
                }
            }
            want.end_of_updates = want.finalized;
        }
    }
    {
        std::lock_guard lock(mutex_);
        refresh_rules_locked();  // a thaw time reached moves the public view
    }
    if (!(want == c.state)) {
        store_.update_contest_state(contest_id_, want);
    }
}

}  // namespace khue::api
