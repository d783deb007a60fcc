// Removing what a submission left behind, whatever it left: folder chains deeper than the open-file limit
// (std::filesystem::remove_all keeps one descriptor per level and gives up), symlinks (never followed), files
// without permissions. Iterative with two descriptors at most: each entry is renamed up into the top folder
// once, then removed, so time is linear in the number of entries and there is no recursion at all.
// A failure throws SandboxError: a box folder that cannot be emptied must fail the job loudly (retry, then
// JE), never give the next program a dirty box or the next verdict a polluted memory count.
#pragma once

#include <filesystem>

namespace khue::judge {

// Empties `dir` (which must be a real folder, not a symlink); creates it if missing.
void empty_directory(const std::filesystem::path& dir);

// Removes `path` and everything below it; nothing to do if it does not exist. A symlink is removed itself.
void remove_tree(const std::filesystem::path& path);

}  // namespace khue::judge
