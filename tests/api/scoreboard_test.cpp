#include "khue/api/scoreboard.hpp"

#include <gtest/gtest.h>

using namespace khue::api;
using khue::judge::Verdict;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

Millis at(int min, int sec = 0) {
    return std::chrono::duration_cast<Millis>(minutes{min} + seconds{sec});
}

ScoreboardEngine pass_fail(std::optional<Millis> freeze = std::nullopt) {
    ScoreboardEngine e({ScoreboardType::PassFail, minutes{20}, freeze, false});
    e.upsert_problem({"A", 0, std::nullopt});
    e.upsert_problem({"B", 1, std::nullopt});
    e.upsert_team({"t1", "Alpha", {"uni"}, false});
    e.upsert_team({"t2", "Bravo", {"school"}, false});
    e.upsert_team({"t3", "Charlie", {"uni"}, false});
    return e;
}

void judged(ScoreboardEngine& e, const std::string& id, const std::string& team, const std::string& problem,
            Millis time, Verdict v, std::optional<double> score = std::nullopt) {
    e.add_submission(id, team, problem, time);
    e.set_result(id, v, score);
}

const ScoreboardRow& row_of(const Standings& s, const std::string& team) {
    for (const auto& r : s.rows) {
        if (r.team_id == team) {
            return r;
        }
    }
    throw std::runtime_error("no row for " + team);
}

}  // namespace

TEST(IcpcScoring, PenaltyIsSolveMinutePlusTwentyPerEarlierRejection) {
    auto e = pass_fail();
    judged(e, "1", "t1", "A", at(10, 30), Verdict::WA);
    judged(e, "2", "t1", "A", at(25, 59), Verdict::AC);  // minute 25, +20 for the WA
    judged(e, "3", "t1", "B", at(60), Verdict::AC);
    judged(e, "4", "t2", "A", at(5), Verdict::AC);
    judged(e, "5", "t2", "B", at(30), Verdict::TLE);
    judged(e, "6", "t2", "B", at(31), Verdict::AC);
    auto s = e.standings(ScoreboardView::Jury);
    ASSERT_EQ(s->rows.size(), 3u);
    // t1: 45 + 60 = 105; t2: 5 + (31 + 20) = 56.
    EXPECT_EQ(s->rows[0].team_id, "t2");
    EXPECT_EQ(s->rows[0].total_time, minutes{56});
    EXPECT_EQ(s->rows[0].rank, 1);
    EXPECT_EQ(s->rows[1].team_id, "t1");
    EXPECT_EQ(s->rows[1].total_time, minutes{105});
    EXPECT_EQ(s->rows[1].num_solved, 2);
    EXPECT_EQ(s->rows[1].problems[0].num_judged, 2);
    EXPECT_EQ(s->rows[1].problems[0].time, minutes{25});
    EXPECT_EQ(s->rows[2].team_id, "t3");
    EXPECT_EQ(s->rows[2].rank, 3);
}

TEST(IcpcScoring, CompileErrorCarriesNoPenalty) {
    auto e = pass_fail();
    judged(e, "1", "t1", "A", at(3), Verdict::CE);
    judged(e, "2", "t1", "A", at(7), Verdict::CE);
    judged(e, "3", "t1", "A", at(12), Verdict::AC);
    auto r = row_of(*e.standings(ScoreboardView::Jury), "t1");
    EXPECT_EQ(r.total_time, minutes{12});
    EXPECT_EQ(r.problems[0].num_judged, 1);
}

TEST(IcpcScoring, SubmissionsAfterTheFirstAcceptDoNotCount) {
    auto e = pass_fail();
    judged(e, "1", "t1", "A", at(12), Verdict::AC);
    judged(e, "2", "t1", "A", at(20), Verdict::WA);
    auto r = row_of(*e.standings(ScoreboardView::Jury), "t1");
    EXPECT_EQ(r.total_time, minutes{12});
    EXPECT_EQ(r.problems[0].num_judged, 1);
}

TEST(IcpcScoring, JudgeErrorAndUnjudgedArePendingWithoutPenalty) {
    auto e = pass_fail();
    judged(e, "1", "t1", "A", at(3), Verdict::JE);
    e.add_submission("2", "t1", "A", at(4));
    judged(e, "3", "t1", "A", at(9), Verdict::AC);
    auto r = row_of(*e.standings(ScoreboardView::Jury), "t1");
    EXPECT_EQ(r.problems[0].num_pending, 2);
    EXPECT_EQ(r.problems[0].num_judged, 1);
    EXPECT_EQ(r.total_time, minutes{9});
}

TEST(IcpcScoring, TieOnPenaltyIsBrokenByEarlierLastAccept) {
    auto e = pass_fail();
    // Both: 2 solved, 60 minutes. t3 solves its last problem at minute 40, t1 at minute 50.
    judged(e, "1", "t1", "A", at(10), Verdict::AC);
    judged(e, "2", "t1", "B", at(50), Verdict::AC);
    judged(e, "3", "t3", "A", at(0), Verdict::WA);
    judged(e, "4", "t3", "A", at(0, 30), Verdict::AC);  // 0 + 20
    judged(e, "5", "t3", "B", at(40), Verdict::AC);
    auto s = e.standings(ScoreboardView::Jury);
    EXPECT_EQ(s->rows[0].team_id, "t3");
    EXPECT_EQ(s->rows[0].rank, 1);
    EXPECT_EQ(s->rows[1].team_id, "t1");
    EXPECT_EQ(s->rows[1].rank, 2);
}

TEST(IcpcScoring, FullyTiedTeamsShareARankAndSortByName) {
    auto e = pass_fail();
    judged(e, "1", "t3", "A", at(10), Verdict::AC);
    judged(e, "2", "t1", "A", at(10, 59), Verdict::AC);  // same minute
    auto s = e.standings(ScoreboardView::Jury);
    EXPECT_EQ(s->rows[0].team_id, "t1");  // Alpha before Charlie
    EXPECT_EQ(s->rows[1].team_id, "t3");
    EXPECT_EQ(s->rows[0].rank, 1);
    EXPECT_EQ(s->rows[1].rank, 1);
    EXPECT_EQ(s->rows[2].rank, 3);  // t2 with nothing
    // First to solve goes to the earlier submission, not to the same minute.
    EXPECT_TRUE(s->rows[1].problems[0].first_to_solve);
    EXPECT_FALSE(s->rows[0].problems[0].first_to_solve);
}

TEST(IcpcScoring, FreezeHidesResultsFromThePublicUntilThaw) {
    auto e = pass_fail(at(240));  // freeze from minute 240
    judged(e, "1", "t1", "A", at(100), Verdict::AC);
    judged(e, "2", "t1", "B", at(250), Verdict::AC);
    judged(e, "3", "t2", "A", at(245), Verdict::WA);
    auto pub = e.standings(ScoreboardView::Public);
    auto jury = e.standings(ScoreboardView::Jury);
    const auto& p1 = row_of(*pub, "t1");
    EXPECT_EQ(p1.num_solved, 1);
    EXPECT_EQ(p1.problems[1].num_pending, 1);
    EXPECT_FALSE(p1.problems[1].solved);
    EXPECT_EQ(row_of(*pub, "t2").problems[0].num_pending, 1);
    EXPECT_EQ(row_of(*pub, "t2").problems[0].num_judged, 0);
    EXPECT_EQ(row_of(*jury, "t1").num_solved, 2);
    EXPECT_EQ(row_of(*jury, "t1").total_time, minutes{350});
    e.set_rules({ScoreboardType::PassFail, minutes{20}, at(240), true});
    EXPECT_EQ(row_of(*e.standings(ScoreboardView::Public), "t1").num_solved, 2);
}

TEST(IcpcScoring, RejudgeChangesTheStandings) {
    auto e = pass_fail();
    judged(e, "1", "t1", "A", at(10), Verdict::AC);
    judged(e, "2", "t1", "A", at(20), Verdict::AC);
    EXPECT_EQ(row_of(*e.standings(ScoreboardView::Jury), "t1").total_time, minutes{10});
    e.set_result("1", std::nullopt);  // being rejudged: pending
    auto pending = row_of(*e.standings(ScoreboardView::Jury), "t1");
    EXPECT_EQ(pending.problems[0].num_pending, 1);
    EXPECT_EQ(pending.total_time, minutes{20});
    e.set_result("1", Verdict::WA);
    EXPECT_EQ(row_of(*e.standings(ScoreboardView::Jury), "t1").total_time, minutes{40});
    e.remove_submission("2");
    EXPECT_EQ(row_of(*e.standings(ScoreboardView::Jury), "t1").num_solved, 0);
}

TEST(IcpcScoring, GroupFilterRanksWithinTheGroup) {
    auto e = pass_fail();
    judged(e, "1", "t2", "A", at(1), Verdict::AC);
    judged(e, "2", "t3", "A", at(5), Verdict::AC);
    auto uni = e.standings(ScoreboardView::Public, "uni");
    ASSERT_EQ(uni->rows.size(), 2u);
    EXPECT_EQ(uni->rows[0].team_id, "t3");
    EXPECT_EQ(uni->rows[0].rank, 1);
    // t2 (another group) solved first, so first-to-solve stays with it even in the uni view.
    EXPECT_FALSE(uni->rows[0].problems[0].first_to_solve);
}

TEST(IcpcScoring, HiddenTeamsAppearOnlyToTheJury) {
    auto e = pass_fail();
    e.upsert_team({"t9", "Observers", {}, true});
    judged(e, "1", "t9", "A", at(1), Verdict::AC);
    EXPECT_EQ(e.standings(ScoreboardView::Public)->rows.size(), 3u);
    EXPECT_EQ(e.standings(ScoreboardView::Jury)->rows.size(), 4u);
}

TEST(IcpcScoring, TheFinalViewIsThePublicTeamsWithEveryVerdict) {
    // The board the thaw makes public, before the thaw: the resolver's end and the awards it shows.
    auto e = pass_fail(at(240));
    e.upsert_team({"t9", "Observers", {}, true});
    judged(e, "1", "t9", "A", at(1), Verdict::AC);  // a hidden team, first on A
    judged(e, "2", "t2", "A", at(5), Verdict::AC);
    judged(e, "3", "t3", "A", at(250), Verdict::AC);  // in the freeze
    judged(e, "4", "t3", "B", at(260), Verdict::AC);
    auto final_view = e.standings(ScoreboardView::Final);
    ASSERT_EQ(final_view->rows.size(), 3u);  // no hidden team
    EXPECT_EQ(final_view->rows[0].team_id, "t3");
    EXPECT_EQ(final_view->rows[0].num_solved, 2);  // the freeze hides nothing
    EXPECT_EQ(final_view->rows[1].team_id, "t2");
    EXPECT_EQ(final_view->rows[1].rank, 2);
    // First to solve among the public's teams: t2, not the hidden team that was earlier.
    EXPECT_TRUE(row_of(*final_view, "t2").problems[0].first_to_solve);
    EXPECT_FALSE(row_of(*e.standings(ScoreboardView::Jury), "t2").problems[0].first_to_solve);
    EXPECT_TRUE(row_of(*e.standings(ScoreboardView::Jury), "t9").problems[0].first_to_solve);
    // The public still sees the frozen board; after the thaw it is the final one.
    EXPECT_EQ(row_of(*e.standings(ScoreboardView::Public), "t3").num_solved, 0);
    e.set_rules({ScoreboardType::PassFail, minutes{20}, at(240), true});
    auto thawed = e.standings(ScoreboardView::Public);
    ASSERT_EQ(thawed->rows.size(), final_view->rows.size());
    for (std::size_t i = 0; i < thawed->rows.size(); ++i) {
        EXPECT_EQ(thawed->rows[i].team_id, final_view->rows[i].team_id);
        EXPECT_EQ(thawed->rows[i].rank, final_view->rows[i].rank);
        EXPECT_EQ(thawed->rows[i].num_solved, final_view->rows[i].num_solved);
    }
}

TEST(IcpcScoring, StandingsAreCachedUntilTheNextChange) {
    auto e = pass_fail();
    auto a = e.standings(ScoreboardView::Public);
    EXPECT_EQ(a, e.standings(ScoreboardView::Public));
    judged(e, "1", "t1", "A", at(1), Verdict::AC);
    auto b = e.standings(ScoreboardView::Public);
    EXPECT_NE(a, b);
    EXPECT_EQ(row_of(*b, "t1").num_solved, 1);
}

TEST(ScoreScoring, BestSubmissionScoreCountsAndTiesShareRank) {
    ScoreboardEngine e({ScoreboardType::Score, minutes{20}, std::nullopt, false});
    e.upsert_problem({"A", 0, 100.0});
    e.upsert_problem({"B", 1, 50.0});
    e.upsert_team({"t1", "Alpha", {}, false});
    e.upsert_team({"t2", "Bravo", {}, false});
    e.upsert_team({"t3", "Charlie", {}, false});
    judged(e, "1", "t1", "A", at(5), Verdict::WA, 30);
    judged(e, "2", "t1", "A", at(9), Verdict::WA, 70);
    judged(e, "3", "t1", "A", at(12), Verdict::WA, 40);  // lower: the best (70) stays
    judged(e, "4", "t1", "B", at(20), Verdict::CE);
    judged(e, "5", "t2", "A", at(30), Verdict::AC, 100);
    judged(e, "6", "t2", "B", at(40), Verdict::WA, 0);
    judged(e, "7", "t3", "B", at(50), Verdict::AC, 50);
    judged(e, "8", "t3", "A", at(51), Verdict::WA, 20);
    auto s = e.standings(ScoreboardView::Jury);
    EXPECT_EQ(s->rows[0].team_id, "t2");
    EXPECT_DOUBLE_EQ(s->rows[0].score, 100);
    EXPECT_EQ(s->rows[0].num_solved, 1);
    // t1 70 and t3 70 tie and share rank 2.
    EXPECT_EQ(s->rows[1].team_id, "t1");
    EXPECT_EQ(s->rows[1].rank, 2);
    EXPECT_EQ(s->rows[2].team_id, "t3");
    EXPECT_EQ(s->rows[2].rank, 2);
    const auto& a = s->rows[1].problems[0];
    EXPECT_DOUBLE_EQ(a.score, 70);
    EXPECT_EQ(a.time, minutes{9});
    EXPECT_EQ(a.num_judged, 3);
    EXPECT_FALSE(a.solved);
    EXPECT_EQ(s->rows[1].problems[1].num_judged, 0);  // CE
    EXPECT_TRUE(s->rows[2].problems[1].solved);
}

TEST(ScoreScoring, ProblemsKeepOrdinalOrderWhenAddedLater) {
    ScoreboardEngine e({ScoreboardType::PassFail, minutes{20}, std::nullopt, false});
    e.upsert_team({"t1", "Alpha", {}, false});
    e.upsert_problem({"B", 1, std::nullopt});
    judged(e, "1", "t1", "B", at(3), Verdict::AC);
    e.upsert_problem({"A", 0, std::nullopt});
    auto s = e.standings(ScoreboardView::Jury);
    ASSERT_EQ(s->rows[0].problems.size(), 2u);
    EXPECT_EQ(s->rows[0].problems[0].problem_id, "A");
    EXPECT_EQ(s->rows[0].problems[1].problem_id, "B");
    EXPECT_TRUE(s->rows[0].problems[1].solved);
    judged(e, "2", "t1", "A", at(4), Verdict::AC);
    EXPECT_EQ(e.standings(ScoreboardView::Jury)->rows[0].total_time, minutes{7});
}
