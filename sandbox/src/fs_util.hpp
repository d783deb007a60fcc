// Small file helpers for cgroup and proc files. Every failure names the path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace khue::sandbox::fs {

// Writes `value` with O_WRONLY|O_TRUNC (cgroup files ignore the truncation; fake test files need it).
void write_file(const std::string& path, std::string_view value);
// Same, but returns errno instead of throwing (0 on success).
int try_write_file(const std::string& path, std::string_view value);
std::string read_file(const std::string& path);
std::optional<std::string> try_read_file(const std::string& path);
// Reads a file whose content is one unsigned integer ("max" reads as none).
std::optional<unsigned long long> read_number(const std::string& path);
// Value of `key` in a "key value" per line file (memory.events, cpu.stat, memory.oom_control).
std::optional<unsigned long long> keyed_value(std::string_view content, std::string_view key);
// mkdir that accepts an existing directory.
void ensure_dir(const std::string& path, unsigned mode);
bool exists(const std::string& path);
// Throws SandboxError when a folder on the way to `path` is a symlink owned by someone other than root (or
// us): a program may have planted it in a box folder it could write, to turn the judge's next path elsewhere.
// Root's own symlinks (/var/run -> /run, ...) are trusted. `what` names the flag in the message.
void refuse_foreign_symlinks(const std::string& path, std::string_view what);

}  // namespace khue::sandbox::fs
