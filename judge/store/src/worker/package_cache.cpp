#include "khue/store/package_cache.hpp"

#include <unistd.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

#include "khue/judge/hash.hpp"
#include "khue/judge/zip.hpp"
#include "khue/store/contest_objects.hpp"

namespace khue::store {
namespace fs = std::filesystem;

namespace {
// A zip may hold the package at its root or inside one top-level folder.
fs::path package_root(const fs::path& dir) {
    if (fs::exists(dir / "problem.yaml")) {
        return dir;
    }
    std::optional<fs::path> only;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (only || !entry.is_directory()) {
            return dir;
        }
        only = entry.path();
    }
    return only.value_or(dir);
}
}  // namespace

fs::path default_package_cache_dir() {
    if (const char* env = std::getenv("KHUE_CACHE"); env && *env) {
        return fs::path(env) / "packages";
    }
    return fs::temp_directory_path() / "khue-cache" / "packages";
}

PackageCache::PackageCache(fs::path dir) : dir_(dir.empty() ? default_package_cache_dir() : std::move(dir)) {
    fs::create_directories(dir_);
}

fs::path PackageCache::get(ContestObjects& store, const std::string& hash) {
    if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
        throw std::runtime_error("package hash '" + hash + "' is not a sha-256 hex digest");
    }
    fs::path final_dir = dir_ / hash;
    std::lock_guard lock(mutex_);
    if (fs::exists(final_dir)) {
        return package_root(final_dir);
    }
    auto bytes = store.get_package(hash);
    if (!bytes) {
        throw std::runtime_error("the store has no package " + hash);
    }
    if (judge::sha256_hex(*bytes) != hash) {
        throw std::runtime_error("package " + hash + " in the store does not match its hash");
    }
    std::random_device rd;
    fs::path tmp =
        dir_ / (".tmp-" + hash.substr(0, 12) + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    try {
        judge::extract_zip_bytes(*bytes, tmp);
        std::error_code ec;
        fs::rename(tmp, final_dir, ec);
        if (ec) {
            // Another process won the race: its copy is identical.
            fs::remove_all(tmp, ec);
            if (!fs::exists(final_dir)) {
                throw std::runtime_error("cannot place package " + hash + " in " + dir_.string());
            }
        }
    } catch (...) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw;
    }
    return package_root(final_dir);
}

}  // namespace khue::store
