#include "khue/api/import.hpp"

#include "khue/api/contest_api.hpp"

#include <boost/json.hpp>

#include "khue/api/password.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/scoring.hpp"
#include "khue/judge/zip.hpp"
#include "util/scratch_dir.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <map>
#include <random>

namespace khue::api {

namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

store::Problem import_problem(store::Store& db, const std::string& contest_id, const ProblemEntry& entry) {
    ScratchDir scratch("khue-import");
    fs::path zip = entry.package;
    if (fs::is_directory(entry.package)) {
        zip = scratch.path / (entry.id + ".zip");
        judge::zip_directory(entry.package, zip);
    }
    judge::LoadOptions options;
    options.extract_to = scratch.path / "extracted";
    judge::Problem problem = judge::load_problem(zip, options);

    store::Problem p;
    p.contest_id = contest_id;
    p.id = entry.id;
    p.label = entry.label.empty() ? entry.id : entry.label;
    p.name = entry.name.empty() ? problem.display_name() : entry.name;
    p.ordinal = entry.ordinal;
    p.rgb = entry.rgb;
    p.color = entry.color;
    if (problem.limits.time_limit) {
        p.time_limit = *problem.limits.time_limit;
    } else {
        // Legacy packages leave the limit to the judge, which derives it from the example submissions when it
        // first judges; until then the API shows the common default.
        spdlog::warn("problem {}: the package sets no time limit; showing 1 s", entry.id);
    }
    p.memory_limit = problem.limits.memory;
    p.output_limit = problem.limits.output;
    p.code_limit = problem.limits.code;
    p.test_data_count = static_cast<int>(problem.test_cases().size());
    if (problem.scoring) {
        p.max_score = judge::score_submission(problem, {}).max_score;
    }
    p.package_hash = db.put_package(read_bytes(zip));
    db.upsert_problem(p);
    return p;
}

// Submissions (with their original ids and times) and their current judgements. Already present ones are
// left alone, so importing the same folder again changes nothing.
static void import_results(store::Store& db, const ContestPackage& pkg, ImportReport& report) {
    const std::string& cid = pkg.contest.id;
    std::map<std::string, const JudgementEntry*> judgement_of;
    for (const auto& j : pkg.judgements) {
        judgement_of[j.submission_id] = &j;
    }
    for (const auto& s : pkg.submissions) {
        if (db.get_submission(cid, s.id)) {
            continue;
        }
        store::NewSubmission ns;
        ns.contest_id = cid;
        ns.id = s.id;
        ns.team_id = s.team_id;
        ns.problem_id = s.problem_id;
        ns.language_id = s.language_id;
        ns.entry_point = s.entry_point;
        ns.time = s.time;
        for (const auto& [name, bytes] : s.files) {
            ns.files.push_back({name, bytes});
        }
        db.add_submission(ns);
        ++report.submissions;
        auto it = judgement_of.find(s.id);
        if (it == judgement_of.end()) {
            continue;  // not judged in the package: the workers judge it here
        }
        const JudgementEntry& j = *it->second;
        store::JudgementResult result;
        result.verdict = *judge::verdict_from_string(j.judgement_type_id);
        result.score = j.score;
        result.compile_ok = result.verdict != judge::Verdict::CE;
        for (const auto& r : j.runs) {
            store::RunResult run;
            run.test_name = r.test_name.empty() ? std::to_string(r.ordinal) : r.test_name;
            run.verdict = *judge::verdict_from_string(r.judgement_type_id);
            run.cpu_time = judge::Seconds{r.run_time};
            run.wall_time = run.cpu_time;
            result.runs.push_back(std::move(run));
        }
        db.import_judgement(cid, s.id, j.start_time, j.end_time, result);
        ++report.judgements;
    }
}

ImportReport import_contest(store::Store& db, const ContestPackage& pkg) {
    ImportReport report;
    const ContestInfo& c = pkg.contest;
    auto existing = db.get_contest(c.id);
    store::Contest contest = existing.value_or(store::Contest{});
    contest.id = c.id;
    contest.name = c.name;
    contest.formal_name = c.formal_name;
    contest.duration = c.duration;
    contest.scoreboard_freeze_duration = c.scoreboard_freeze_duration;
    contest.scoreboard_type = c.scoreboard_type;
    contest.penalty_time = c.penalty_time;
    contest.utc_offset = c.zone;
    contest.practice = c.practice;
    // The start and thaw times belong to the running contest once it exists: an admin may have moved them,
    // and a restart must not undo that.
    if (!existing) {
        contest.start_time = c.start_time ? std::optional<store::TimePoint>(*c.start_time) : std::nullopt;
        contest.scoreboard_thaw_time =
            c.scoreboard_thaw_time ? std::optional<store::TimePoint>(*c.scoreboard_thaw_time) : std::nullopt;
    }
    // The awards of contest.yaml, unless the console set them already (a restart must not undo that).
    if (!c.awards.empty() && contest.awards.empty()) {
        contest.awards = c.awards;
    }
    db.upsert_contest(contest);
    if (!existing) {
        // The judgement types and languages go into the feed right after the contest, as the spec orders
        // them; the server keeps them up to date from then on (ContestService::sync_derived).
        for (const auto& t : judgement_types_json()) {
            db.append_event(c.id, "judgement-types", std::string(t.at("id").as_string()),
                            boost::json::serialize(t));
        }
        for (const auto& l : languages_json()) {
            db.append_event(c.id, "languages", std::string(l.at("id").as_string()),
                            boost::json::serialize(l));
        }
    }

    for (const auto& o : pkg.organizations) {
        db.upsert_organization({c.id, o.id, o.name, o.formal_name, o.country});
    }
    for (const auto& g : pkg.groups) {
        db.upsert_group({c.id, g.id, g.name, g.hidden});
    }
    for (const auto& entry : pkg.problems) {
        try {
            import_problem(db, c.id, entry);
        } catch (const std::exception& e) {
            throw ContestPackageError("problems.yaml", "problem '" + entry.id + "'",
                                      "package " + entry.package.string() + ": " + e.what());
        }
        ++report.problems;
    }
    for (const auto& t : pkg.teams) {
        store::Team team{c.id, t.id, t.name, t.label, t.display_name, std::nullopt, t.group_ids, t.hidden};
        if (!t.organization_id.empty()) {
            team.organization_id = t.organization_id;
        }
        db.upsert_team(team);
        ++report.teams;
    }
    for (const auto& a : pkg.accounts) {
        auto stored = db.get_account_by_username(a.username);
        // The username already plays in another contest (a practice round and the real one): the account
        // joins this contest too, as this package's team, and keeps its password and its own contest.
        if (stored && stored->contest_id && *stored->contest_id != c.id) {
            if (stored->type != a.type) {
                throw ContestPackageError("accounts.yaml", "account '" + a.username + "'",
                                          "already a " + std::string(to_string(stored->type)) +
                                              " account of contest '" + *stored->contest_id +
                                              "'; one username has one type on a server");
            }
            if (!verify_password(a.password, stored->password_hash)) {
                spdlog::warn("contest {}: account '{}' of contest '{}' keeps its password there", c.id,
                             a.username, *stored->contest_id);
            }
            std::optional<std::string> team;
            if (!a.team_id.empty()) {
                team = a.team_id;
            }
            db.add_account_contest({stored->id, c.id, team});
            ++report.accounts;
            continue;
        }
        store::Account account;
        account.id = a.id;
        account.username = a.username;
        account.type = a.type;
        account.contest_id = c.id;
        if (!a.team_id.empty()) {
            account.team_id = a.team_id;
        }
        account.name = a.username;
        if (a.password.empty()) {
            // No password in the folder (an export): keep the one the server has, or create the account
            // locked
            // ("locked" is no hash, so no password matches it) until an organiser gives one.
            account.password_hash = stored ? stored->password_hash : "locked";
            if (!stored) {
                ++report.locked_accounts;
            }
        } else {
            // Re-hash only when the password changed: a fresh salt would emit a change every start.
            account.password_hash = stored && verify_password(a.password, stored->password_hash)
                                        ? stored->password_hash
                                        : hash_password(a.password);
        }
        db.upsert_account(account);
        ++report.accounts;
    }
    import_results(db, pkg, report);
    return report;
}

}  // namespace khue::api
