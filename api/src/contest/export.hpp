// The contest package's files, built from a running server's App (internal: `khue export` and the console's
// export endpoint share it).
#pragma once

#include "app.hpp"
#include "khue/api/export.hpp"
#include "khue/judge/zip.hpp"

#include <vector>

namespace khue::api {

std::vector<judge::ZipEntry> contest_package_entries(App& app, ContestService& service, ExportReport& report);

// The entries zipped in memory.
std::string zip_bytes(const std::vector<judge::ZipEntry>& entries);

}  // namespace khue::api
