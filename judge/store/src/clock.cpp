#include "khue/store/clock.hpp"

#include <algorithm>

#include "khue/store/store.hpp"

namespace khue::store {

ContestState contest_state_at(const Contest& c, TimePoint now, bool queue_idle) {
    ContestState want;
    if (!c.start_time || now < *c.start_time) {
        return want;
    }
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
        } else if (queue_idle) {
            want.finalized = now;
        }
        want.end_of_updates = want.finalized;
    }
    return want;
}

ContestState advance_contest_clock(Store& store, std::string_view contest_id, TimePoint now) {
    auto contest = store.get_contest(contest_id);
    if (!contest) {
        throw StoreInvalid("no contest '" + std::string(contest_id) + "'");
    }
    // The queue is only asked when its answer matters: once the contest is over and not yet finalized.
    bool idle = false;
    if (contest->start_time && now >= *contest->start_time + contest->duration && !contest->state.finalized) {
        auto q = store.queue_stats();
        idle = q.queued == 0 && q.running == 0;
    }
    ContestState want = contest_state_at(*contest, now, idle);
    if (!(want == contest->state)) {
        store.update_contest_state(contest_id, want);
    }
    return want;
}

}  // namespace khue::store
