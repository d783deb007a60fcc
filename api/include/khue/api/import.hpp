// Puts a contest folder into the store: the contest, each problem package (zipped and stored by content
// hash), organizations, groups, teams, accounts (passwords hashed) and, for a package with results,
// submissions and their judgements. Importing the same folder again
// changes nothing, so `khue serve` imports at every start and a restart loses nothing.
#pragma once

#include "khue/api/contest.hpp"
#include "khue/store/store.hpp"

#include <string>

namespace khue::api {

struct ImportReport {
    std::size_t problems = 0;
    std::size_t teams = 0;
    std::size_t accounts = 0;
    std::size_t locked_accounts = 0;  // new accounts without a password in the package
    std::size_t submissions = 0;      // added by this import
    std::size_t judgements = 0;       // imported with them (the rest are judged by the workers)
};

// Throws ContestPackageError (naming the problem's package) when a package cannot be loaded.
ImportReport import_contest(store::Store& store, const ContestPackage& package);

// Loads the package at `entry.package` (a folder or a .zip), stores it and upserts the problem. `entry.name`
// empty: the package's own name. Throws judge::PackageError when the package is not usable.
store::Problem import_problem(store::Store& store, const std::string& contest_id, const ProblemEntry& entry);

}  // namespace khue::api
