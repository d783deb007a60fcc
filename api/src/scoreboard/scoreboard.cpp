#include "khue/api/scoreboard.hpp"

#include <algorithm>
#include <tuple>

namespace khue::api {

using judge::Verdict;

namespace {

std::chrono::minutes whole_minutes(Millis t) {
    // Contest time counts in whole minutes, rounded down; a submission before the start counts as minute 0.
    return t.count() < 0 ? std::chrono::minutes{0} : std::chrono::floor<std::chrono::minutes>(t);
}

// Compile errors carry no penalty (docs/contest-api.md, scoring); judge errors are not results at all
// (pending).
bool carries_penalty(Verdict v) {
    return v != Verdict::AC && v != Verdict::CE && v != Verdict::JE;
}

}  // namespace

ScoreboardEngine::ScoreboardEngine(ScoreboardRules rules) : rules_(rules) {}

void ScoreboardEngine::set_rules(const ScoreboardRules& rules) {
    if (rules == rules_) {
        return;
    }
    rules_ = rules;
    for (std::size_t t = 0; t < teams_.size(); ++t) {
        for (std::size_t p = 0; p < problems_.size(); ++p) {
            recompute(t, p);
        }
    }
    touch();
}

void ScoreboardEngine::upsert_problem(const ScoreboardProblem& problem) {
    auto existing = std::find_if(problems_.begin(), problems_.end(),
                                 [&](const ScoreboardProblem& p) { return p.id == problem.id; });
    if (existing == problems_.end()) {
        problems_.push_back(problem);
        for (auto& team : teams_) {
            Cell cell;
            cell.jury.problem_id = cell.pub.problem_id = problem.id;
            team.cells.push_back(std::move(cell));
        }
    } else {
        *existing = problem;
    }
    // Keep columns in ordinal order: permute problems, every team's cells and the submissions' indices alike.
    std::vector<std::size_t> order(problems_.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return problems_[a].ordinal < problems_[b].ordinal;
    });
    std::vector<std::size_t> new_index(order.size());
    std::vector<ScoreboardProblem> problems;
    for (std::size_t i = 0; i < order.size(); ++i) {
        new_index[order[i]] = i;
        problems.push_back(problems_[order[i]]);
    }
    problems_ = std::move(problems);
    for (auto& team : teams_) {
        std::vector<Cell> cells;
        for (std::size_t i : order) {
            cells.push_back(std::move(team.cells[i]));
        }
        team.cells = std::move(cells);
    }
    for (auto& [id, sub] : subs_) {
        sub->problem = new_index[sub->problem];
    }
    for (std::size_t t = 0; t < teams_.size(); ++t) {
        for (std::size_t p = 0; p < problems_.size(); ++p) {
            if (problems_[p].id == problem.id) {
                recompute(t, p);
            }
        }
    }
    touch();
}

void ScoreboardEngine::upsert_team(const ScoreboardTeam& team) {
    if (auto it = team_index_.find(team.id); it != team_index_.end()) {
        teams_[it->second].spec = team;
        touch();
        return;
    }
    TeamState state;
    state.spec = team;
    for (const auto& p : problems_) {
        Cell cell;
        cell.jury.problem_id = cell.pub.problem_id = p.id;
        state.cells.push_back(std::move(cell));
    }
    team_index_.emplace(team.id, teams_.size());
    teams_.push_back(std::move(state));
    touch();
}

void ScoreboardEngine::add_submission(const std::string& id, const std::string& team_id,
                                      const std::string& problem_id, Millis contest_time) {
    auto team = team_index_.find(team_id);
    auto problem = std::find_if(problems_.begin(), problems_.end(),
                                [&](const ScoreboardProblem& p) { return p.id == problem_id; });
    if (team == team_index_.end() || problem == problems_.end()) {
        return;
    }
    std::optional<Verdict> verdict;
    std::optional<double> score;
    if (subs_.contains(id)) {
        verdict = subs_[id]->verdict;
        score = subs_[id]->score;
        remove_submission(id);
    }
    auto sub = std::make_unique<Sub>();
    sub->id = id;
    sub->team = team->second;
    sub->problem = static_cast<std::size_t>(problem - problems_.begin());
    sub->time = contest_time;
    sub->verdict = verdict;
    sub->score = score;
    auto& subs = teams_[sub->team].cells[sub->problem].subs;
    auto key = [](const Sub* s) { return std::tie(s->time, s->id); };
    auto position = std::upper_bound(subs.begin(), subs.end(), sub.get(),
                                     [&](const Sub* a, const Sub* b) { return key(a) < key(b); });
    subs.insert(position, sub.get());
    std::size_t t = sub->team, p = sub->problem;
    subs_.emplace(id, std::move(sub));
    recompute(t, p);
    touch();
}

void ScoreboardEngine::remove_submission(const std::string& id) {
    auto it = subs_.find(id);
    if (it == subs_.end()) {
        return;
    }
    Sub* sub = it->second.get();
    for (auto& latch : first_latch_) {
        latch.erase(problems_[sub->problem].id);
    }
    auto& subs = teams_[sub->team].cells[sub->problem].subs;
    subs.erase(std::remove(subs.begin(), subs.end(), sub), subs.end());
    std::size_t t = sub->team, p = sub->problem;
    subs_.erase(it);
    recompute(t, p);
    touch();
}

void ScoreboardEngine::set_result(const std::string& submission_id, std::optional<Verdict> verdict,
                                  std::optional<double> score) {
    auto it = subs_.find(submission_id);
    if (it == subs_.end()) {
        return;
    }
    Sub* sub = it->second.get();
    if (sub->verdict == verdict && sub->score == score) {
        return;
    }
    if (sub->verdict && *sub->verdict != Verdict::JE) {
        // A judged submission gets another result: a rejudge, which may change who solved first.
        for (auto& latch : first_latch_) {
            latch.erase(problems_[sub->problem].id);
        }
    }
    sub->verdict = verdict;
    sub->score = score;
    recompute(sub->team, sub->problem);
    touch();
}

void ScoreboardEngine::recompute(std::size_t team, std::size_t problem) {
    Cell& cell = teams_[team].cells[problem];
    cell.jury = compute(cell, problem, false);
    cell.pub = compute(cell, problem, true);
}

ScoreboardCell ScoreboardEngine::compute(const Cell& cell, std::size_t problem, bool public_view) const {
    ScoreboardCell out;
    out.problem_id = problems_[problem].id;
    bool hide_frozen = public_view && rules_.freeze_start && !rules_.thawed;
    if (rules_.type == ScoreboardType::PassFail) {
        int rejected = 0;
        for (const Sub* s : cell.subs) {
            bool hidden = hide_frozen && s->time >= *rules_.freeze_start;
            if (hidden || !s->verdict || *s->verdict == Verdict::JE) {
                ++out.num_pending;
                continue;
            }
            if (*s->verdict == Verdict::CE) {
                continue;
            }
            ++out.num_judged;
            if (*s->verdict == Verdict::AC) {
                out.solved = true;
                out.exact_time = s->time;
                out.time = whole_minutes(s->time);
                out.penalty = whole_minutes(s->time) + rejected * rules_.penalty_time;
                break;  // later submissions do not change a solved problem
            }
            if (carries_penalty(*s->verdict)) {
                ++rejected;
            }
        }
        return out;
    }
    // Score contests: the best judged score counts, at the time it was first reached.
    std::optional<double> best;
    for (const Sub* s : cell.subs) {
        bool hidden = hide_frozen && s->time >= *rules_.freeze_start;
        if (hidden || !s->verdict || *s->verdict == Verdict::JE) {
            ++out.num_pending;
            continue;
        }
        if (*s->verdict == Verdict::CE) {
            continue;
        }
        ++out.num_judged;
        double score =
            s->score.value_or(*s->verdict == Verdict::AC ? problems_[problem].max_score.value_or(1) : 0);
        if (!best || score > *best) {
            best = score;
            if (score > 0) {
                out.time = whole_minutes(s->time);
                out.exact_time = s->time;
            }
        }
    }
    out.score = best.value_or(0);
    const auto& max = problems_[problem].max_score;
    out.solved = best && (max ? *best >= *max - 1e-9 : *best > 0);
    return out;
}

std::optional<std::vector<std::size_t>> ScoreboardEngine::first_solvers(std::size_t p,
                                                                        ScoreboardView view) const {
    bool every_team = view == ScoreboardView::Jury;
    bool every_verdict = view != ScoreboardView::Public;
    std::optional<Millis> first;
    std::vector<std::size_t> solvers;
    for (std::size_t t = 0; t < teams_.size(); ++t) {
        if (teams_[t].spec.hidden && !every_team) {
            continue;
        }
        const ScoreboardCell& c = every_verdict ? teams_[t].cells[p].jury : teams_[t].cells[p].pub;
        if (!c.solved) {
            continue;
        }
        if (!first || c.exact_time < *first) {
            first = c.exact_time;
            solvers.clear();
        }
        if (c.exact_time == *first) {
            solvers.push_back(t);
        }
    }
    if (!first) {
        return std::nullopt;
    }
    // Undecided while a submission made before the first solve still waits for its result in this view.
    bool hide_frozen = !every_verdict && rules_.freeze_start && !rules_.thawed;
    for (std::size_t t = 0; t < teams_.size(); ++t) {
        if (teams_[t].spec.hidden && !every_team) {
            continue;
        }
        for (const Sub* s : teams_[t].cells[p].subs) {
            if (s->time >= *first) {
                break;  // ordered by time
            }
            bool hidden = hide_frozen && s->time >= *rules_.freeze_start;
            if (hidden || !s->verdict || *s->verdict == Verdict::JE) {
                return std::nullopt;
            }
        }
    }
    return solvers;
}

std::shared_ptr<const Standings> ScoreboardEngine::standings(ScoreboardView view,
                                                             const std::string& group_id) {
    std::string key = (view == ScoreboardView::Jury    ? "j:"
                       : view == ScoreboardView::Final ? "f:"
                                                       : "p:") +
                      group_id;
    if (auto it = cache_.find(key); it != cache_.end() && it->second.standings->version == version_) {
        return it->second.standings;
    }
    bool every_team = view == ScoreboardView::Jury;
    bool every_verdict = view != ScoreboardView::Public;
    auto result = std::make_shared<Standings>();
    result->version = version_;
    // First to solve is judged over all visible teams, whatever group is shown.
    std::vector<std::vector<bool>> first(problems_.size(), std::vector<bool>(teams_.size(), false));
    auto& latch = first_latch_[static_cast<int>(view)];
    for (std::size_t p = 0; p < problems_.size(); ++p) {
        std::vector<std::size_t> solvers;
        if (auto it = latch.find(problems_[p].id); it != latch.end()) {
            for (const auto& id : it->second) {
                if (auto t = team_index_.find(id); t != team_index_.end()) {
                    solvers.push_back(t->second);
                }
            }
        } else if (auto decided = first_solvers(p, view)) {
            solvers = *decided;
            if (!solvers.empty()) {
                auto& ids = latch[problems_[p].id];
                for (std::size_t t : solvers) {
                    ids.push_back(teams_[t].spec.id);
                }
            }
        }
        for (std::size_t t : solvers) {
            first[p][t] = true;
        }
    }
    std::vector<const TeamState*> names;
    for (std::size_t t = 0; t < teams_.size(); ++t) {
        const TeamState& team = teams_[t];
        if (team.spec.hidden && !every_team) {
            continue;
        }
        if (!group_id.empty() && std::find(team.spec.group_ids.begin(), team.spec.group_ids.end(),
                                           group_id) == team.spec.group_ids.end()) {
            continue;
        }
        ScoreboardRow row;
        row.team_id = team.spec.id;
        for (std::size_t p = 0; p < problems_.size(); ++p) {
            ScoreboardCell c = every_verdict ? team.cells[p].jury : team.cells[p].pub;
            c.first_to_solve = c.solved && first[p][t];
            if (rules_.type == ScoreboardType::PassFail) {
                if (c.solved) {
                    ++row.num_solved;
                    row.total_time += c.penalty;
                    if (!row.last_time || *c.time > *row.last_time) {
                        row.last_time = c.time;
                    }
                }
            } else {
                row.score += c.score;
                if (c.solved) {
                    ++row.num_solved;
                }
                if (c.time && (!row.last_time || *c.time > *row.last_time)) {
                    row.last_time = c.time;
                }
            }
            row.problems.push_back(std::move(c));
        }
        result->rows.push_back(std::move(row));
        names.push_back(&team);
    }
    // Sort with names attached, so that tied teams appear by name.
    std::vector<std::size_t> order(result->rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    bool pass_fail = rules_.type == ScoreboardType::PassFail;
    auto rank_key = [&](const ScoreboardRow& r) {
        // Smaller is better in every component.
        Millis last = r.last_time.value_or(Millis{0});
        return pass_fail
                   ? std::make_tuple(-static_cast<double>(r.num_solved), r.total_time.count(), last.count())
                   : std::make_tuple(-r.score, std::int64_t{0}, std::int64_t{0});
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        auto ka = rank_key(result->rows[a]);
        auto kb = rank_key(result->rows[b]);
        if (ka != kb) {
            return ka < kb;
        }
        return std::tie(names[a]->spec.name, names[a]->spec.id) <
               std::tie(names[b]->spec.name, names[b]->spec.id);
    });
    std::vector<ScoreboardRow> sorted;
    sorted.reserve(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        ScoreboardRow& row = result->rows[order[i]];
        if (i > 0 && rank_key(row) == rank_key(sorted.back())) {
            row.rank = sorted.back().rank;
        } else {
            row.rank = static_cast<int>(i) + 1;
        }
        sorted.push_back(std::move(row));
    }
    result->rows = std::move(sorted);
    cache_[key] = CacheEntry{result};
    return result;
}

}  // namespace khue::api
