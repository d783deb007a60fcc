// Zip archives (libzip): safe extraction of untrusted packages and uploads, and creation of archives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "khue/judge/types.hpp"

namespace khue::judge {

class ZipError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Bounds for extracting an untrusted archive; a zip bomb or a huge upload stops at these.
struct ZipLimits {
    Bytes max_total_size = mib(1024);   // sum of uncompressed entry sizes
    std::size_t max_entries = 100'000;  // files and directories
};

// Extracts `zip` into `destination` (created if missing, must be empty) after checking EVERY entry first:
// no absolute path, no `..` component, no symlink or other special file, no duplicate, sizes and count within
// `limits`. Nothing is written when a check fails. Throws ZipError naming the archive and the entry.
void extract_zip(const std::filesystem::path& zip, const std::filesystem::path& destination,
                 const ZipLimits& limits = {});
// The same for an archive held in memory (an upload, a fuzzer input).
void extract_zip_bytes(std::string_view archive, const std::filesystem::path& destination,
                       const ZipLimits& limits = {});

struct ZipEntry {
    std::string name;  // stored as given: callers (tests) may write hostile names on purpose
    std::string data;
    bool is_directory = false;    // `name` should then end in '/'
    std::uint32_t unix_mode = 0;  // st_mode to record (type and permission bits); 0 records none
};
// Writes an archive holding `entries` in the order given.
void write_zip(const std::filesystem::path& zip, const std::vector<ZipEntry>& entries);
// Archives the regular files and directories below `directory` (names relative to it, sorted, '/'-separated).
// Symlinks are refused: a package must not point outside itself.
void zip_directory(const std::filesystem::path& directory, const std::filesystem::path& zip);

}  // namespace khue::judge
