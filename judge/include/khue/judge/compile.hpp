// Building a program (a submission, an output validator, a checker) inside the box, and turning the result
// into run specs. Nothing here branches on a language: everything comes from the Language data.
#pragma once

#include "khue/judge/box.hpp"
#include "khue/judge/cache.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/types.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace khue::judge {

inline constexpr Bytes kMaxCompilerOutput = kib(64);
// Where build products are mounted (read-only) when the program runs.
inline constexpr const char* kExeMount = "/judge/exe";

struct BuildLimits {
    Seconds time{60.0};
    Bytes memory = mib(2048);
    Bytes output = mib(256);  // largest file the compiler may write (the binary)
};

// A built program, ready to run: its build folder holds sources and build products.
struct Executable {
    const Language* language = nullptr;
    std::filesystem::path dir;  // host folder, mounted at kExeMount when running
    std::string source;         // entry source file name
    std::string main_class;     // when the language needs one
};

struct BuildResult {
    bool ok = false;
    std::string output;   // compiler stdout then stderr, at most kMaxCompilerOutput
    Seconds time{0};      // wall time of the compiler run
    Seconds cpu_time{0};  // CPU time of the compiler run (all its processes)
    Executable executable;
    // The compiler ran and exited by itself (success or compile error): the same input gives the same
    // result, so the compile cache may keep it. False when a limit or a signal stopped it.
    bool cacheable = false;
    bool cached = false;  // restored from the compile cache (compile_cache.hpp); the compiler did not run
};

struct BuildRequest {
    const Language* language = nullptr;
    std::vector<std::filesystem::path> files;  // every file to copy in (sources, headers, include/ files)
    std::optional<std::string> entry_point;    // file name or Java class
    std::filesystem::path build_dir;           // empty folder; becomes Executable::dir
    BuildLimits limits;
};

// Copies the files into build_dir and compiles there in the box. A failed compilation is a result (ok=false),
// not an exception; SandboxError propagates.
// `use_pch` = false compiles without the precompiled header even when one is configured (benchmarks).
BuildResult build_program(const BuildRequest& request, Box& box, const BuildCache* cache,
                          bool use_pch = true);

// The precompiled header of `language` in the cache, building it (in the box) the first time. nullopt when
// the language has none or building it failed (compiles then simply go without).
std::optional<std::filesystem::path> ensure_precompiled_header(const Language& language,
                                                               const BuildCache& cache, Box& box,
                                                               const BuildLimits& limits);

// A program from a package (validator/checker: a file or a folder of sources) built once and cached by the
// hash of its language and contents. Throws std::runtime_error with the compiler output when it does not
// build.
Executable build_cached_program(const std::filesystem::path& program, const LanguageSet& languages,
                                const BuildCache& cache, Box& box, const BuildLimits& limits);

// The argv that runs `exe` (at kExeMount), with extra arguments appended.
std::vector<std::string> run_argv(const Executable& exe, Bytes memory_limit,
                                  const std::vector<std::string>& extra_args = {});
// Spec skeleton for running `exe`: argv, environment, mounts, processes; the caller adds limits and streams.
RunSpec run_spec(const Executable& exe, Bytes memory_limit, const std::vector<std::string>& extra_args = {});

// Reads at most `limit` bytes of a regular file, refusing symlinks, FIFOs and devices (the file may have been
// written by a sandboxed program). nullopt when absent or refused.
std::optional<std::string> read_regular_file_bounded(const std::filesystem::path& file, Bytes limit);

}  // namespace khue::judge
