// File input/output problems (`khue.file_io`, judge/PACKAGES.md): instead of standard input and output the
// program reads the test's input from a file in its working folder and writes its answer to another one.
// Internal to the pipeline.
#pragma once

#include "khue/judge/box.hpp"
#include "khue/judge/package.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace khue::judge::pipeline_detail {

// Puts the test's input into the run's working folder (spec.dir) under names.input, and also under its
// all-lower-case and all-upper-case spellings (programs written on Windows open "bai1.inp" for BAI1.INP);
// standard input becomes the empty file `empty_stdin` and standard output goes to `discarded_stdout`.
void use_file_io(RunSpec& spec, const std::filesystem::path& input, const FileIo& names,
                 const std::filesystem::path& empty_stdin, const std::filesystem::path& discarded_stdout);

// After a clean run: copies the program's output file from `run_dir` to `team_output` (at most `limit`
// bytes). The exact name wins; otherwise a single file whose name matches names.output ignoring case is
// taken. Returns the message for a wrong answer when there is no such regular file (a symlink, a folder or
// a file with other links is refused: the program is hostile until proven otherwise).
std::optional<std::string> collect_file_output(const std::filesystem::path& run_dir, const FileIo& names,
                                               const std::filesystem::path& team_output, Bytes limit);

}  // namespace khue::judge::pipeline_detail
