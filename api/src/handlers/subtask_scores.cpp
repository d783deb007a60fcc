// The subtask scores of the contest's current judgements (GET /api/khue/contests/<id>/subtask-scores, jury):
// what the resolver of a score contest reveals one subtask at a time. Not stored anywhere: each judgement's
// runs are scored again against its problem's package (judge::score_submission), and a judgement is listed
// only when that gives back exactly its score (a run that names no test case of the package, scores from
// score.txt that runs do not keep, or a secret group whose score is not the sum of its subgroups leave it
// out: the resolver then reveals its cell in one step).
#include "handlers/handlers.hpp"

#include "khue/judge/package.hpp"
#include "khue/judge/scoring.hpp"
#include "util/scratch_dir.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <fstream>
#include <map>
#include <memory>

namespace khue::api {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// The package of a scoring problem with subtasks (secret's subgroups), or null.
std::shared_ptr<judge::Problem> scoring_package(store::Store& db, const store::Problem& p,
                                                const fs::path& dir) {
    auto bytes = db.get_package(p.package_hash);
    if (!bytes) {
        return nullptr;
    }
    fs::path zip = dir / (p.package_hash + ".zip");
    {
        std::ofstream out(zip, std::ios::binary);
        out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    }
    judge::LoadOptions options;
    options.extract_to = dir / p.package_hash;
    try {
        auto problem = std::make_shared<judge::Problem>(judge::load_problem(zip, options));
        const judge::TestGroup* secret = problem->secret();
        if (!problem->scoring || secret == nullptr || secret->groups.empty()) {
            return nullptr;
        }
        return problem;
    } catch (const std::exception& e) {
        spdlog::warn("subtask scores: the package of problem '{}' does not load: {}", p.id, e.what());
        return nullptr;
    }
}

}  // namespace

Response get_subtask_scores(Call& c) {
    store::Store& db = c.service.db();
    const std::string& cid = c.service.contest_id();
    ScratchDir scratch("khue-subtasks");
    std::map<std::string, std::shared_ptr<judge::Problem>> packages;  // problem id -> package (or null)
    for (const auto& p : db.list_problems(cid)) {
        packages[p.id] = scoring_package(db, p, scratch.path);
    }
    std::map<std::string, std::vector<store::Run>> runs_of;
    for (auto& r : db.list_runs(cid)) {
        runs_of[r.judgement_id].push_back(std::move(r));
    }
    std::map<std::string, std::string> problem_of;  // submission id -> problem id
    store::SubmissionFilter submissions;
    submissions.contest_id = cid;
    for (const auto& s : db.list_submissions(submissions)) {
        problem_of[s.id] = s.problem_id;
    }
    store::JudgementFilter filter;
    filter.contest_id = cid;
    filter.current_only = true;
    json::array out;
    for (const auto& j : db.list_judgements(filter)) {
        if (!j.verdict || !j.score || *j.verdict == judge::Verdict::CE) {
            continue;
        }
        auto problem_id = problem_of.find(j.submission_id);
        if (problem_id == problem_of.end()) {
            continue;
        }
        auto package = packages.find(problem_id->second);
        if (package == packages.end() || !package->second) {
            continue;
        }
        const judge::Problem& problem = *package->second;
        std::map<std::string, const judge::TestCase*> cases;
        for (const auto* t : problem.test_cases()) {
            cases[t->name] = t;
        }
        judge::Outcomes outcomes;
        bool known = true;
        for (const auto& r : runs_of[j.id]) {
            if (!cases.contains(r.test_name)) {
                known = false;  // an imported run without its test case's name
                break;
            }
            outcomes[r.test_name] = {r.verdict, std::nullopt, std::nullopt};
        }
        if (!known || outcomes.empty()) {
            continue;
        }
        judge::SubmissionScore scored = judge::score_submission(problem, outcomes);
        const judge::GroupScore* secret = nullptr;
        for (const auto& g : scored.data.groups) {
            if (g.name == "secret") {
                secret = &g;
            }
        }
        if (secret == nullptr || secret->groups.empty()) {
            continue;
        }
        json::array subtasks;
        double sum = 0;
        for (const auto& g : secret->groups) {
            double score = g.counted ? g.score : 0.0;
            sum += score;
            json::object o{{"name", g.name.substr(g.name.rfind('/') + 1)}, {"score", score}};
            o["max_score"] = g.max_score ? json::value(*g.max_score) : json::value(nullptr);
            subtasks.push_back(std::move(o));
        }
        if (std::fabs(sum - *j.score) > 1e-6) {
            continue;  // the runs alone do not give back the judgement's score
        }
        out.push_back(json::object{
            {"judgement_id", j.id}, {"submission_id", j.submission_id}, {"subtasks", std::move(subtasks)}});
    }
    return json_response(200, out);
}

}  // namespace khue::api
