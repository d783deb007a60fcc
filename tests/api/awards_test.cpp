// Awards (khue/api/awards.hpp) and the first-to-solve rule of the scoreboard engine: each award rule, the
// settings' validation, and when a first solve is decided.
#include "khue/api/awards.hpp"
#include "khue/api/scoreboard.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <set>

using namespace khue::api;
using khue::judge::Verdict;
namespace json = boost::json;

namespace {

Millis at(int min) {
    return std::chrono::duration_cast<Millis>(std::chrono::minutes{min});
}

// Six teams in two groups and three organizations; problems A and B.
ScoreboardEngine six_teams(std::optional<Millis> freeze = std::nullopt) {
    ScoreboardEngine e({ScoreboardType::PassFail, std::chrono::minutes{20}, freeze, false});
    e.upsert_problem({"A", 0, std::nullopt});
    e.upsert_problem({"B", 1, std::nullopt});
    e.upsert_team({"t1", "Alpha", {"uni"}, false});
    e.upsert_team({"t2", "Bravo", {"uni"}, false});
    e.upsert_team({"t3", "Charlie", {"school"}, false});
    e.upsert_team({"t4", "Delta", {"school"}, false});
    e.upsert_team({"t5", "Echo", {"uni"}, false});
    e.upsert_team({"t6", "Foxtrot", {"school"}, false});
    return e;
}

void judged(ScoreboardEngine& e, const std::string& id, const std::string& team, const std::string& problem,
            Millis time, Verdict v) {
    e.add_submission(id, team, problem, time);
    e.set_result(id, v);
}

AwardContext context() {
    AwardContext c;
    c.problem_labels = {{"A", "A"}, {"B", "B"}};
    c.group_names = {{"uni", "Universities"}, {"school", "Schools"}};
    c.organization_names = {{"hust", "HUST"}, {"uet", "UET"}, {"ams", "Ams"}};
    c.team_organization = {{"t1", "hust"}, {"t2", "uet"}, {"t3", "ams"}, {"t4", "hust"}, {"t5", "uet"}};
    c.team_groups = {{"t1", {"uni"}},    {"t2", {"uni"}}, {"t3", {"school"}},
                     {"t4", {"school"}}, {"t5", {"uni"}}, {"t6", {"school"}}};
    return c;
}

// id -> team ids of each award.
std::map<std::string, std::set<std::string>> by_id(const json::array& awards) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& a : awards) {
        auto& teams = out[std::string(a.at("id").as_string())];
        for (const auto& t : a.at("team_ids").as_array()) {
            teams.insert(std::string(t.as_string()));
        }
        EXPECT_FALSE(a.at("citation").as_string().empty());
        EXPECT_EQ(a.as_object().size(), 3u) << "only id, citation, team_ids";
    }
    return out;
}

using Teams = std::set<std::string>;

// Ranks: t1 2 solved; t2 and t3 tied with 1 solved at the same minute and penalty; t4 1 solved later; t5 and
// t6 nothing.
ScoreboardEngine ranked() {
    auto e = six_teams();
    judged(e, "1", "t1", "A", at(10), Verdict::AC);
    judged(e, "2", "t1", "B", at(20), Verdict::AC);
    judged(e, "3", "t2", "A", at(30), Verdict::AC);
    judged(e, "4", "t3", "A", at(30), Verdict::AC);
    judged(e, "5", "t4", "B", at(50), Verdict::AC);
    judged(e, "6", "t5", "A", at(5), Verdict::WA);
    return e;
}

}  // namespace

TEST(Awards, MedalsByCountOfPlacesAndTiesShareTheMedal) {
    auto e = ranked();
    AwardRules rules;
    rules.gold = 1;
    rules.silver = 1;  // t2 and t3 share rank 2: both silver
    rules.bronze = 1;  // rank 3 is taken by the tie; t4 is 4th: no bronze
    auto awards = by_id(compute_awards(*e.standings(ScoreboardView::Public), rules, context()));
    EXPECT_EQ(awards["winner"], Teams({"t1"}));
    EXPECT_EQ(awards["gold-medal"], Teams({"t1"}));
    EXPECT_EQ(awards["silver-medal"], Teams({"t2", "t3"}));
    EXPECT_FALSE(awards.contains("bronze-medal")) << "an award nobody earned is left out";
    EXPECT_FALSE(awards.contains("honorable-mention"));
    rules.bronze = 2;
    awards = by_id(compute_awards(*e.standings(ScoreboardView::Public), rules, context()));
    EXPECT_EQ(awards["bronze-medal"], Teams({"t4"}));
}

TEST(Awards, HonorableMentionGoesToTeamsThatScoredWithoutAMedal) {
    auto e = ranked();
    AwardRules rules;
    rules.gold = 1;
    rules.honorable_mention = true;
    auto awards = by_id(compute_awards(*e.standings(ScoreboardView::Public), rules, context()));
    EXPECT_EQ(awards["honorable-mention"], Teams({"t2", "t3", "t4"})) << "t5 and t6 solved nothing";
}

TEST(Awards, WinnersPerGroupAndPerOrganization) {
    auto e = ranked();
    AwardRules rules;
    rules.group_winners = true;
    rules.organization_winners = true;
    auto awards = by_id(compute_awards(*e.standings(ScoreboardView::Public), rules, context()));
    EXPECT_EQ(awards["group-winner-uni"], Teams({"t1"}));
    EXPECT_EQ(awards["group-winner-school"], Teams({"t3"}));
    EXPECT_EQ(awards["organization-winner-hust"], Teams({"t1"})) << "t4 of HUST ranks below t1";
    EXPECT_EQ(awards["organization-winner-uet"], Teams({"t2"}));
    EXPECT_EQ(awards["organization-winner-ams"], Teams({"t3"}));
    // Switched off: none of them.
    rules = AwardRules{};
    awards = by_id(compute_awards(*e.standings(ScoreboardView::Public), rules, context()));
    for (const auto& [id, teams] : awards) {
        EXPECT_FALSE(id.starts_with("group-winner-") || id.starts_with("organization-winner-")) << id;
    }
}

TEST(Awards, FirstToSolvePerProblemAndTheWinner) {
    auto e = ranked();
    AwardRules rules;
    auto awards = by_id(compute_awards(*e.standings(ScoreboardView::Public), rules, context()));
    EXPECT_EQ(awards["first-to-solve-A"], Teams({"t1"}));
    EXPECT_EQ(awards["first-to-solve-B"], Teams({"t1"}));
    EXPECT_EQ(awards["winner"], Teams({"t1"}));
    rules.first_to_solve = false;
    rules.winner = false;
    EXPECT_TRUE(compute_awards(*e.standings(ScoreboardView::Public), rules, context()).empty());
}

TEST(Awards, NobodyScoredMeansNoAwards) {
    auto e = six_teams();
    judged(e, "1", "t1", "A", at(10), Verdict::WA);
    AwardRules rules;
    rules.gold = rules.silver = rules.bronze = 4;
    rules.honorable_mention = rules.group_winners = rules.organization_winners = true;
    EXPECT_TRUE(compute_awards(*e.standings(ScoreboardView::Public), rules, context()).empty());
}

TEST(Awards, ScoreContestsRankByScore) {
    ScoreboardEngine e({ScoreboardType::Score, std::chrono::minutes{20}, std::nullopt, false});
    e.upsert_problem({"A", 0, 100.0});
    e.upsert_team({"t1", "Alpha", {}, false});
    e.upsert_team({"t2", "Bravo", {}, false});
    e.add_submission("1", "t1", "A", at(10));
    e.set_result("1", Verdict::WA, 40.0);
    e.add_submission("2", "t2", "A", at(20));
    e.set_result("2", Verdict::WA, 0.0);
    AwardRules rules;
    rules.gold = 2;
    AwardContext ctx = context();
    ctx.pass_fail = false;
    auto awards = by_id(compute_awards(*e.standings(ScoreboardView::Public), rules, ctx));
    EXPECT_EQ(awards["gold-medal"], Teams({"t1"})) << "a team with no points gets no medal";
    EXPECT_FALSE(awards.contains("first-to-solve-A")) << "40 of 100 is not solved";
}

TEST(AwardRules, ParsedStrictlyWithTheOffendingProperty) {
    std::string error;
    auto rules =
        parse_award_rules(R"({"gold": 4, "silver": 4, "bronze": 4, "honorable_mention": true})", error);
    ASSERT_TRUE(rules) << error;
    EXPECT_EQ(rules->gold, 4);
    EXPECT_TRUE(rules->honorable_mention);
    EXPECT_TRUE(rules->winner) << "defaults stay";
    EXPECT_EQ(*parse_award_rules("", error), AwardRules{});
    EXPECT_FALSE(parse_award_rules(R"({"gold": -1})", error));
    EXPECT_NE(error.find("awards.gold"), std::string::npos) << error;
    EXPECT_FALSE(parse_award_rules(R"({"platinum": 1})", error));
    EXPECT_NE(error.find("awards.platinum"), std::string::npos) << error;
    EXPECT_FALSE(parse_award_rules(R"({"winner": "yes"})", error));
    EXPECT_NE(error.find("true or false"), std::string::npos) << error;
    EXPECT_FALSE(parse_award_rules("[1]", error));
    EXPECT_FALSE(parse_award_rules("{", error));
    // Round trip through its JSON.
    AwardRules r;
    r.gold = 2;
    r.group_winners = true;
    EXPECT_EQ(parse_award_rules(json::serialize(award_rules_json(r)), error), r);
}

// ---- first to solve --------------------------------------------------------------------------------------

namespace {

bool first(ScoreboardEngine& e, const std::string& team, ScoreboardView view = ScoreboardView::Jury) {
    for (const auto& row : e.standings(view)->rows) {
        if (row.team_id == team) {
            return row.problems[0].first_to_solve;
        }
    }
    return false;
}

}  // namespace

TEST(FirstToSolve, UndecidedWhileAnEarlierSubmissionIsBeingJudged) {
    auto e = six_teams();
    e.add_submission("1", "t1", "A", at(10));  // waiting for its verdict
    judged(e, "2", "t2", "A", at(20), Verdict::AC);
    EXPECT_FALSE(first(e, "t2")) << "t1's earlier submission may still be accepted";
    e.set_result("1", Verdict::WA);
    EXPECT_TRUE(first(e, "t2"));
}

TEST(FirstToSolve, AnEarlierSubmissionAcceptedLaterWins) {
    auto e = six_teams();
    e.add_submission("1", "t1", "A", at(10));
    judged(e, "2", "t2", "A", at(20), Verdict::AC);
    e.set_result("1", Verdict::AC);
    EXPECT_TRUE(first(e, "t1"));
    EXPECT_FALSE(first(e, "t2"));
}

TEST(FirstToSolve, AJudgingErrorCountsAsPending) {
    auto e = six_teams();
    judged(e, "1", "t1", "A", at(10), Verdict::JE);
    judged(e, "2", "t2", "A", at(20), Verdict::AC);
    EXPECT_FALSE(first(e, "t2"));
}

TEST(FirstToSolve, PendingLaterSubmissionsDoNotMatter) {
    auto e = six_teams();
    judged(e, "1", "t1", "A", at(10), Verdict::AC);
    e.add_submission("2", "t2", "A", at(20));
    EXPECT_TRUE(first(e, "t1"));
}

TEST(FirstToSolve, HiddenByTheFreezeIsPendingInThePublicViewOnly) {
    // The freeze starts at minute 0 here, so every submission is frozen in the public view.
    auto e = six_teams(at(0));
    judged(e, "1", "t1", "A", at(10), Verdict::WA);
    judged(e, "2", "t2", "A", at(20), Verdict::AC);
    EXPECT_TRUE(first(e, "t2", ScoreboardView::Jury));
    EXPECT_FALSE(first(e, "t2", ScoreboardView::Public)) << "the public does not know it yet";
    e.set_rules({ScoreboardType::PassFail, std::chrono::minutes{20}, at(0), true});  // thawed
    EXPECT_TRUE(first(e, "t2", ScoreboardView::Public));
}

TEST(FirstToSolve, OnceDecidedALateEarlierSubmissionDoesNotTakeIt) {
    auto e = six_teams();
    judged(e, "1", "t1", "A", at(20), Verdict::AC);
    EXPECT_TRUE(first(e, "t1"));
    // An admin replays a submission dated earlier; even accepted, the decided first solve stays.
    e.add_submission("2", "t2", "A", at(10));
    EXPECT_TRUE(first(e, "t1"));
    e.set_result("2", Verdict::AC);
    EXPECT_TRUE(first(e, "t1"));
    EXPECT_FALSE(first(e, "t2"));
}

TEST(FirstToSolve, ARejudgeDecidesAgain) {
    auto e = six_teams();
    judged(e, "1", "t1", "A", at(10), Verdict::AC);
    judged(e, "2", "t2", "A", at(20), Verdict::AC);
    EXPECT_TRUE(first(e, "t1"));
    // The rejudge: the current judgement goes away (pending), then the new verdict arrives.
    e.set_result("1", std::nullopt);
    EXPECT_FALSE(first(e, "t2")) << "t1's submission is pending again";
    e.set_result("1", Verdict::WA);
    EXPECT_TRUE(first(e, "t2"));
    EXPECT_FALSE(first(e, "t1"));
}
