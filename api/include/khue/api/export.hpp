// A contest as a CLICS contest package (a zip) for other tools (the ICPC Resolver, CDS) and for moving a
// contest to another Khue: contest.yaml, problems.yaml with each problem's package, organizations, groups,
// teams, accounts (never passwords), judgement types, languages, submissions with their files, judgements,
// runs, awards, the scoreboard, and event-feed.ndjson. Every object is written as the jury's REST endpoint
// serves it. Importing the package (khue serve --contest, or the console) reproduces the contest, results
// included.
#pragma once

#include "khue/store/store.hpp"

#include <cstddef>
#include <filesystem>
#include <string>

namespace khue::api {

struct ExportReport {
    std::size_t problems = 0;
    std::size_t teams = 0;
    std::size_t submissions = 0;
    std::size_t judgements = 0;
    std::size_t events = 0;
};

// Writes the package of contest `contest_id` in `store` to `out` (replaced). Throws std::runtime_error
// (unknown contest, unwritable file).
ExportReport export_contest(store::Store& store, const std::string& contest_id,
                            const std::filesystem::path& out);

}  // namespace khue::api
