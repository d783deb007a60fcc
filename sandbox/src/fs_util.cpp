#include "fs_util.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>

#include "khue/sandbox/error.hpp"

namespace khue::sandbox {

void throw_errno(const std::string& what, int err) {
    throw SandboxError(what + ": " + std::strerror(err));
}

namespace fs {

int try_write_file(const std::string& path, std::string_view value) {
    int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    ssize_t n = ::write(fd, value.data(), value.size());
    int err = n < 0 ? errno : (static_cast<std::size_t>(n) != value.size() ? EIO : 0);
    ::close(fd);
    return err;
}

void write_file(const std::string& path, std::string_view value) {
    if (int err = try_write_file(path, value)) {
        throw_errno("cannot write '" + std::string(value) + "' to " + path, err);
    }
}

std::optional<std::string> try_read_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    std::string out;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) {
            break;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

std::string read_file(const std::string& path) {
    auto content = try_read_file(path);
    if (!content) {
        throw_errno("cannot read " + path, errno);
    }
    return *content;
}

std::optional<unsigned long long> read_number(const std::string& path) {
    std::string s = read_file(path);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
        s.pop_back();
    }
    if (s == "max") {
        return std::nullopt;
    }
    unsigned long long v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) {
        throw SandboxError("unexpected content '" + s + "' in " + path);
    }
    return v;
}

std::optional<unsigned long long> keyed_value(std::string_view content, std::string_view key) {
    std::size_t pos = 0;
    while (pos < content.size()) {
        auto eol = content.find('\n', pos);
        if (eol == std::string_view::npos) {
            eol = content.size();
        }
        std::string_view line = content.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ' ') {
            std::string_view num = line.substr(key.size() + 1);
            unsigned long long v = 0;
            auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
            if (ec == std::errc{}) {
                return v;
            }
        }
    }
    return std::nullopt;
}

void ensure_dir(const std::string& path, unsigned mode) {
    if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) {
        throw_errno("cannot create directory " + path, errno);
    }
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

void refuse_foreign_symlinks(const std::string& path, std::string_view what) {
    std::string abs = path;
    if (abs.empty() || abs.front() != '/') {
        char cwd[PATH_MAX];
        if (::getcwd(cwd, sizeof cwd) == nullptr) {
            throw_errno(std::string(what) + ": cannot resolve " + path, errno);
        }
        abs = std::string(cwd) + "/" + path;
    }
    // Each lstat() resolves the components before it, which are trusted by then; only the one it names is
    // looked at. The last component is each caller's business (O_NOFOLLOW).
    for (std::size_t pos = abs.find('/', 1); pos != std::string::npos; pos = abs.find('/', pos + 1)) {
        std::string prefix = abs.substr(0, pos);
        struct stat st {};
        if (::lstat(prefix.c_str(), &st) == 0 && S_ISLNK(st.st_mode) && st.st_uid != 0 &&
            st.st_uid != ::geteuid()) {
            throw SandboxError(std::string(what) + ": " + path + " passes through " + prefix +
                               ", a symlink owned by uid " + std::to_string(st.st_uid) + "; refused");
        }
    }
}

}  // namespace fs
}  // namespace khue::sandbox
