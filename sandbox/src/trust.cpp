#include "khue/sandbox/trust.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "fs_util.hpp"
#include "khue/sandbox/error.hpp"

namespace khue::sandbox {
namespace {

bool has_capabilities() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &header, data) != 0) {
        return true;  // cannot tell: assume the worst
    }
    for (const auto& d : data) {
        if (d.effective != 0 || d.permitted != 0) {
            return true;
        }
    }
    return false;
}

std::string real_path(const std::string& path) {
    char buf[PATH_MAX];
    if (::realpath(path.c_str(), buf) == nullptr) {
        return {};
    }
    return buf;
}

void add_roots(std::vector<std::string>& out, const std::vector<std::string>& roots) {
    for (const auto& r : roots) {
        // A root that does not exist (yet) cannot hold anything; its resolved form is what paths are
        // compared with.
        if (std::string real = real_path(r); !real.empty()) {
            out.push_back(real == "/" ? std::string() : real);
        }
    }
}

}  // namespace

std::optional<std::string> refuse_caller() {
    if (::getuid() != ::geteuid() || ::getgid() != ::getegid()) {
        return "refusing to run setuid/setgid; run it as root instead";
    }
    if (::getuid() != 0 && (::getauxval(AT_SECURE) != 0 || has_capabilities())) {
        return "refusing to run with capabilities (file capabilities or AT_SECURE) but without real uid 0; "
               "run "
               "it as root instead";
    }
    return std::nullopt;
}

bool caller_is_plain_root() {
    if (::getuid() != 0 || ::getauxval(AT_SECURE) != 0) {
        return false;
    }
    for (const char* name : {"SUDO_UID", "SUDO_USER", "PKEXEC_UID", "DOAS_USER"}) {
        if (std::getenv(name) != nullptr) {
            return false;
        }
    }
    return true;
}

std::vector<std::string> parse_roots(std::string_view text, std::string_view origin) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string_view::npos) {
            eol = text.size();
        }
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            line.remove_prefix(1);
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (line.front() != '/') {
            throw SandboxError(std::string(origin) + " line " + std::to_string(line_no) +
                               ": a root must be an absolute path, got '" + std::string(line) + "'");
        }
        out.emplace_back(line);
    }
    return out;
}

bool check_roots_file(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) {
            return false;
        }
        throw_errno("cannot inspect " + path, errno);
    }
    const auto unsafe = [](const struct stat& s) {
        return s.st_uid != 0 || (s.st_mode & (S_IWGRP | S_IWOTH));
    };
    if (!S_ISREG(st.st_mode) || unsafe(st)) {
        throw SandboxError(path +
                           " must be a regular file owned by root and not writable by group or others");
    }
    std::string dir = path;
    while (!dir.empty()) {
        dir.resize(dir.rfind('/'));
        std::string shown = dir.empty() ? "/" : dir;
        if (::stat(shown.c_str(), &st) != 0) {
            throw_errno("cannot inspect " + shown, errno);
        }
        if (unsafe(st)) {
            throw SandboxError(path + " is in " + shown +
                               ", which is not owned by root or is writable by group or others; refused");
        }
    }
    return true;
}

PathPolicy load_path_policy() {
    PathPolicy p;
    const bool plain_root = caller_is_plain_root();
    const char* env = std::getenv("KHUE_BOX_ROOTS");
    if (plain_root && env == nullptr) {
        p.origin = "plain root";
        return p;
    }
    p.restricted = true;
    p.origin =
        plain_root ? "plain root with KHUE_BOX_ROOTS" : "a caller that is not plain root (sudo, pkexec, ...)";
    add_roots(p.roots, std::vector<std::string>(std::begin(kDefaultRoots), std::end(kDefaultRoots)));
    if (check_roots_file(kRootsFile)) {
        add_roots(p.roots, parse_roots(fs::read_file(kRootsFile), kRootsFile));
    }
    if (plain_root) {
        std::vector<std::string> extra;
        std::string_view list = env;
        while (!list.empty()) {
            auto colon = list.find(':');
            std::string_view item = list.substr(0, colon);
            if (!item.empty()) {
                if (item.front() != '/') {
                    throw SandboxError("KHUE_BOX_ROOTS: a root must be an absolute path, got '" +
                                       std::string(item) + "'");
                }
                extra.emplace_back(item);
            }
            list = colon == std::string_view::npos ? std::string_view{} : list.substr(colon + 1);
        }
        add_roots(p.roots, extra);
    }
    return p;
}

bool under_roots(const std::vector<std::string>& roots, std::string_view real) {
    for (const auto& r : roots) {
        // "" is the root folder "/" itself.
        if (real == r || (real.starts_with(r) && real.size() > r.size() && real[r.size()] == '/')) {
            return true;
        }
    }
    return false;
}

void require_under_roots(const PathPolicy& policy, int fd, std::string_view flag, const std::string& given) {
    if (!policy.restricted) {
        return;
    }
    char buf[PATH_MAX];
    std::string link = "/proc/self/fd/" + std::to_string(fd);
    ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
    if (n <= 0) {
        throw_errno(std::string(flag) + ": cannot resolve " + given, errno);
    }
    std::string_view real(buf, static_cast<std::size_t>(n));
    if (real.front() != '/' || real.ends_with(" (deleted)") || !under_roots(policy.roots, real)) {
        std::string roots;
        for (const auto& r : policy.roots) {
            roots += (roots.empty() ? "" : ", ") + (r.empty() ? std::string("/") : r);
        }
        throw SandboxError(std::string(flag) + ": " + given + " (" + std::string(real) +
                           ") is outside the folders khue-box accepts for " + policy.origin + " (" +
                           (roots.empty() ? std::string("none exist") : roots) + "; see " + kRootsFile + ")");
    }
}

}  // namespace khue::sandbox
