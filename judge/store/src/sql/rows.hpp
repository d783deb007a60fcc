// The columns SqlStore selects for each record, and the record built from such a row.
#pragma once

#include <string>
#include <string_view>

#include "db.hpp"
#include "khue/store/queue.hpp"
#include "khue/store/records.hpp"

namespace khue::store::sql {

inline constexpr std::string_view kContestCols =
    "id, name, formal_name, start_time, duration_ms, freeze_ms, thaw_time, scoreboard_type, penalty_ms, "
    "utc_offset_min, started, frozen, ended, thawed, finalized, end_of_updates, awards, practice";
inline constexpr std::string_view kProblemCols =
    "contest_id, id, label, name, ordinal, rgb, color, time_limit_us, memory_bytes, output_bytes, "
    "code_bytes, "
    "test_data_count, max_score, package_hash";
inline constexpr std::string_view kTeamCols =
    "contest_id, id, name, label, display_name, organization_id, group_ids, hidden";
inline constexpr std::string_view kAccountCols =
    "id, username, password_hash, type, contest_id, team_id, name";
inline constexpr std::string_view kSubmissionCols =
    "s.seq, s.id, s.contest_id, s.team_id, s.problem_id, s.language_id, s.entry_point, s.time";
inline constexpr std::string_view kJudgementCols =
    "j.id, j.contest_id, s.id, j.verdict, j.score, j.max_score, j.current, j.valid, j.start_time, "
    "j.end_time, "
    "j.max_run_time_us, j.rejudging_id, j.judged_by, j.compile_ok, j.compile_output";
inline constexpr std::string_view kRunCols =
    "id, contest_id, judgement_id, ordinal, verdict, time, run_time_us, wall_time_us, memory_bytes, "
    "test_name, grp, "
    "message";
inline constexpr std::string_view kRejudgingCols =
    "id, contest_id, reason, state, created_at, decided_at, submission_count";

Contest contest_from(const db::Row& r);
Problem problem_from(const db::Row& r);
Team team_from(const db::Row& r);
Account account_from(const db::Row& r);
Submission submission_from(const db::Row& r);
Judgement judgement_from(const db::Row& r);
Run run_from(const db::Row& r);
std::string_view rejudging_state_text(RejudgingState s);
RejudgingState rejudging_state_from(const std::string& s);
Rejudging rejudging_from(const db::Row& r);

}  // namespace khue::store::sql
