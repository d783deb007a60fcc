// Every handler of the route table (http/routes.cpp), a file per resource. Internal to the server.
#pragma once

#include "http/router.hpp"

#include <boost/json.hpp>

namespace khue::api {

// ---- shared by the collection endpoints (handlers/listing.cpp)
// A collection (GET .../<things>, with the spec's ?<property>_id= filters) or one object of it
// (GET .../<things>/<id>, 404 naming `what` when absent).
Response listing(boost::json::array items, const Call& call, std::string_view what);
// A JSON object body, or nullopt with `error` saying why not.
std::optional<boost::json::object> json_body(const Request& request, std::string& error);

// contest.cpp
Response get_api_info(Call& c);
Response get_contests(Call& c);
Response get_contest(Call& c);
Response patch_contest(Call& c);
Response get_state(Call& c);
Response get_access(Call& c);
Response get_judgement_types(Call& c);
Response get_languages(Call& c);
// problems.cpp
Response get_problems(Call& c);
Response get_problem_statement(Call& c);
Response get_problem_samples(Call& c);
Response get_problem_statement_file(Call& c);
Response post_problem(Call& c);
Response get_problem_verification(Call& c);
// themis_upload.cpp: the console's Themis task folder upload
Response post_themis_problems(Call& c);
// test_runs.cpp: the team page's "run on samples"
Response khue_test_runs(Call& c);
// teams.cpp
Response get_teams(Call& c);
Response post_team(Call& c);
Response get_groups(Call& c);
Response get_organizations(Call& c);
Response get_accounts(Call& c);
Response get_account(Call& c);
// submissions.cpp
Response get_submissions(Call& c);
Response get_submission_files(Call& c);
Response post_submission(Call& c);
// judgements.cpp
Response get_judgements(Call& c);
Response get_runs(Call& c);
// scoreboard.cpp
Response get_scoreboard(Call& c);
// awards.cpp
Response get_awards(Call& c);
Response get_award_rules(Call& c);
Response put_award_rules(Call& c);
Response post_finalize(Call& c);
// event_feed.cpp
Response get_event_feed(Call& c);
// contests.cpp: many contests on one server, practice, results
Response post_contest(Call& c);
Response get_my_contests(Call& c);
Response get_khue_contests(Call& c);
Response get_practice_scoreboard(Call& c);
Response get_results_csv(Call& c);
// rejudgings.cpp
Response get_rejudgings(Call& c);
Response post_rejudging(Call& c);
Response get_rejudging(Call& c);
Response post_rejudging_apply(Call& c);
Response post_rejudging_cancel(Call& c);
// clarifications.cpp: the Contest API endpoint and Khue's jury queue with claims
Response get_clarifications(Call& c);
Response post_clarification(Call& c);
Response get_clarification_queue(Call& c);
Response post_clarification_claim(Call& c);
// accounts_import.cpp: accounts in bulk from the console
Response post_accounts_import(Call& c);
Response post_accounts_regenerate(Call& c);
// status.cpp
Response get_judging_status(Call& c);
Response get_metrics(Call& c);

// ceremony.cpp: the contest package export and the last backup
Response get_contest_export(Call& c);
Response get_subtask_scores(Call& c);
Response get_presentation(Call& c);
Response put_presentation(Call& c);
Response delete_presentation(Call& c);
Response get_backups(Call& c);

}  // namespace khue::api
