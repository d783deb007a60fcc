// Names of submitted source files. A name is handed to compilers as an argv element, so one that starts with
// `-` (`-E.c`, `-specs=x.c`, `--help.py`) would be read as an option. Such names are refused when a
// submission arrives, and compile argv names sources as `./NAME` in any case (compile.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace khue::judge {

// Why `name` (a relative path with `/` separators) is not acceptable as a submitted file name, or nullopt.
std::optional<std::string> source_file_name_problem(std::string_view name);

}  // namespace khue::judge
