// The results part of a contest package (internal to the api target): submissions.json with the files of each
// submission in submissions/<id>/files.zip, judgements.json and runs.json, as `khue export` writes them.
#pragma once

#include "khue/api/contest.hpp"

#include <filesystem>

namespace khue::api {

// Reads the results files of the package at `root` into `pkg` (whose teams and problems are already loaded);
// a package without them has no results. Throws ContestPackageError naming the file and the entry at fault.
void load_contest_results(const std::filesystem::path& root, ContestPackage& pkg);

}  // namespace khue::api
