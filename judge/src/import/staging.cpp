#include "import/staging.hpp"

#include "khue/judge/import.hpp"

#include <stdlib.h>

#include <cctype>
#include <charconv>
#include <fstream>

namespace khue::judge::import_detail {
namespace fs = std::filesystem;

Staging::Staging(const fs::path& destination) {
    fs::path parent = fs::absolute(destination).lexically_normal().parent_path();
    if (destination.filename().empty()) {  // "out/"
        parent = fs::absolute(destination).lexically_normal().parent_path().parent_path();
    }
    // The destination's parent may not exist yet; stage in its nearest existing ancestor.
    while (!parent.empty() && !fs::is_directory(parent) && parent != parent.parent_path()) {
        parent = parent.parent_path();
    }
    std::string pattern = (parent / ".khue-import-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw ImportError("cannot create a staging folder in " + parent.string());
    }
    path_ = pattern;
}

Staging::~Staging() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void Staging::commit(const std::vector<std::pair<std::string, fs::path>>& moves) {
    for (const auto& [name, target] : moves) {
        std::error_code ec;
        if (fs::exists(fs::symlink_status(target, ec))) {
            throw ImportError(target.string() + " already exists; remove it or choose another destination");
        }
    }
    for (const auto& [name, target] : moves) {
        if (target.has_parent_path()) {
            fs::create_directories(target.parent_path());
        }
        fs::rename(path_ / name, target);
    }
}

void write_text(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
        throw ImportError("cannot write " + file.string());
    }
}

void copy_regular(const fs::path& from, const fs::path& to, const std::string& what) {
    std::error_code ec;
    const auto status = fs::symlink_status(from, ec);
    if (ec || !fs::exists(status)) {
        throw ImportError(what + ": " + from.string() + " does not exist");
    }
    if (!fs::is_regular_file(status)) {
        throw ImportError(what + ": " + from.string() + " is not a regular file" +
                          (fs::is_symlink(status) ? " (a symlink: copy the file itself)" : ""));
    }
    fs::create_directories(to.parent_path());
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

std::string format_number(double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

std::string yaml_quote(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + "\"";
}

bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const auto ca = static_cast<unsigned char>(a[i]);
        const auto cb = static_cast<unsigned char>(b[j]);
        if (std::isdigit(ca) && std::isdigit(cb)) {
            std::size_t ei = i;
            std::size_t ej = j;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) {
                ++ei;
            }
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) {
                ++ej;
            }
            // Compare by value without overflow: strip leading zeros, then longer is bigger.
            auto si = a.find_first_not_of('0', i);
            auto sj = b.find_first_not_of('0', j);
            si = std::min(si == std::string::npos ? ei : si, ei);
            sj = std::min(sj == std::string::npos ? ej : sj, ej);
            const std::string_view na(a.data() + si, ei - si);
            const std::string_view nb(b.data() + sj, ej - sj);
            if (na.size() != nb.size()) {
                return na.size() < nb.size();
            }
            if (na != nb) {
                return na < nb;
            }
            i = ei;
            j = ej;
            continue;
        }
        const int la = std::tolower(ca);
        const int lb = std::tolower(cb);
        if (la != lb) {
            return la < lb;
        }
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j) {
        return a.size() - i < b.size() - j;
    }
    return a < b;  // equal ignoring case and zeros: any fixed order
}

}  // namespace khue::judge::import_detail
