// The parts of load_problem, one file per concern (internal to the loader).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "khue/judge/package.hpp"

namespace khue::judge::package_detail {

// problem.yaml (and the legacy DOMjudge .timelimit file): version, names, type, limits, validator flags.
void load_problem_yaml(Problem& problem);
// data/: the group tree with settings from testdata.yaml / test_group.yaml.
void load_test_data(Problem& problem);
// output and input validators, include/ directories; checks the default validator's flags.
void load_programs(Problem& problem);
// submissions/: folders, submissions.yaml, @EXPECTED_RESULTS@ comments.
void load_submissions(Problem& problem);

// The package format asks judges to behave as if names starting with '.' or '-' were not there.
bool is_ignored_name(const std::string& name);
// Directory entries in byte order of their names, ignored names left out.
std::vector<std::filesystem::directory_entry> sorted_entries(const std::filesystem::path& dir);
std::filesystem::path relative_to_root(const Problem& problem, const std::filesystem::path& path);

}  // namespace khue::judge::package_detail
