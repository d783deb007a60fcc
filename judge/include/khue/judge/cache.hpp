// A local cache of build products keyed by content hash (compiled validators, precompiled headers). Entries
// are built in a private folder and published with an atomic rename, so concurrent workers never see half an
// entry.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace khue::judge {

class BuildCache {
  public:
    // `root` empty: $KHUE_CACHE, else /var/cache/khue for root, else $XDG_CACHE_HOME/khue or ~/.cache/khue.
    explicit BuildCache(std::filesystem::path root = {});

    const std::filesystem::path& root() const { return root_; }
    // The published folder for (kind, key), or nullopt.
    std::optional<std::filesystem::path> find(const std::string& kind, const std::string& key) const;
    // A fresh empty folder to build an entry in (mode 0777: the box's user writes there).
    std::filesystem::path staging(const std::string& kind) const;
    // Moves `staging` to its place for (kind, key); when another process won the race, keeps theirs. Returns
    // the published folder.
    std::filesystem::path publish(const std::filesystem::path& staging, const std::string& kind,
                                  const std::string& key) const;

  private:
    std::filesystem::path root_;
};

std::filesystem::path default_cache_dir();

// Where judging work folders go (the folders mounted as a box's /box): $KHUE_WORK_DIR, else /dev/shm/khue
// when /dev/shm is a tmpfs, else the temp folder. On tmpfs every byte a program writes into /box is charged
// to its box's memory cgroup, so the memory limit also bounds how much a submission can write: one submission
// cannot fill the judging host's disk with many files each under the output limit.
std::filesystem::path scratch_root();

}  // namespace khue::judge
