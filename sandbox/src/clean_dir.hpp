// Emptying a folder a program has written to, whatever it left there: folder chains deeper than the
// open-file limit or PATH_MAX, folders chmod'ed to 000, symlinks pointing anywhere, millions of entries.
#pragma once

#include <string>

namespace khue::sandbox {

// Removes everything inside the folder open at `dir_fd` (the folder itself stays). Iterative with an explicit
// stack, so no recursion and no depth limit; at most three descriptors open at any time, so no open-file
// limit either; never follows a symlink (each level is opened with O_NOFOLLOW | O_DIRECTORY relative to the
// one above, and the way back up through ".." is checked against the device and inode recorded on the way
// down); never leaves the file system of `dir_fd`. Folders without owner permissions get them first. Throws
// SandboxError naming `what` and the failed step: the caller must then treat the folder as dirty.
void empty_folder(int dir_fd, const std::string& what);

}  // namespace khue::sandbox
