// Pieces shared by the two cgroup backends.
#pragma once

#include <sys/types.h>

#include <string>

#include "khue/sandbox/types.hpp"

namespace khue::sandbox::cg {

// Reads the whole of an open cgroup file from offset 0 (seq files regenerate their content on each read).
std::string pread_all(int fd, const std::string& path_for_errors);

// SIGKILLs every pid listed in `procs_file` until the file is empty; gives up after about a second and
// reports false. Only pids in our own khue/box-N cgroup are ever listed, so only processes of our run are
// killed.
bool kill_listed(const std::string& procs_file);

int open_or_throw(const std::string& path, int flags);

// Memory still charged to a slot's cgroup before a run above which the slot gets a fresh cgroup: more than
// the kernel memory that a cgroup keeps after any run (a few hundred KiB), less than anything that could
// change a verdict.
inline constexpr unsigned long long kLeftoverBytes = 1024 * 1024;

}  // namespace khue::sandbox::cg
