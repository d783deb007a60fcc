// Contest API objects (docs/contest-api.md) built from store records. The API passes contest_api_encoder() to
// the store, which writes them as the data of the events it appends, and its GET endpoints use the same
// functions, so that the feed and the endpoints agree. Also what a problem's package offers to contestants
// (statement, samples).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <memory>

#include "khue/store/events.hpp"
#include "khue/store/records.hpp"
#include "khue/store/store.hpp"

namespace khue::api {

// The encoder the API gives open_store(): every event's data is the *_json() object below, serialized.
std::shared_ptr<const store::EventEncoder> contest_api_encoder();

boost::json::object contest_json(const store::Contest& contest);
boost::json::object state_json(const store::Contest& contest);  // from contest.state
boost::json::object problem_json(const store::Problem& problem);
boost::json::object organization_json(const store::Organization& organization);
boost::json::object group_json(const store::Group& group);
boost::json::object team_json(const store::Team& team);
boost::json::object account_json(const store::Account& account);  // never includes the password hash
// The judgement types Khue gives, and the languages of the installation (judge::default_languages()).
boost::json::array judgement_types_json();
boost::json::array languages_json();
// A submission's `files` reference: the zip of its sources, at GET <href> under /api.
boost::json::object submission_files_ref(const std::string& contest_id, const std::string& submission_id);
// `files` is left to the API (it knows its own URLs); contest_time is relative to the contest's start_time.
boost::json::object submission_json(const store::Contest& contest, const store::Submission& submission);
boost::json::object judgement_json(const store::Contest& contest, const store::Judgement& judgement);
// Adds the Khue extension `test_name` when the store knows it.
boost::json::object run_json(const store::Contest& contest, const store::Run& run);
// Every property of the 2026-01 object, nulls included; never the jury's bookkeeping
// (encode/clarifications.cpp).
boost::json::object clarification_json(const store::Contest& contest,
                                       const store::Clarification& clarification);

// ---- what a problem's package offers to contestants (statement, samples)
// ------------------------------------

// The extracted package of `problem`, through the judge workers' package cache (same folder, so a package a
// worker already extracted is reused). Throws std::runtime_error when the store lacks the package.
std::filesystem::path problem_package_dir(store::ContestObjects& store, const store::Problem& problem);

struct StatementFile {
    std::filesystem::path path;
    std::string mime;      // "text/markdown; charset=utf-8", "application/pdf", ...
    std::string filename;  // "problem.en.md"
};
// The package's statement: statement/ or problem_statement/, problem.<lang>.{md,tex,pdf} (or problem.*
// without a language), English first, then Vietnamese, then any other language; for one language, markdown
// before PDF before LaTeX. nullopt when the package has none.
std::optional<StatementFile> find_statement(const std::filesystem::path& package_dir);

// A problem's `statement` reference ([{href, mime, filename}] holds it), or nullopt when its package has no
// statement or cannot be read (logged). REST and the feed both add it to the problem object.
std::optional<boost::json::object> statement_ref(store::ContestObjects& store, const store::Problem& problem);

struct SampleCase {
    std::string name;                        // "sample/1"
    std::string input;                       // for interactive problems, may be what the judge feeds
    std::string output;                      // the .ans file
    std::optional<std::string> interaction;  // the .interaction file when present
};
// The cases of data/sample, each file cut to `limit_each` bytes (a cut is marked with a trailing "...\n").
std::vector<SampleCase> read_samples(const std::filesystem::path& package_dir, judge::Bytes limit_each);

}  // namespace khue::api
