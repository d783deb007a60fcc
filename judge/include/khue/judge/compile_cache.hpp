// The compile cache: a submission's build (binary, class files, compiler messages, and a compile error
// too) kept on the judging host under the key (language, compile command and environment, compiler
// identity, precompiled header, build limits, entry point, every file's name and content). A rejudge or an
// identical resubmission restores the build instead of running the compiler again.
//
// Entries live in the BuildCache (kind "compiled"): built in a staging folder and published with an atomic
// rename, so a reader never sees half an entry. A hit restores a copy into the judging's own build folder,
// so an entry evicted meanwhile can never vanish under a running program; a copy that fails half-way (the
// entry was evicted while copying) is a miss, and the compiler runs. The cache is bounded: after each store
// the least recently used entries are evicted (under a lock file, one evictor at a time) until the total is
// below the bound. Only compiles whose compiler exited by itself are kept: a compile stopped by a limit
// (time, memory, a signal) may pass on a less loaded host, so it is compiled again next time.
#pragma once

#include "khue/judge/cache.hpp"
#include "khue/judge/compile.hpp"
#include "khue/judge/types.hpp"

#include <optional>
#include <string>

namespace khue::judge {

// Default bound of the compile cache: $KHUE_COMPILE_CACHE_MIB MiB when set (0 turns the cache off), else
// 1 GiB.
Bytes default_compile_cache_limit();

class CompileCache {
  public:
    // `limit` 0: no caching (lookup() always misses, store() keeps nothing).
    CompileCache(const BuildCache& cache, Bytes limit);

    // The cache key of `request` (hex SHA-256). Reads every file of the request.
    std::string key(const BuildRequest& request, bool use_pch) const;
    // The cached build of `key`, restored into request.build_dir, or nullopt (the build folder is then
    // empty, ready for the compiler). The result's Executable points at request.build_dir.
    std::optional<BuildResult> lookup(const std::string& key, const BuildRequest& request) const;
    // Keeps `result` (whose build folder is result.executable.dir) under `key` when it is worth keeping
    // (BuildResult::cacheable), then evicts old entries beyond the bound.
    void store(const std::string& key, const BuildResult& result) const;
    // Evicts least recently used entries until the total size is at most `target`.
    void evict_to(Bytes target) const;
    // Total size of the entries (for tests and diagnostics).
    Bytes size() const;

  private:
    const BuildCache& cache_;
    Bytes limit_;
};

// build_program() through the cache: a hit returns the cached result without calling the box.
BuildResult build_program_cached(const BuildRequest& request, Box& box, const BuildCache& cache,
                                 Bytes cache_limit);

}  // namespace khue::judge
