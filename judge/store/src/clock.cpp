#include "khue/store/clock.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "khue/store/store.hpp"

namespace khue::store {

ContestState contest_state_at(const Contest& c, TimePoint now) {
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
    // Finalization is an admin's act (finalize_contest()), never the clock's; once recorded it stays.
    want.finalized = c.state.finalized;
    want.end_of_updates = c.state.end_of_updates;
    return want;
}

ContestState advance_contest_clock(Store& store, std::string_view contest_id, TimePoint now) {
    auto contest = store.get_contest(contest_id);
    if (!contest) {
        throw StoreInvalid("no contest '" + std::string(contest_id) + "'");
    }
    ContestState want = contest_state_at(*contest, now);
    if (!(want == contest->state)) {
        store.update_contest_state(contest_id, want);
    }
    return want;
}

std::optional<std::string> finalize_contest(Store& store, std::string_view contest_id, TimePoint now) {
    auto contest = store.get_contest(contest_id);
    if (!contest) {
        throw StoreInvalid("no contest '" + std::string(contest_id) + "'");
    }
    ContestState state = contest_state_at(*contest, now);
    if (state.finalized) {
        return "the contest is already finalized";
    }
    if (!state.ended) {
        return "the contest has not ended yet";
    }
    if (state.frozen && !state.thawed) {
        return "the scoreboard is still frozen: thaw it first";
    }
    auto q = store.queue_stats();
    if (q.queued != 0 || q.running != 0) {
        return std::to_string(q.queued + q.running) + " judging jobs are still queued or running";
    }
    state.finalized = now;
    state.end_of_updates = now;
    store.update_contest_state(contest_id, state);
    return std::nullopt;
}

}  // namespace khue::store
