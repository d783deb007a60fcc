// Results export: the final standings of a contest as CSV, for certificates and the organiser's records
// (docs/contest-api.md, "Results export"). The same file from the console (GET
// /api/contests/<id>/khue/results.csv) and the CLI (`khue results`).
#pragma once

#include "khue/store/store.hpp"

#include <string>

namespace khue::api {

// The contest's standings as the jury sees them (the truth, no freeze), hidden teams left out and ranks
// counted without them; practice submissions (after the end) never count. Throws std::runtime_error when the
// store has no such contest.
std::string results_csv(store::Store& db, const std::string& contest_id);

}  // namespace khue::api
