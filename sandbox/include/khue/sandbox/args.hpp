// khue-box's command line. Hand-written rather than CLI11: the sandbox may link only libc and libseccomp so
// that the privileged piece stays small (docs/architecture.md).
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "khue/sandbox/config.hpp"

namespace khue::sandbox {

// Bad usage: the message names the offending flag or value. khue-box exits 2 on it.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class Command { Run, Session, Check, Cleanup, Clean, Help };

struct CommandLine {
    Command command = Command::Help;
    BoxConfig config;                  // for run
    bool json = false;                 // for check
    std::vector<std::string> folders;  // for clean
};

// `args` excludes argv[0].
CommandLine parse_command_line(std::span<const std::string_view> args);

// The options of `khue-box run` and the program after "--" (`args` starts after "run"); also one request of
// `khue-box session`. Throws UsageError naming the offending flag.
BoxConfig parse_run_options(std::span<const std::string_view> args);

// Absolute, without "." or ".." components and repeated slashes; throws UsageError naming `flag` otherwise.
std::string normalise_inside_path(std::string_view path, std::string_view flag);

extern const char* const kUsage;

}  // namespace khue::sandbox
