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
    EXPECT_EQ(contest_state_at(c, start - 1s, true), ContestState{});
    auto s = contest_state_at(c, start, true);
    EXPECT_EQ(s.started, start);
    EXPECT_FALSE(s.frozen);
    s = contest_state_at(c, start + 4h, true);
    EXPECT_EQ(s.frozen, start + 4h);
    EXPECT_FALSE(s.ended);
    s = contest_state_at(c, start + 5h, true);
    EXPECT_EQ(s.ended, start + 5h);
    EXPECT_FALSE(s.finalized) << "a frozen contest is finalized only after the thaw";
    s = contest_state_at(c, start + 6h + 1s, true);
    EXPECT_EQ(s.thawed, start + 6h);
    EXPECT_EQ(s.finalized, start + 6h + 1s);
    EXPECT_EQ(s.end_of_updates, s.finalized);
}

TEST(ContestClock, FinalizesOnlyWhenTheQueueIsIdleAndKeepsTheFirstFinalization) {
    TimePoint start = TimePoint(std::chrono::sys_days{std::chrono::year{2026} / 10 / 1});
    Contest c = frozen_contest(start);
    c.scoreboard_freeze_duration.reset();
    EXPECT_FALSE(contest_state_at(c, start + 5h, false).finalized);
    c.state.finalized = start + 5h + 10s;
    EXPECT_EQ(contest_state_at(c, start + 7h, false).finalized, start + 5h + 10s);
    // A thaw time before the freeze thaws at the freeze.
    Contest early = frozen_contest(start);
    early.scoreboard_thaw_time = start + 1h;
    EXPECT_EQ(contest_state_at(early, start + 4h, true).thawed, start + 4h);
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
    // Past the end with an empty queue: ended and finalized at once.
    auto later = Clock::now() + 5h;
    state = advance_contest_clock(*store, "c1", later);
    EXPECT_TRUE(state.ended);
    EXPECT_EQ(state.finalized, later);
    EXPECT_THROW(advance_contest_clock(*store, "nope"), StoreInvalid);
}
