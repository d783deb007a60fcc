// The contest clock: when a contest starts, freezes, ends, thaws and is finalized. Domain logic of the store
// layer, driven by whoever owns time (the API server calls advance_contest_clock() every second).
#pragma once

#include <string_view>

#include "khue/store/records.hpp"

namespace khue::store {

class Store;

// The state `contest` should be in at `now`. `queue_idle` says that no submission is waiting or being judged:
// an ended contest (thawed, if it was frozen) is finalized only then, and a finalization once recorded in
// contest.state stays at its time.
ContestState contest_state_at(const Contest& contest, TimePoint now, bool queue_idle);

// Brings the stored state of `contest_id` to contest_state_at(now): writes it, with its "state" event, when
// it changed. Returns the state. Throws StoreInvalid when the contest does not exist.
ContestState advance_contest_clock(Store& store, std::string_view contest_id, TimePoint now = Clock::now());

}  // namespace khue::store
