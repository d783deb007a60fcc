// The default output validator of the problem package format (docs/packages.md), run in-process: it is trusted
// code, so it needs no sandbox. Reads both streams incrementally, so outputs of hundreds of MiB never sit in
// memory whole.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "khue/judge/types.hpp"

namespace khue::judge {

struct DefaultValidatorOptions {
    bool case_sensitive = false;
    bool space_change_sensitive = false;
    std::optional<double> float_absolute_tolerance;
    std::optional<double> float_relative_tolerance;
};

// A flag the default validator does not know, a missing or non-numeric tolerance, a tolerance given twice.
class ValidatorFlagsError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

// From the argument list (2025-09 output_validator_args, or legacy validator_flags split at whitespace).
DefaultValidatorOptions parse_default_validator_args(const std::vector<std::string>& args);
// Splits a legacy `validator_flags` string at runs of whitespace.
std::vector<std::string> split_validator_flags(std::string_view flags);

// Compares `team` output against the `judge` answer. Accepted or WrongAnswer, with a judge_message such as
// "line 3 token 2: expected '5', got '6'" (line and token counted in the team output).
CheckResult default_validate(std::istream& team, std::istream& judge, const DefaultValidatorOptions& options);
// Same over files; a file that cannot be opened is a JudgeError naming it.
CheckResult default_validate_files(const std::filesystem::path& team_output,
                                   const std::filesystem::path& judge_answer,
                                   const DefaultValidatorOptions& options);

}  // namespace khue::judge
