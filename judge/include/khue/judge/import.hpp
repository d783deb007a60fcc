// Importers of teachers' problems into 2025-09 packages (docs/cli.md: `khue import themis|polygon`).
// Every importer checks its whole input first and builds the packages in a staging folder next to the
// destination, which is renamed into place only when everything succeeded: a bad import writes nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "khue/judge/types.hpp"

namespace khue::judge {

// What is wrong with the input and where: "BAI1/Test03: no BAI1.OUT (found: bai1.inp, out.txt)",
// "problem.xml <checker type=\"exe\">: unknown checker ...".
class ImportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ImportReport {
    std::vector<std::filesystem::path> packages;  // the folders written
    std::vector<std::string> notes;               // what was dropped or decided, for the person importing
};

// ---- Themis task folders ----
// A task folder is named after the task and holds one subfolder per test with <TASK>.INP and <TASK>.OUT
// (names in any letter case). Themis keeps limits and points in its own settings, so they come from here.
struct ThemisImportOptions {
    Seconds time_limit{1.0};
    int memory_mib = 256;
    // Points per test: empty = 1 each; one value = that many each; otherwise one value per test, in test
    // order (tests are ordered by name, numbers compared by value: Test2 before Test10).
    std::vector<double> points;
    std::string points_origin = "--points";        // recorded in problem.yaml, named in errors
    std::vector<std::filesystem::path> solutions;  // copied into submissions/accepted/
    std::optional<std::filesystem::path> checker;  // a Themis checker source: output_validator/
};

// `folder` is one task folder or a folder of task folders; `out` receives one package per task, named after
// the task in lower case (created if missing; a package that already exists there is an error).
ImportReport import_themis(const std::filesystem::path& folder, const std::filesystem::path& out,
                           const ThemisImportOptions& options);

// ---- Polygon packages ----
// A Polygon full package (a .zip, or the folder it unpacks to): problem.xml with tests, groups and points,
// a testlib checker, statements and solutions. `out` is the package folder to create (it must not exist).
ImportReport import_polygon(const std::filesystem::path& package, const std::filesystem::path& out);

}  // namespace khue::judge
