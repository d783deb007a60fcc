#include "khue/judge/zip.hpp"

#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <system_error>

namespace khue::judge {
namespace {
namespace fs = std::filesystem;

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

std::string zip_error_text(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

struct PlannedEntry {
    zip_uint64_t index = 0;
    std::string name;  // validated relative path, without a trailing '/'
    bool is_directory = false;
    bool executable = false;
    zip_uint64_t size = 0;
    // A symbolic link entry: its target, resolved lexically against the link's folder. It is written as a
    // copy of the file it names (source_index), never as a link.
    std::optional<std::string> link_target;
    zip_uint64_t source_index = 0;
};

constexpr zip_uint64_t kMaxLinkText = 4096;
constexpr int kMaxLinkHops = 8;

// The text of a link entry (its target), bounded.
std::string read_link_text(zip_t* z, zip_uint64_t index, zip_uint64_t size, const std::string& what,
                           const std::string& name) {
    if (size == 0 || size > kMaxLinkText) {
        throw ZipError(what + ": symlink entry '" + name + "' has no usable target");
    }
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(z, index, 0), &zip_fclose);
    if (!file) {
        throw ZipError(what + ": cannot open entry '" + name + "': " + zip_strerror(z));
    }
    std::string text(size, '\0');
    const zip_int64_t n = zip_fread(file.get(), text.data(), size);
    if (n != static_cast<zip_int64_t>(size)) {
        throw ZipError(what + ": symlink entry '" + name + "' is corrupt");
    }
    return text;
}

// `target` of a link at `name`, as an archive path; empty when it leaves the archive or is absolute.
std::string resolve_link_name(const std::string& name, const std::string& target) {
    if (target.empty() || target.front() == '/' || target.find('\\') != std::string::npos ||
        target.find('\0') != std::string::npos) {
        return {};
    }
    const fs::path joined = (fs::path(name).parent_path() / target).lexically_normal();
    const std::string out = joined.generic_string();
    if (out.empty() || out == "." || out.rfind("..", 0) == 0) {
        return {};
    }
    return out;
}

// Checks one entry name; returns why it is unsafe, or an empty string.
std::string unsafe_name_reason(const std::string& name) {
    if (name.empty()) {
        return "empty name";
    }
    if (name.front() == '/') {
        return "absolute path";
    }
    if (name.find('\\') != std::string::npos) {
        return "backslash in name";
    }
    if (name.find('\0') != std::string::npos) {
        return "NUL in name";
    }
    if (name.size() >= 2 && name[1] == ':') {
        return "drive letter";
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string::npos) {
            end = name.size();
        }
        const std::string part = name.substr(start, end - start);
        if (part == "..") {
            return "'..' component";
        }
        if (part == ".") {
            return "'.' component";
        }
        // An empty component is only allowed as the trailing slash of a directory entry.
        if (part.empty() && end != name.size()) {
            return "empty path component";
        }
        start = end + 1;
    }
    return {};
}

std::vector<PlannedEntry> plan(zip_t* z, const std::string& what, const ZipLimits& limits) {
    const zip_int64_t count = zip_get_num_entries(z, 0);
    if (count < 0) {
        throw ZipError(what + ": cannot list entries");
    }
    if (static_cast<std::uint64_t>(count) > limits.max_entries) {
        throw ZipError(what + ": " + std::to_string(count) + " entries, more than the limit of " +
                       std::to_string(limits.max_entries));
    }
    std::vector<PlannedEntry> entries;
    std::set<std::string> seen;
    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(z, index, 0, &st) != 0 || (st.valid & ZIP_STAT_NAME) == 0) {
            throw ZipError(what + ": entry " + std::to_string(i) + " is unreadable");
        }
        std::string name = st.name;
        if (const std::string why = unsafe_name_reason(name); !why.empty()) {
            throw ZipError(what + ": unsafe entry '" + name + "': " + why);
        }
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
            throw ZipError(what + ": entry '" + name + "' is encrypted");
        }
        PlannedEntry e;
        e.index = index;
        e.is_directory = name.back() == '/';
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(z, index, 0, &opsys, &attributes) == 0 &&
            opsys == ZIP_OPSYS_UNIX) {
            const mode_t mode = attributes >> 16;
            const mode_t type = mode & S_IFMT;
            if (type == S_IFLNK) {
                const std::string text =
                    read_link_text(z, index, (st.valid & ZIP_STAT_SIZE) != 0 ? st.size : 0, what, name);
                const std::string resolved = resolve_link_name(name, text);
                if (resolved.empty()) {
                    throw ZipError(what + ": symlink '" + name + "' leads out of the archive (to '" + text +
                                   "')");
                }
                e.link_target = resolved;
            }
            if (type != 0 && type != S_IFREG && type != S_IFDIR && type != S_IFLNK) {
                throw ZipError(what + ": entry '" + name + "' is a special file");
            }
            if (type == S_IFDIR) {
                e.is_directory = true;
            }
            e.executable = (mode & S_IXUSR) != 0;
        }
        while (!name.empty() && name.back() == '/') {
            name.pop_back();
        }
        e.name = name;
        if (!seen.insert(name).second) {
            throw ZipError(what + ": duplicate entry '" + name + "'");
        }
        e.size = (st.valid & ZIP_STAT_SIZE) != 0 ? st.size : 0;
        e.source_index = index;
        if (e.link_target) {
            e.size = 0;  // counted below, at the size of what it copies
        }
        total += e.size;
        if (total > limits.max_total_size.count()) {
            throw ZipError(what + ": uncompressed size exceeds the limit of " +
                           std::to_string(limits.max_total_size.in_mib()) + " MiB");
        }
        entries.push_back(std::move(e));
    }
    // Links become copies of the regular file they lead to (through at most kMaxLinkHops links).
    std::map<std::string, const PlannedEntry*> by_name;
    for (const PlannedEntry& e : entries) {
        by_name[e.name] = &e;
    }
    for (PlannedEntry& e : entries) {
        if (!e.link_target) {
            continue;
        }
        const PlannedEntry* target = nullptr;
        std::string next = *e.link_target;
        for (int hop = 0; hop < kMaxLinkHops; ++hop) {
            const auto it = by_name.find(next);
            if (it == by_name.end()) {
                throw ZipError(what + ": symlink '" + e.name + "' leads to '" + next +
                               "', which the archive lacks");
            }
            if (!it->second->link_target) {
                target = it->second;
                break;
            }
            next = *it->second->link_target;
        }
        if (target == nullptr) {
            throw ZipError(what + ": symlink '" + e.name + "' is part of a chain of more than " +
                           std::to_string(kMaxLinkHops) + " links");
        }
        if (target->is_directory) {
            throw ZipError(what + ": symlink '" + e.name +
                           "' leads to a directory, which Khue does not copy");
        }
        e.source_index = target->index;
        e.size = target->size;
        e.executable = target->executable;
        total += e.size;
        if (total > limits.max_total_size.count()) {
            throw ZipError(what + ": uncompressed size exceeds the limit of " +
                           std::to_string(limits.max_total_size.in_mib()) + " MiB");
        }
    }
    // A file that is also a parent directory of another entry cannot be extracted.
    for (const PlannedEntry& e : entries) {
        if (e.is_directory) {
            continue;
        }
        auto it = seen.lower_bound(e.name + "/");
        if (it != seen.end() && it->rfind(e.name + "/", 0) == 0) {
            throw ZipError(what + ": entry '" + e.name + "' is both a file and a directory");
        }
    }
    return entries;
}

void write_entries(zip_t* z, const std::string& what, const std::vector<PlannedEntry>& entries,
                   const fs::path& destination) {
    std::vector<char> buffer(1 << 16);
    for (const PlannedEntry& e : entries) {
        const fs::path target = destination / fs::path(e.name);
        if (e.is_directory) {
            fs::create_directories(target);
            continue;
        }
        fs::create_directories(target.parent_path());
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(z, e.source_index, 0),
                                                                &zip_fclose);
        if (!file) {
            throw ZipError(what + ": cannot open entry '" + e.name + "': " + zip_strerror(z));
        }
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw ZipError(what + ": cannot create " + target.string());
        }
        std::uint64_t written = 0;
        for (;;) {
            const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
            if (n < 0) {
                throw ZipError(what + ": entry '" + e.name +
                               "' is corrupt: " + zip_file_strerror(file.get()));
            }
            if (n == 0) {
                break;
            }
            written += static_cast<std::uint64_t>(n);
            // The central directory's size was checked against the limits; data beyond it is a lie.
            if (written > e.size) {
                throw ZipError(what + ": entry '" + e.name + "' is larger than it claims");
            }
            out.write(buffer.data(), n);
        }
        if (!out.flush()) {
            throw ZipError(what + ": cannot write " + target.string());
        }
        if (e.executable) {
            fs::permissions(target, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                            fs::perm_options::add);
        }
    }
}

void prepare_destination(const fs::path& destination, const std::string& what) {
    std::error_code ec;
    if (fs::exists(destination, ec)) {
        if (!fs::is_directory(destination) || !fs::is_empty(destination)) {
            throw ZipError(what + ": destination " + destination.string() + " is not an empty directory");
        }
    } else {
        fs::create_directories(destination);
    }
}

void extract(zip_t* z, const std::string& what, const fs::path& destination, const ZipLimits& limits) {
    const std::vector<PlannedEntry> entries = plan(z, what, limits);
    prepare_destination(destination, what);
    try {
        write_entries(z, what, entries, destination);
    } catch (...) {
        // Leave no half-extracted package behind for someone to load by mistake.
        std::error_code ec;
        for (const auto& child : fs::directory_iterator(destination, ec)) {
            fs::remove_all(child.path(), ec);
        }
        throw;
    }
}

}  // namespace

void extract_zip(const fs::path& zip, const fs::path& destination, const ZipLimits& limits) {
    int error = 0;
    ZipHandle z(zip_open(zip.c_str(), ZIP_RDONLY, &error));
    if (!z) {
        throw ZipError(zip.string() + ": not a readable zip archive: " + zip_error_text(error));
    }
    extract(z.get(), zip.string(), destination, limits);
}

void extract_zip_bytes(std::string_view archive, const fs::path& destination, const ZipLimits& limits) {
    if (archive.empty()) {
        throw ZipError("zip archive: empty");
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    if (source == nullptr) {
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw ZipError("zip archive: " + text);
    }
    ZipHandle z(zip_open_from_source(source, ZIP_RDONLY, &error));
    if (!z) {
        zip_source_free(source);
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw ZipError("zip archive: not readable: " + text);
    }
    zip_error_fini(&error);
    extract(z.get(), "zip archive", destination, limits);
}

void write_zip(const fs::path& zip, const std::vector<ZipEntry>& entries) {
    int error = 0;
    zip_t* raw = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (raw == nullptr) {
        throw ZipError(zip.string() + ": cannot create: " + zip_error_text(error));
    }
    ZipHandle z(raw);
    for (const ZipEntry& e : entries) {
        if (e.is_directory) {
            if (zip_dir_add(z.get(), e.name.c_str(), ZIP_FL_ENC_UTF_8) < 0) {
                throw ZipError(zip.string() + ": cannot add directory '" + e.name +
                               "': " + zip_strerror(z.get()));
            }
            continue;
        }
        zip_source_t* source = zip_source_buffer(z.get(), e.data.data(), e.data.size(), 0);
        if (source == nullptr || zip_file_add(z.get(), e.name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(source);
            throw ZipError(zip.string() + ": cannot add '" + e.name + "': " + zip_strerror(z.get()));
        }
        if (e.unix_mode != 0) {
            const zip_int64_t index = zip_name_locate(z.get(), e.name.c_str(), 0);
            if (index >= 0) {
                zip_file_set_external_attributes(z.get(), static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                                 e.unix_mode << 16);
            }
        }
    }
    // zip_close writes the archive; on success it also frees the handle.
    if (zip_close(z.get()) != 0) {
        throw ZipError(zip.string() + ": cannot write: " + zip_strerror(z.get()));
    }
    static_cast<void>(z.release());
}

void zip_directory(const fs::path& directory, const fs::path& zip) {
    if (!fs::is_directory(directory)) {
        throw ZipError(directory.string() + " is not a directory");
    }
    std::vector<fs::path> paths;
    for (auto it = fs::recursive_directory_iterator(directory); it != fs::recursive_directory_iterator();
         ++it) {
        if (it->is_symlink()) {
            throw ZipError("refusing to archive symlink " + it->path().string());
        }
        paths.push_back(it->path());
    }
    std::sort(paths.begin(), paths.end(), [&](const fs::path& a, const fs::path& b) {
        return fs::relative(a, directory).generic_string() < fs::relative(b, directory).generic_string();
    });
    int error = 0;
    zip_t* raw = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (raw == nullptr) {
        throw ZipError(zip.string() + ": cannot create: " + zip_error_text(error));
    }
    ZipHandle z(raw);
    for (const fs::path& p : paths) {
        const std::string name = fs::relative(p, directory).generic_string();
        const fs::file_status st = fs::symlink_status(p);
        zip_int64_t index = 0;
        if (fs::is_directory(st)) {
            index = zip_dir_add(z.get(), name.c_str(), ZIP_FL_ENC_UTF_8);
        } else if (fs::is_regular_file(st)) {
            zip_source_t* source = zip_source_file(z.get(), p.c_str(), 0, -1);
            index = source == nullptr ? -1 : zip_file_add(z.get(), name.c_str(), source, ZIP_FL_ENC_UTF_8);
            if (index < 0) {
                zip_source_free(source);
            }
        } else {
            throw ZipError("refusing to archive special file " + p.string());
        }
        if (index < 0) {
            throw ZipError(zip.string() + ": cannot add '" + name + "': " + zip_strerror(z.get()));
        }
        const auto perms = static_cast<zip_uint32_t>(st.permissions()) & 0777U;
        const zip_uint32_t type = fs::is_directory(st) ? S_IFDIR : S_IFREG;
        zip_file_set_external_attributes(z.get(), static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                         (type | perms) << 16);
    }
    if (zip_close(z.get()) != 0) {
        throw ZipError(zip.string() + ": cannot write: " + zip_strerror(z.get()));
    }
    static_cast<void>(z.release());
}

}  // namespace khue::judge
