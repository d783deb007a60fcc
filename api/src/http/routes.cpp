// The route table. Order matters only where two patterns fit one path; none do today.
#include "handlers/handlers.hpp"

namespace khue::api {

namespace {

constexpr Role P = Role::Public;
constexpr Role T = Role::Team;
constexpr Role J = Role::Jury;
constexpr Role A = Role::Admin;

constexpr Route kRoutes[] = {
    {"GET", "/metrics", P, get_metrics},
    {"GET", "/api", P, get_api_info},
    {"GET", "/api/contests", P, get_contests},
    {"GET", "/api/contests/{contest}", P, get_contest},
    {"PATCH", "/api/contests/{contest}", A, patch_contest},
    {"GET", "/api/contests/{contest}/state", P, get_state},
    {"GET", "/api/contests/{contest}/access", P, get_access},
    {"GET", "/api/contests/{contest}/judgement-types", P, get_judgement_types},
    {"GET", "/api/contests/{contest}/judgement-types/{id}", P, get_judgement_types},
    {"GET", "/api/contests/{contest}/languages", P, get_languages},
    {"GET", "/api/contests/{contest}/languages/{id}", P, get_languages},
    {"GET", "/api/contests/{contest}/problems", P, get_problems},
    {"POST", "/api/contests/{contest}/problems", A, post_problem},
    {"GET", "/api/contests/{contest}/problems/{id}", P, get_problems},
    {"GET", "/api/contests/{contest}/problems/{id}/statement", P, get_problem_statement},
    {"GET", "/api/contests/{contest}/problems/{id}/samples", P, get_problem_samples},
    {"GET", "/api/contests/{contest}/problems/{id}/statement/{file}", P, get_problem_statement_file},
    {"GET", "/api/contests/{contest}/groups", P, get_groups},
    {"GET", "/api/contests/{contest}/groups/{id}", P, get_groups},
    {"GET", "/api/contests/{contest}/organizations", P, get_organizations},
    {"GET", "/api/contests/{contest}/organizations/{id}", P, get_organizations},
    {"GET", "/api/contests/{contest}/teams", P, get_teams},
    {"POST", "/api/contests/{contest}/teams", A, post_team},
    {"GET", "/api/contests/{contest}/teams/{id}", P, get_teams},
    {"GET", "/api/contests/{contest}/accounts", J, get_accounts},
    {"GET", "/api/contests/{contest}/accounts/{id}", J, get_accounts},
    {"GET", "/api/contests/{contest}/account", T, get_account},
    {"GET", "/api/contests/{contest}/submissions", P, get_submissions},
    {"POST", "/api/contests/{contest}/submissions", P, post_submission},  // the handler says who may submit
    {"GET", "/api/contests/{contest}/submissions/{id}", P, get_submissions},
    {"GET", "/api/contests/{contest}/submissions/{id}/files", P, get_submission_files},
    {"GET", "/api/contests/{contest}/judgements", P, get_judgements},
    {"GET", "/api/contests/{contest}/judgements/{id}", P, get_judgements},
    {"GET", "/api/contests/{contest}/runs", P, get_runs},
    {"GET", "/api/contests/{contest}/runs/{id}", P, get_runs},
    {"GET", "/api/contests/{contest}/awards", P, get_awards},
    {"GET", "/api/contests/{contest}/awards/{id}", P, get_awards},
    {"GET", "/api/contests/{contest}/scoreboard", P, get_scoreboard},
    {"GET", "/api/contests/{contest}/event-feed", P, get_event_feed},
    // Clarifications and announcements (the handler checks who may send what); Khue's jury queue and claims.
    {"GET", "/api/contests/{contest}/clarifications", P, get_clarifications},
    {"GET", "/api/contests/{contest}/clarifications/{id}", P, get_clarifications},
    {"POST", "/api/contests/{contest}/clarifications", T, post_clarification},
    {"GET", "/api/khue/contests/{contest}/clarification-queue", J, get_clarification_queue},
    {"POST", "/api/khue/contests/{contest}/clarifications/{id}/claim", J, post_clarification_claim},
    // Accounts in bulk: import (CSV, DOMjudge files) and new passwords for lost slips.
    {"POST", "/api/khue/contests/{contest}/accounts/import", A, post_accounts_import},
    {"POST", "/api/khue/contests/{contest}/accounts/regenerate-passwords", A, post_accounts_regenerate},
    // Khue's own endpoints.
    {"GET", "/api/contests/{contest}/rejudgings", J, get_rejudgings},
    {"POST", "/api/contests/{contest}/rejudgings", A, post_rejudging},
    {"GET", "/api/contests/{contest}/rejudgings/{id}", J, get_rejudging},
    {"POST", "/api/contests/{contest}/rejudgings/{id}/apply", A, post_rejudging_apply},
    {"POST", "/api/contests/{contest}/rejudgings/{id}/cancel", A, post_rejudging_cancel},
    {"GET", "/api/khue/status", J, get_judging_status},
    {"GET", "/api/khue/problems/{id}/verification", J, get_problem_verification},
    // Awards and finalize (docs/contest-api.md, "Awards").
    {"GET", "/api/khue/contests/{contest}/award-rules", J, get_award_rules},
    {"PUT", "/api/khue/contests/{contest}/award-rules", A, put_award_rules},
    {"POST", "/api/khue/contests/{contest}/finalize", A, post_finalize},
    // Runs on samples: the handler says who may (a team of the contest, or the jury) and rate-limits.
    {"POST", "/api/khue/test-runs", P, khue_test_runs},
    {"GET", "/api/khue/test-runs/{id}", P, khue_test_runs},
    // Themis upload (teachers): a zip of Themis task folders with limits and points, converted to packages.
    {"POST", "/api/contests/{contest}/problems/themis", A, post_themis_problems},
    // The closing ceremony and keeping the data safe (ceremony.cpp): the contest package, the last backup.
    {"GET", "/api/khue/contests/{contest}/export", A, get_contest_export},
    {"GET", "/api/khue/backups", J, get_backups},
    // The resolver of a score contest reveals subtask by subtask (handlers/subtask_scores.cpp).
    {"GET", "/api/khue/contests/{contest}/subtask-scores", J, get_subtask_scores},
    // Presenter mode: the resolver publishes each step's board; public scoreboards follow (presentation.cpp).
    {"GET", "/api/khue/contests/{contest}/presentation", P, get_presentation},
    {"PUT", "/api/khue/contests/{contest}/presentation", J, put_presentation},
    {"DELETE", "/api/khue/contests/{contest}/presentation", J, delete_presentation},
    // Many contests on one server (handlers/contests.cpp): create one while serving, the account's contests,
    // practice standings after the end, the results CSV.
    {"POST", "/api/contests", A, post_contest},
    {"GET", "/api/khue/contests", P, get_khue_contests},
    {"GET", "/api/khue/my-contests", P, get_my_contests},
    {"GET", "/api/contests/{contest}/khue/practice/scoreboard", P, get_practice_scoreboard},
    {"GET", "/api/contests/{contest}/khue/results.csv", J, get_results_csv},
};

}  // namespace

std::span<const Route> routes() {
    return kRoutes;
}

}  // namespace khue::api
