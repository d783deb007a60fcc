// The `khue` command line: each subcommand lives in its own file and registers itself at static-init time.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace khue::cli {

// Adds a subcommand to `app`, and returns the function to run when that subcommand was chosen; the
// function's result is the process exit status.
using Setup = std::function<std::function<int()>(CLI::App& app)>;

bool register_command(Setup setup);

}  // namespace khue::cli
