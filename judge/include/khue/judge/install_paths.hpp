// Facts about this build and installation: the version, and where Khue's data files lie: languages.yaml, the
// web pages and the demo contest. They are found from the running program's own location, never from a path
// compiled in, so an installed tree works wherever it is moved:
//   installed     <prefix>/bin/khue      ->  <prefix>/share/khue/<name>
//   build folder  build/khue             ->  build/share/khue/<name>  (CMake links it into the source tree)
#pragma once

#include <filesystem>
#include <string_view>

namespace khue::judge {

// Khue's version, from project() in the top CMakeLists.txt ("0.1.0").
std::string_view version();

// The folder of the running executable (from /proc/self/exe); empty if it cannot be read.
std::filesystem::path executable_dir();

// The data file or folder `name` (e.g. "languages.yaml", "web", "problems") of this installation: the first
// of the installed and the build-folder locations that exists; if neither exists, the installed location, so
// that an error message names where it was looked for.
std::filesystem::path data_path(std::string_view name);

}  // namespace khue::judge
