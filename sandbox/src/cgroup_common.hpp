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

}  // namespace khue::sandbox::cg
