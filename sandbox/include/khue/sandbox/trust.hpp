// Who may run khue-box, and which host paths it may open, mount, chown or write for them (sandbox/README.md,
// "Who may run khue-box"). khue-box runs as root and its options name host paths: a caller that is not
// already root (capabilities on a copy of the binary, a sudo rule) must not turn it into a way of reading or
// writing root's files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace khue::sandbox {

// The roots' configuration file; it and every folder above it must be owned by root and not writable by
// group or others.
inline constexpr const char* kRootsFile = "/etc/khue/box-roots";
// Roots that need no configuration: the judge's scratch, package and cache folders.
inline constexpr const char* kDefaultRoots[] = {"/dev/shm/khue", "/var/lib/khue", "/var/cache/khue",
                                                "/tmp/khue"};

// Why khue-box must not run for this caller, or nothing: setuid/setgid, or AT_SECURE / capabilities without
// real uid 0.
std::optional<std::string> refuse_caller();

struct PathPolicy {
    // false: plain root without KHUE_BOX_ROOTS, any path is accepted.
    bool restricted = false;
    std::vector<std::string> roots;  // absolute, symlinks resolved, without a trailing '/'
    std::string origin;              // how the caller was classified, for messages
};

// Plain root: real uid 0, AT_SECURE unset and none of SUDO_UID, SUDO_USER, PKEXEC_UID, DOAS_USER in the
// environment.
bool caller_is_plain_root();

// The policy for this process: plain root is unrestricted unless KHUE_BOX_ROOTS is set (then the defaults,
// the file and that list); everybody else gets the defaults and the file, and KHUE_BOX_ROOTS is ignored.
// Throws SandboxError when the file exists but is not safe or not valid.
PathPolicy load_path_policy();

// One absolute path per line; empty lines and lines starting with '#' are skipped. Throws SandboxError naming
// `origin` and the line of a relative path.
std::vector<std::string> parse_roots(std::string_view text, std::string_view origin);
// Throws SandboxError unless `path` is a regular file and it and every folder above it are owned by root and
// not writable by group or others. Returns false when the file does not exist.
bool check_roots_file(const std::string& path);

// Whether `real` (an absolute path without symlinks) is one of `roots` or below one.
bool under_roots(const std::vector<std::string>& roots, std::string_view real);

// Throws SandboxError naming `flag` and `given` unless the object open at `fd` lies under the policy's roots
// (the kernel's own path of the open object, so a symlink or rename cannot mislead the check).
void require_under_roots(const PathPolicy& policy, int fd, std::string_view flag, const std::string& given);

}  // namespace khue::sandbox
