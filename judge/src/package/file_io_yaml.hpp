// The `khue.file_io` key of problem.yaml (internal to the loader).
#pragma once

#include "package/yaml_support.hpp"

namespace khue::judge::package_detail {

// Reads `khue: {file_io: {input: NAME, output: NAME}}` into problem.file_io; `node` is file_io's value.
// Each name must be a plain file name (no folder, not '.' or '..', printable ASCII) and the two must differ.
void read_file_io(const YamlFile& f, const YAML::Node& node, Problem& problem);

// Checks file_io against the rest of the package once everything is loaded: an interactive problem has no
// files to read, and a Themis checker finds the files by these names, so it needs them.
void check_file_io(const Problem& problem);

}  // namespace khue::judge::package_detail
