// A zip archive in memory, as tests upload it (a package, a submission's files): written by the judge's own
// zip writer into a temporary folder and read back.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "khue/judge/zip.hpp"
#include "khue/test/temp_dir.hpp"

namespace khue::test {

inline std::string zip_archive(const std::vector<judge::ZipEntry>& entries) {
    TempDir dir("khue-zip");
    judge::write_zip(dir / "archive.zip", entries);
    std::ifstream in(dir / "archive.zip", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace khue::test
