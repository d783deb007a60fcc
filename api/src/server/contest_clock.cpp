// The contest clock: whether the contest runs, what the freeze hides now, and tick(), which advances the
// contest state (started, frozen, ended, thawed, finalized) to the clock now.
#include "server/contest_service.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/store/clock.hpp"

namespace khue::api {

using std::chrono::duration_cast;

bool ContestService::running(store::TimePoint now) {
    std::lock_guard lock(mutex_);
    return contest_.start_time && now >= *contest_.start_time &&
           now < *contest_.start_time + contest_.duration;
}

bool ContestService::practicing(store::TimePoint now) {
    std::lock_guard lock(mutex_);
    return contest_.practice && contest_.start_time && now >= *contest_.start_time + contest_.duration;
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
    rules.freeze_start.reset();
    practice_.set_rules(rules);
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
    {
        std::lock_guard lock(mutex_);
        refresh_rules_locked();  // a thaw time reached moves the public view
    }
    store::advance_contest_clock(store_, contest_id_);  // the contest clock is the store's domain logic
}

}  // namespace khue::api
