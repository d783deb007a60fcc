// JSON forms of judging results (Boost.JSON), shared by `khue judge --json`, `khue verify --json` and the
// store.
#pragma once

#include "khue/judge/pipeline.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace khue::judge {

// The `khue judge --json` object of docs/cli.md: verdict, score, max_score, time_limit, compile {ok, output},
// tests [{name, group, verdict, cpu_time, wall_time, memory_kib, message}]. Times in seconds (float).
boost::json::value judge_outcome_json(const JudgeOutcome& outcome);
std::string to_json(const JudgeOutcome& outcome);

}  // namespace khue::judge
