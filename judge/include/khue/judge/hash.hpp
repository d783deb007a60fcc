// SHA-256 digests (OpenSSL EVP) of bytes, files and directory trees; packages are stored by content hash.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace khue::judge {

// Lowercase hex, 64 characters.
std::string sha256_hex(std::string_view data);
// Streams the file; throws std::runtime_error naming it when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);
// A digest of a directory tree that depends only on names, kinds and contents: entries are visited in byte
// order of their '/'-separated relative paths, each contributing its kind, path and (for files) content
// digest. Timestamps and permissions other than the executable bit do not count. Symlinks are refused.
std::string sha256_tree(const std::filesystem::path& directory);

}  // namespace khue::judge
