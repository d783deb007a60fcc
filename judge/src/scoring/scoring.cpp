#include "khue/judge/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace khue::judge {
namespace {

constexpr double kEpsilon = 1e-6;

bool in_subtree(const std::string& case_name, const std::string& group_name) {
    return group_name.empty() ||
           (case_name.size() > group_name.size() &&
            case_name.compare(0, group_name.size(), group_name) == 0 && case_name[group_name.size()] == '/');
}

// data/ down to the group that holds `group_name`.
std::vector<const TestGroup*> ancestors(const Problem& problem, const std::string& group_name) {
    std::vector<const TestGroup*> chain;
    const TestGroup* g = &problem.data;
    while (g != nullptr) {
        chain.push_back(g);
        if (g->name == group_name) {
            break;
        }
        const TestGroup* next = nullptr;
        for (const TestGroup& child : g->groups) {
            if (child.name == group_name || in_subtree(group_name, child.name)) {
                next = &child;
            }
        }
        g = next;
    }
    return chain;
}

std::string verdict_name(Verdict v) {
    return std::string(to_string(v));
}

bool is_modern_pass_fail_group(const Problem& p, const TestGroup& g) {
    return p.version == FormatVersion::V2025_09 && p.scoring && g.name != "sample" && !g.name.empty() &&
           g.settings.score_aggregation == ScoreAggregation::PassFail;
}

// Severity for worst_error: a judge error is worst, then crashes, limits, wrong answers.
int severity(Verdict v) {
    switch (v) {
        case Verdict::AC:
            return 0;
        case Verdict::WA:
            return 1;
        case Verdict::OLE:
            return 2;
        case Verdict::TLE:
            return 3;
        case Verdict::MLE:
            return 4;
        case Verdict::RTE:
            return 5;
        case Verdict::CE:
            return 6;
        case Verdict::JE:
            return 7;
    }
    return 7;
}

// The first rejection (or a missing test that should have run) among the cases of `group`'s subtree.
struct Scan {
    std::optional<Verdict> first_rejection;
    std::string first_rejected_name;
    bool any_je = false;
    std::string je_name;
    bool all_ac = true;  // every case ran and is AC
};

Scan scan(const Problem& problem, const std::string& group_name, const Outcomes& outcomes) {
    Scan s;
    for (const TestCase* c : problem.test_cases()) {
        if (!in_subtree(c->name, group_name) && c->group != group_name) {
            continue;
        }
        const auto it = outcomes.find(c->name);
        if (it == outcomes.end()) {
            s.all_ac = false;
            continue;
        }
        const Verdict v = it->second.verdict;
        if (v == Verdict::JE && !s.any_je) {
            s.any_je = true;
            s.je_name = c->name;
        }
        if (v != Verdict::AC) {
            s.all_ac = false;
            if (!s.first_rejection) {
                s.first_rejection = v;
                s.first_rejected_name = c->name;
            }
        }
    }
    return s;
}

// ---- legacy: the default grader, applied bottom-up ----

struct LegacyResult {
    Verdict verdict = Verdict::AC;
    double score = 0;
    bool any = false;  // at least one result was graded
};

double aggregate(ScoreAggregation how, const std::vector<double>& scores) {
    if (scores.empty()) {
        return 0;
    }
    switch (how) {
        case ScoreAggregation::Min:
            return *std::min_element(scores.begin(), scores.end());
        case ScoreAggregation::Max:
            return *std::max_element(scores.begin(), scores.end());
        case ScoreAggregation::Avg: {
            double sum = 0;
            for (const double s : scores) {
                sum += s;
            }
            return sum / static_cast<double>(scores.size());
        }
        case ScoreAggregation::Sum:
        case ScoreAggregation::PassFail:
            break;
    }
    double sum = 0;
    for (const double s : scores) {
        sum += s;
    }
    return sum;
}

// Whether the sample group is left out at the root of a legacy problem: with `ignore_sample`, and always in a
// scoring problem (judge/PACKAGES.md, "Scoring rules": samples never count towards a score or its maximum).
bool legacy_drops_samples(const Problem& p) {
    return p.version == FormatVersion::Legacy && (p.scoring || p.data.settings.ignore_sample);
}

LegacyResult grade_legacy(const TestGroup& g, const Outcomes& outcomes, bool best_case, GroupScore& out,
                          bool is_root, bool drop_samples) {
    out.name = g.name;
    std::vector<Verdict> verdicts;
    std::vector<double> scores;
    std::size_t c = 0;
    std::size_t k = 0;
    while (c < g.cases.size() || k < g.groups.size()) {
        if (k == g.groups.size() || (c < g.cases.size() && g.cases[c].name < g.groups[k].name)) {
            const TestCase& tc = g.cases[c++];
            if (best_case) {
                verdicts.push_back(Verdict::AC);
                scores.push_back(g.settings.accept_score);
                continue;
            }
            const auto it = outcomes.find(tc.name);
            if (it == outcomes.end()) {
                continue;  // not run (after a break): problemtools grades only the results it has
            }
            // score.txt, else accept_score (scaled by a CMS checker's fraction); reject_score when rejected.
            const TestOutcome& t = it->second;
            verdicts.push_back(t.verdict);
            scores.push_back(t.verdict == Verdict::AC ? t.score.value_or(g.settings.accept_score *
                                                                         t.score_multiplier.value_or(1.0))
                                                      : g.settings.reject_score);
        } else {
            const TestGroup& child = g.groups[k++];
            GroupScore child_score;
            const LegacyResult r = grade_legacy(child, outcomes, best_case, child_score, false, false);
            const bool ignored = is_root && child.name == "sample" && drop_samples;
            child_score.counted = !ignored;
            out.groups.push_back(std::move(child_score));
            if (!r.any || ignored) {
                continue;
            }
            verdicts.push_back(r.verdict);
            scores.push_back(r.score);
        }
    }
    LegacyResult result;
    result.any = !verdicts.empty();
    switch (g.settings.verdict_aggregation) {
        case VerdictAggregation::FirstError:
            for (const Verdict v : verdicts) {
                if (v != Verdict::AC) {
                    result.verdict = v;
                    break;
                }
            }
            break;
        case VerdictAggregation::WorstError:
            for (const Verdict v : verdicts) {
                if (severity(v) > severity(result.verdict)) {
                    result.verdict = v;
                }
            }
            break;
        case VerdictAggregation::AlwaysAccept:
            result.verdict = Verdict::AC;
            break;
    }
    if (g.settings.accept_if_any_accepted &&
        std::find(verdicts.begin(), verdicts.end(), Verdict::AC) != verdicts.end()) {
        result.verdict = Verdict::AC;
    }
    result.score = aggregate(g.settings.score_aggregation, scores);
    out.verdict = result.verdict;
    out.score = result.score;
    return result;
}

void fill_legacy_max(GroupScore& actual, const GroupScore& best) {
    actual.max_score = best.score;
    for (std::size_t i = 0; i < actual.groups.size() && i < best.groups.size(); ++i) {
        fill_legacy_max(actual.groups[i], best.groups[i]);
    }
}

// ---- 2025-09: scores of secret and its groups ----

class ModernScorer {
  public:
    ModernScorer(const Problem& p, const Outcomes& o) : p_(p), o_(o) {}

    GroupScore score_group(const TestGroup& g) {
        GroupScore out;
        out.name = g.name;
        out.max_score = g.settings.max_score;
        const Scan s = scan(p_, g.name, o_);
        out.verdict = s.first_rejection.value_or(Verdict::AC);
        for (const std::string& required : g.settings.require_pass) {
            const Scan r = scan(p_, required, o_);
            if (!r.all_ac) {
                out.counted = false;
                if (out.verdict == Verdict::AC) {
                    out.verdict = r.first_rejection.value_or(Verdict::WA);
                }
                note("group " + g.name + " scores 0: it requires " + required + " to pass");
            }
        }
        for (const TestGroup& child : g.groups) {
            out.groups.push_back(score_group(child));
        }
        if (!out.counted) {
            out.score = 0;
            return out;
        }
        switch (g.settings.score_aggregation) {
            case ScoreAggregation::PassFail:
                if (!g.settings.max_score) {
                    judge_error("group " + g.name + " aggregates pass-fail but has no bounded max_score");
                }
                out.score = s.all_ac ? g.settings.max_score.value_or(0) : 0;
                break;
            case ScoreAggregation::Sum:
            case ScoreAggregation::Min:
            case ScoreAggregation::Max:
            case ScoreAggregation::Avg:
                out.score = combine(g, out);
                break;
        }
        if (g.settings.max_score && out.score > *g.settings.max_score + kEpsilon) {
            judge_error("group " + g.name + " scored " + std::to_string(out.score) +
                        ", above its max_score " + std::to_string(*g.settings.max_score));
        }
        return out;
    }

    const std::vector<std::string>& errors() const { return errors_; }
    const std::vector<std::string>& notes() const { return notes_; }

  private:
    double combine(const TestGroup& g, const GroupScore& out) {
        std::vector<double> scores;
        const bool min = g.settings.score_aggregation == ScoreAggregation::Min;
        std::optional<double> case_max = g.settings.max_score;
        if (case_max && !min && !g.cases.empty()) {
            // Only direct cases share the group's score; subgroups bring their own max_score.
            case_max = *case_max / static_cast<double>(g.cases.size());
        }
        for (const TestCase& c : g.cases) {
            scores.push_back(case_score(c, case_max));
        }
        for (const GroupScore& child : out.groups) {
            scores.push_back(child.score);
        }
        if (scores.empty()) {
            return 0;
        }
        return min ? *std::min_element(scores.begin(), scores.end())
                   : aggregate(ScoreAggregation::Sum, scores);
    }

    double case_score(const TestCase& c, std::optional<double> max) {
        const auto it = o_.find(c.name);
        if (it == o_.end()) {
            return 0;
        }
        const TestOutcome& t = it->second;
        if (t.score && t.score_multiplier) {
            judge_error(c.name + ": the validator wrote both score.txt and score_multiplier.txt");
            return 0;
        }
        if (t.verdict != Verdict::AC) {
            if (t.score || t.score_multiplier) {
                judge_error(c.name + ": the validator rejected the case but wrote a score");
            }
            return 0;
        }
        if (t.score_multiplier) {
            if (!max) {
                judge_error(c.name + ": score_multiplier.txt in a group with unbounded max_score");
                return 0;
            }
            if (*t.score_multiplier < 0 || *t.score_multiplier > 1 + kEpsilon) {
                judge_error(c.name + ": score_multiplier " + std::to_string(*t.score_multiplier) +
                            " is not in [0,1]");
                return 0;
            }
            return *t.score_multiplier * *max;
        }
        if (t.score) {
            if (*t.score < 0 || (max && *t.score > *max + kEpsilon)) {
                judge_error(c.name + ": score " + std::to_string(*t.score) + " is outside [0, " +
                            (max ? std::to_string(*max) : std::string("unbounded")) + "]");
                return 0;
            }
            return *t.score;
        }
        if (!max) {
            judge_error(c.name + ": accepted in a group with unbounded max_score but no score.txt");
            return 0;
        }
        return *max;
    }

    void judge_error(std::string why) { errors_.push_back(std::move(why)); }
    void note(std::string why) { notes_.push_back(std::move(why)); }

    const Problem& p_;
    const Outcomes& o_;
    std::vector<std::string> errors_;
    std::vector<std::string> notes_;
};

GroupScore verdict_tree(const Problem& p, const TestGroup& g, const Outcomes& o) {
    GroupScore out;
    out.name = g.name;
    out.verdict = scan(p, g.name, o).first_rejection.value_or(Verdict::AC);
    for (const TestGroup& child : g.groups) {
        out.groups.push_back(verdict_tree(p, child, o));
    }
    return out;
}

}  // namespace

bool should_run(const Problem& problem, const TestCase& test, const Outcomes& so_far) {
    for (const TestGroup* g : ancestors(problem, test.group)) {
        const bool breaks =
            g->settings.on_reject == OnReject::Break || is_modern_pass_fail_group(problem, *g);
        if (breaks) {
            // A rejected sample that does not count (legacy ignore_sample, scoring) stops nothing at the
            // root.
            const bool skip_samples = g->name.empty() && legacy_drops_samples(problem);
            for (const auto& [name, outcome] : so_far) {
                if (outcome.verdict != Verdict::AC && in_subtree(name, g->name) &&
                    !(skip_samples && in_subtree(name, "sample"))) {
                    return false;
                }
            }
        }
        if (problem.version == FormatVersion::V2025_09) {
            for (const std::string& required : g->settings.require_pass) {
                if (!scan(problem, required, so_far).all_ac) {
                    return false;
                }
            }
        }
    }
    return true;
}

SubmissionScore score_submission(const Problem& problem, const Outcomes& outcomes) {
    SubmissionScore result;
    std::ostringstream why;
    const Scan all = scan(problem, "", outcomes);
    const bool modern = problem.version == FormatVersion::V2025_09;

    if (!problem.scoring) {
        result.data = verdict_tree(problem, problem.data, outcomes);
        if (modern) {
            result.verdict = all.first_rejection.value_or(Verdict::AC);
        } else {
            GroupScore graded;
            result.verdict =
                grade_legacy(problem.data, outcomes, false, graded, true, legacy_drops_samples(problem))
                    .verdict;
            result.data = std::move(graded);
        }
        if (all.first_rejection) {
            why << "first rejection: " << all.first_rejected_name << " ("
                << verdict_name(*all.first_rejection) << ")";
        } else if (!all.all_ac) {
            // Everything that ran passed, yet something did not run: the pipeline stopped early.
            result.verdict = Verdict::JE;
            why << "not every test case was run";
        }
    } else if (modern) {
        result.data = verdict_tree(problem, problem.data, outcomes);
        ModernScorer scorer(problem, outcomes);
        for (GroupScore& g : result.data.groups) {
            const TestGroup* group = problem.find_group(g.name);
            if (g.name == "secret" && group != nullptr) {
                g = scorer.score_group(*group);
                result.score = g.score;
                result.max_score = g.max_score;
            } else {
                g.counted = false;  // samples never count towards the score
            }
        }
        const Scan secret = scan(problem, "secret", outcomes);
        result.verdict = secret.first_rejection.value_or(Verdict::AC);
        if (secret.first_rejection) {
            why << "first rejection: " << secret.first_rejected_name << " ("
                << verdict_name(*secret.first_rejection) << ")";
        }
        for (const std::string& n : scorer.notes()) {
            why << (why.tellp() > 0 ? "; " : "") << n;
        }
        if (!scorer.errors().empty()) {
            result.verdict = Verdict::JE;
            for (const std::string& e : scorer.errors()) {
                why << (why.tellp() > 0 ? "; " : "") << e;
            }
        }
    } else {
        GroupScore graded;
        const LegacyResult r =
            grade_legacy(problem.data, outcomes, false, graded, true, legacy_drops_samples(problem));
        GroupScore best;
        grade_legacy(problem.data, outcomes, true, best, true, legacy_drops_samples(problem));
        fill_legacy_max(graded, best);
        result.data = std::move(graded);
        result.verdict = r.verdict;
        result.score = r.score;
        result.max_score = best.score;
        if (const auto& range = problem.data.settings.range) {
            if (std::isfinite(range->second)) {
                result.max_score = range->second;
            }
            result.score = std::clamp(result.score, range->first, range->second);
        }
        if (all.first_rejection) {
            why << "first rejection: " << all.first_rejected_name << " ("
                << verdict_name(*all.first_rejection) << ")";
        }
    }
    if (all.any_je) {
        result.verdict = Verdict::JE;
        why << (why.tellp() > 0 ? "; " : "") << "judge error on " << all.je_name;
    }
    if (problem.scoring && result.verdict == Verdict::JE) {
        result.score = 0;
    }
    result.explanation = why.str();
    return result;
}

std::optional<double> problem_max_score(const Problem& problem) {
    if (!problem.scoring) {
        return std::nullopt;
    }
    if (problem.version == FormatVersion::V2025_09) {
        const TestGroup* secret = problem.secret();
        return secret != nullptr ? secret->settings.max_score : std::nullopt;
    }
    if (const auto& range = problem.data.settings.range; range && std::isfinite(range->second)) {
        return range->second;
    }
    GroupScore best;
    return grade_legacy(problem.data, {}, true, best, true, legacy_drops_samples(problem)).score;
}

}  // namespace khue::judge
