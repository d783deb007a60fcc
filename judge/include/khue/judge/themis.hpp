// The Themis checker protocol (the judge Vietnamese schools use; VNOJ implements the same): the checker reads
// two lines on standard input, the folder holding the test's input and answer files (under the problem's
// file-I/O names, e.g. TASK.INP and TASK.OUT) and the folder holding the contestant's output file (TASK.OUT),
// each path ending in '/'; it writes a comment and, on its last line, the fraction of the test's points the
// output earns (0 to 1), and exits 0. judge/PACKAGES.md describes how Khue maps that onto verdicts.
#pragma once

#include "khue/judge/checker.hpp"
#include "khue/judge/package.hpp"

#include <string>

namespace khue::judge {

// Where the Themis checker finds its two folders inside the box.
inline constexpr const char* kThemisTestMount = "/judge/test";
inline constexpr const char* kThemisTeamMount = "/judge/team";

// Maps the checker's run and standard output onto a check. Exit 0 is required (anything else, a signal or a
// limit is a judge error); the last non-empty line must be a number in [0, 1] (else a judge error); the lines
// before it are the message. 1 is accepted and 0 wrong answer; a fraction in between is accepted with that
// score multiplier when `partial_credit` (a scoring problem), and a wrong answer otherwise.
CheckOutcome themis_outcome(const RunReport& checker, const std::string& standard_output,
                            bool partial_credit);

// Lays out the two folders next to files.feedback_dir (copies named after `names`), runs the checker in the
// box with the validation limits and reads its verdict with themis_outcome().
CheckOutcome run_themis_checker(const Executable& checker, const CheckFiles& files, const FileIo& names,
                                bool partial_credit, const ValidationLimits& limits, Box& box);

}  // namespace khue::judge
