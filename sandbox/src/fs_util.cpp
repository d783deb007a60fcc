#include "fs_util.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
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

}  // namespace fs
}  // namespace khue::sandbox
