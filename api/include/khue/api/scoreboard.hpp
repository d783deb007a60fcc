// The scoreboard engine: standings maintained incrementally from submission and judgement facts
// (docs/contest-api.md, scoring: pass-fail ICPC rules and score contests), in two views — the jury's truth
// and the public view that hides results of submissions made during the freeze until the thaw. A change
// recomputes only the one (team, problem) cell it touches; ranking is redone lazily, once per change burst,
// when a view is next asked for.
#pragma once

#include "khue/api/contest.hpp"
#include "khue/api/time.hpp"
#include "khue/judge/types.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace khue::api {

struct ScoreboardRules {
    ScoreboardType type = ScoreboardType::PassFail;
    std::chrono::minutes penalty_time{20};
    // Contest time from which results are hidden from the public; null when the contest has no freeze.
    std::optional<Millis> freeze_start;
    bool thawed = false;
    bool operator==(const ScoreboardRules&) const = default;
};

struct ScoreboardProblem {
    std::string id;
    int ordinal = 0;
    std::optional<double> max_score;  // score contests: a problem is "solved" once its score reaches this
};

struct ScoreboardTeam {
    std::string id;
    std::string name;
    std::vector<std::string> group_ids;
    bool hidden = false;  // hidden teams appear only in the jury view
};

// Public: the public's teams, the freeze hiding what it hides. Jury: every team, every verdict. Final: the
// public's teams with every verdict (the board the thaw makes public; the resolver's end and its awards).
enum class ScoreboardView { Public, Jury, Final };

struct ScoreboardCell {
    std::string problem_id;
    int num_judged = 0;
    int num_pending = 0;
    bool solved = false;
    double score = 0;                 // score contests
    std::optional<Millis> time;       // pass-fail: whole minutes of the first AC; score: of the best score
    Millis exact_time{0};             // unrounded, for first-to-solve
    std::chrono::minutes penalty{0};  // pass-fail, when solved: solve minute + penalty per earlier rejection
    // The first solve of the problem among the view's teams, decided only once no earlier submission for the
    // problem is pending in the view (judging, a judge error, hidden by the freeze); once decided it changes
    // only when a judged submission of the problem changes its verdict (a rejudge) or is removed.
    bool first_to_solve = false;
};

struct ScoreboardRow {
    int rank = 0;
    std::string team_id;
    int num_solved = 0;
    std::chrono::minutes total_time{0};  // pass-fail penalty
    double score = 0;                    // score contests
    std::optional<Millis> last_time;     // last solve (pass-fail) or last score improvement (score)
    std::vector<ScoreboardCell> problems;
};

struct Standings {
    std::uint64_t version = 0;  // the engine's version these standings were computed at
    std::vector<ScoreboardRow> rows;
};

class ScoreboardEngine {
  public:
    explicit ScoreboardEngine(ScoreboardRules rules = {});

    // Freeze or thaw: every cell's public view is recomputed (rare, O(submissions)).
    void set_rules(const ScoreboardRules& rules);
    const ScoreboardRules& rules() const { return rules_; }
    // Problems in ordinal order; adding one later appends a column to every team.
    void upsert_problem(const ScoreboardProblem& problem);
    void upsert_team(const ScoreboardTeam& team);

    // A new submission, pending until judged. Unknown teams or problems are ignored (they cannot score),
    // and the same id again only moves the submission.
    void add_submission(const std::string& id, const std::string& team_id, const std::string& problem_id,
                        Millis contest_time);
    void remove_submission(const std::string& id);
    // The current judgement of a submission changed: a verdict (with a score for score contests), or nullopt
    // while it is being (re)judged. A judge error counts as pending: it never becomes a team's verdict.
    void set_result(const std::string& submission_id, std::optional<judge::Verdict> verdict,
                    std::optional<double> score = std::nullopt);

    // Ranked rows of the view, restricted to teams of `group_id` (all teams when empty) and ranked within it.
    // Cached: between changes, the same pointer is handed out again.
    std::shared_ptr<const Standings> standings(ScoreboardView view, const std::string& group_id = {});
    std::uint64_t version() const { return version_; }

  private:
    struct Sub {
        std::string id;
        std::size_t team = 0;
        std::size_t problem = 0;
        Millis time{0};
        std::optional<judge::Verdict> verdict;
        std::optional<double> score;
    };
    struct Cell {
        std::vector<Sub*> subs;  // ordered by (time, id)
        ScoreboardCell jury;
        ScoreboardCell pub;
    };
    struct TeamState {
        ScoreboardTeam spec;
        std::vector<Cell> cells;  // one per problem, in problems_ order
    };

    void recompute(std::size_t team, std::size_t problem);
    // The decided first solvers (team indices) of problem `p` in a view, or nullopt while undecided.
    std::optional<std::vector<std::size_t>> first_solvers(std::size_t p, ScoreboardView view) const;
    ScoreboardCell compute(const Cell& cell, std::size_t problem, bool public_view) const;
    void touch() { ++version_; }

    ScoreboardRules rules_;
    std::vector<ScoreboardProblem> problems_;
    std::vector<TeamState> teams_;
    std::unordered_map<std::string, std::size_t> team_index_;
    std::unordered_map<std::string, std::unique_ptr<Sub>> subs_;
    std::uint64_t version_ = 1;
    struct CacheEntry {
        std::shared_ptr<const Standings> standings;
    };
    std::unordered_map<std::string, CacheEntry> cache_;  // key: view + group
    // Decided first solvers per view (indexed by ScoreboardView), by problem id: kept until a rejudge of the
    // problem.
    std::unordered_map<std::string, std::vector<std::string>> first_latch_[3];
};

}  // namespace khue::api
