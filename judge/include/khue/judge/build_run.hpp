// Programs given as a folder with `build` and/or `run` scripts (SPECS §1, "Programs"): `build` runs in the
// folder inside the box; `run` (shipped, or made by `build`) is then the program, started in its folder.
#pragma once

#include "khue/judge/compile.hpp"

#include <filesystem>
#include <vector>

namespace khue::judge {

// Whether these files (a folder's top level) include a script named `build` or `run`.
bool is_build_run_program(const std::vector<std::filesystem::path>& files);

// The pseudo-language of such programs: no compile command of its own, run = `cd {dir} && exec ./run`.
const Language& build_run_language();

// Copies `files` into `build_dir` (made box-writable), marks the scripts executable and runs `./build` there
// in the box when present. ok=false with the script's output when it fails or leaves no `run`.
BuildResult build_script_program(const std::vector<std::filesystem::path>& files,
                                 const std::filesystem::path& build_dir, Box& box, const BuildLimits& limits);

}  // namespace khue::judge
