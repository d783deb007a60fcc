// The contest clock: when a contest starts, freezes, ends, thaws and is finalized. Domain logic of the store
// layer, driven by whoever owns time (the API server calls advance_contest_clock() every second).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "khue/store/records.hpp"

namespace khue::store {

class Store;

// The state `contest` should be in at `now`. `finalized` and `end_of_updates` are never set by the clock:
// they come from contest.state, where finalize_contest() records them, and stay.
ContestState contest_state_at(const Contest& contest, TimePoint now);

// Brings the stored state of `contest_id` to contest_state_at(now): writes it, with its "state" event, when
// it changed. Returns the state. Throws StoreInvalid when the contest does not exist.
ContestState advance_contest_clock(Store& store, std::string_view contest_id, TimePoint now = Clock::now());

// Finalizes an ended contest (thawed, if it was frozen) whose judging queue is empty: sets `finalized` and
// `end_of_updates` to `now`, with the "state" event, which must be the log's last event of the contest.
// Returns why not otherwise (nothing written). Throws StoreInvalid when the contest does not exist.
std::optional<std::string> finalize_contest(Store& store, std::string_view contest_id,
                                            TimePoint now = Clock::now());

}  // namespace khue::store
