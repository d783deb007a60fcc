// The contest clock (khue/store/clock.hpp): start, freeze, end, thaw and finalize at the right instants.
#include <gtest/gtest.h>

#include "khue/api/contest_api.hpp"
#include "khue/store/clock.hpp"
#include "khue/test/store_fixture.hpp"

using namespace khue::store;
using namespace khue::store::testing;
using namespace std::chrono_literals;

namespace {

Contest frozen_contest(TimePoint start) {
    Contest c;
    c.id = "c1";
    c.start_time = start;
    c.duration = 5h;
    c.scoreboard_freeze_duration = 1h;
    c.scoreboard_thaw_time = start + 6h;
    return c;
}

}  // namespace

TEST(ContestClock, FollowsTheScheduleInstantByInstant) {
    TimePoint start = TimePoint(std::chrono::sys_days{std::chrono::year{2026} / 10 / 1});
    Contest c = frozen_contest(start);
    EXPECT_EQ(contest_state_at(c, start - 1s), ContestState{});
    auto s = contest_state_at(c, start);
    EXPECT_EQ(s.started, start);
    EXPECT_FALSE(s.frozen);
    s = contest_state_at(c, start + 4h);
    EXPECT_EQ(s.frozen, start + 4h);
    EXPECT_FALSE(s.ended);
    s = contest_state_at(c, start + 5h);
    EXPECT_EQ(s.ended, start + 5h);
    s = contest_state_at(c, start + 6h + 1s);
    EXPECT_EQ(s.thawed, start + 6h);
    EXPECT_FALSE(s.finalized) << "only an admin finalizes (finalize_contest)";
    EXPECT_FALSE(s.end_of_updates);
}

TEST(ContestClock, NeverFinalizesByItselfAndKeepsAFinalization) {
    TimePoint start = TimePoint(std::chrono::sys_days{std::chrono::year{2026} / 10 / 1});
    Contest c = frozen_contest(start);
    c.scoreboard_freeze_duration.reset();
    EXPECT_FALSE(contest_state_at(c, start + 9h).finalized);
    c.state.finalized = c.state.end_of_updates = start + 5h + 10s;
    EXPECT_EQ(contest_state_at(c, start + 7h).finalized, start + 5h + 10s);
    EXPECT_EQ(contest_state_at(c, start + 7h).end_of_updates, start + 5h + 10s);
    // A thaw time before the freeze thaws at the freeze.
    Contest early = frozen_contest(start);
    early.scoreboard_thaw_time = start + 1h;
    EXPECT_EQ(contest_state_at(early, start + 4h).thawed, start + 4h);
}

TEST(ContestClock, AdvanceWritesTheStateAndItsEventOnlyOnChange) {
    SqliteTemp db;
    auto store = open_store(db.url(), khue::api::contest_api_encoder());
    seed_contest(*store);  // started an hour ago, 5 hours long, never frozen
    auto token = store->latest_token();
    auto state = advance_contest_clock(*store, "c1");
    EXPECT_TRUE(state.started);
    EXPECT_EQ(store->get_contest("c1")->state, state);
    auto events = store->read_events("c1", token, 10);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "state");
    token = store->latest_token();
    advance_contest_clock(*store, "c1");
    EXPECT_EQ(store->latest_token(), token) << "an unchanged state appends no event";
    // Past the end with an empty queue: ended, and finalized only when asked. (The store keeps microseconds.)
    TimePoint later = std::chrono::floor<std::chrono::microseconds>(Clock::now() + 5h);
    EXPECT_EQ(finalize_contest(*store, "c1", Clock::now()), "the contest has not ended yet");
    state = advance_contest_clock(*store, "c1", later);
    EXPECT_TRUE(state.ended);
    EXPECT_FALSE(state.finalized);
    token = store->latest_token();
    EXPECT_EQ(finalize_contest(*store, "c1", later), std::nullopt);
    EXPECT_EQ(store->get_contest("c1")->state.finalized, later);
    EXPECT_EQ(store->get_contest("c1")->state.end_of_updates, later);
    events = store->read_events("c1", token, 10);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "state");
    EXPECT_EQ(finalize_contest(*store, "c1", later + 1h), "the contest is already finalized");
    EXPECT_EQ(advance_contest_clock(*store, "c1", later + 2h).finalized, later) << "the clock keeps it";
    EXPECT_THROW(advance_contest_clock(*store, "nope"), StoreInvalid);
    EXPECT_THROW(finalize_contest(*store, "nope"), StoreInvalid);
}

TEST(ContestClock, FinalizeWaitsForTheThaw) {
    SqliteTemp db;
    auto store = open_store(db.url(), khue::api::contest_api_encoder());
    seed_contest(*store);
    auto c = *store->get_contest("c1");
    c.scoreboard_freeze_duration = 1h;
    store->upsert_contest(c);
    auto later = Clock::now() + 5h;
    advance_contest_clock(*store, "c1", later);
    EXPECT_EQ(finalize_contest(*store, "c1", later), "the scoreboard is still frozen: thaw it first");
    c = *store->get_contest("c1");
    c.scoreboard_thaw_time = later;
    store->upsert_contest(c);
    EXPECT_EQ(finalize_contest(*store, "c1", later), std::nullopt);
}
