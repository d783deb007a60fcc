// Contest API objects (SPECS.md §4) built from store records. The store uses these for the data of the events
// it appends, and the API should use them for its GET endpoints, so that the feed and the endpoints agree.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <string>

#include "khue/judge/store/records.hpp"

namespace khue::judge::store {

// TIME: "2026-10-01T09:00:00.000+07:00", written in the given offset from UTC.
std::string format_time(TimePoint t, std::chrono::minutes utc_offset);
// RELTIME: "h:mm:ss.uuu", negative with a leading '-'.
std::string format_reltime(std::chrono::milliseconds d);

boost::json::object contest_json(const Contest& contest);
boost::json::object state_json(const Contest& contest);  // from contest.state
boost::json::object problem_json(const Problem& problem);
boost::json::object organization_json(const Organization& organization);
boost::json::object group_json(const Group& group);
boost::json::object team_json(const Team& team);
boost::json::object account_json(const Account& account);  // never includes the password hash
// `files` is left to the API (it knows its own URLs); contest_time is relative to the contest's start_time.
boost::json::object submission_json(const Contest& contest, const Submission& submission);
boost::json::object judgement_json(const Contest& contest, const Judgement& judgement);
boost::json::object run_json(const Contest& contest, const Run& run);

}  // namespace khue::judge::store
