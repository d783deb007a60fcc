#include "khue/judge/cache.hpp"

#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <cstdlib>
#include <stdexcept>

namespace khue::judge {
namespace fs = std::filesystem;

fs::path default_cache_dir() {
    if (const char* env = std::getenv("KHUE_CACHE"); env != nullptr && *env != '\0') {
        return env;
    }
    if (::geteuid() == 0) {
        return "/var/cache/khue";
    }
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
        return fs::path(xdg) / "khue";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return fs::path(home) / ".cache/khue";
    }
    return fs::temp_directory_path() / "khue-cache";
}

fs::path scratch_root() {
    static const fs::path root = [] {
        if (const char* env = std::getenv("KHUE_WORK_DIR"); env != nullptr && *env != '\0') {
            return fs::path(env);
        }
        struct statfs st {};
        if (::statfs("/dev/shm", &st) == 0 && st.f_type == TMPFS_MAGIC && ::access("/dev/shm", W_OK) == 0) {
            fs::path shm = "/dev/shm/khue";
            std::error_code ec;
            fs::create_directories(shm, ec);
            if (!ec) {
                // World-traversable like /tmp, but not listable: boxes reach only the folders mounted for
                // them.
                fs::permissions(shm, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec,
                                ec);
                return shm;
            }
        }
        return fs::temp_directory_path();
    }();
    return root;
}

BuildCache::BuildCache(fs::path root) : root_(root.empty() ? default_cache_dir() : std::move(root)) {
    std::error_code ec;
    fs::create_directories(root_, ec);
    if (ec) {
        throw std::runtime_error("cannot create the cache folder " + root_.string() + ": " + ec.message());
    }
}

std::optional<fs::path> BuildCache::find(const std::string& kind, const std::string& key) const {
    auto dir = root_ / kind / key;
    std::error_code ec;
    if (fs::is_directory(dir, ec)) {
        return dir;
    }
    return std::nullopt;
}

fs::path BuildCache::staging(const std::string& kind) const {
    auto parent = root_ / kind;
    fs::create_directories(parent);
    std::string pattern = (parent / ".staging-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("cannot create a staging folder in " + parent.string());
    }
    fs::permissions(pattern, fs::perms::all);
    return pattern;
}

fs::path BuildCache::publish(const fs::path& staging_dir, const std::string& kind,
                             const std::string& key) const {
    auto target = root_ / kind / key;
    std::error_code ec;
    fs::rename(staging_dir, target, ec);
    if (ec) {
        // Someone else published the same content first; theirs is as good as ours.
        fs::remove_all(staging_dir, ec);
    }
    return target;
}

}  // namespace khue::judge
