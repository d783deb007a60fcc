// Problem packages on local disk, by content hash: fetched from the store once, checked against their hash,
// extracted once. Several slots and several worker processes may share one cache folder: extraction goes to a
// private temporary folder that is renamed into place, so a reader never sees a half-extracted package.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>

namespace khue::store {

class ContestObjects;

class PackageCache {
  public:
    explicit PackageCache(std::filesystem::path dir);
    // The package root folder for `hash`, fetching and extracting it if needed. Throws std::runtime_error
    // when the store does not have it or its bytes do not match the hash.
    std::filesystem::path get(ContestObjects& store, const std::string& hash);
    const std::filesystem::path& dir() const { return dir_; }

  private:
    std::filesystem::path dir_;
    std::mutex mutex_;
};

std::filesystem::path default_package_cache_dir();

}  // namespace khue::store
