// Contest API objects (docs/contest-api.md) built from store records. The store uses these for the data of the events
// it appends, and the API should use them for its GET endpoints, so that the feed and the endpoints agree.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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
// Adds the Khue extension `test_name` when the store knows it.
boost::json::object run_json(const Contest& contest, const Run& run);

class Store;

// ---- what a problem's package offers to contestants (statement, samples)
// ------------------------------------

// The extracted package of `problem`, through the judge workers' package cache (same folder, so a package a
// worker already extracted is reused). Throws std::runtime_error when the store lacks the package.
std::filesystem::path problem_package_dir(Store& store, const Problem& problem);

struct StatementFile {
    std::filesystem::path path;
    std::string mime;      // "text/markdown; charset=utf-8", "application/pdf", ...
    std::string filename;  // "problem.en.md"
};
// The package's statement: statement/ or problem_statement/, problem.<lang>.{md,tex,pdf} (or problem.*
// without a language), English first, then Vietnamese, then any other language; for one language, markdown
// before PDF before LaTeX. nullopt when the package has none.
std::optional<StatementFile> find_statement(const std::filesystem::path& package_dir);

struct SampleCase {
    std::string name;                        // "sample/1"
    std::string input;                       // for interactive problems, may be what the judge feeds
    std::string output;                      // the .ans file
    std::optional<std::string> interaction;  // the .interaction file when present
};
// The cases of data/sample, each file cut to `limit_each` bytes (a cut is marked with a trailing "...\n").
std::vector<SampleCase> read_samples(const std::filesystem::path& package_dir, Bytes limit_each);

}  // namespace khue::judge::store
