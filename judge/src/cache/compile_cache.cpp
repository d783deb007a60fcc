#include "khue/judge/compile_cache.hpp"

#include "khue/judge/hash.hpp"
#include "khue/judge/remove_tree.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

constexpr const char* kKind = "compiled";
constexpr const char* kMeta = "result.txt";
constexpr const char* kBuild = "build";
constexpr const char* kMagic = "khue-compiled 1";
constexpr Bytes kMaxMeta = kib(80);  // compiler output is at most 64 KiB

// Copies the regular files and folders of `from` into `to` (created), skipping symlinks, FIFOs and devices:
// the compiler wrote there as the box's user, and nothing it made may point the judge anywhere else.
// Returns the bytes copied; throws std::filesystem::filesystem_error on failure.
std::uint64_t copy_plain_tree(const fs::path& from, const fs::path& to) {
    std::uint64_t bytes = 0;
    fs::create_directories(to);
    fs::permissions(to, fs::perms::all);
    std::vector<std::pair<fs::path, fs::path>> folders_to_copy{{from, to}};
    while (!folders_to_copy.empty()) {
        auto [src, dst] = folders_to_copy.back();
        folders_to_copy.pop_back();
        for (const auto& entry : fs::directory_iterator(src)) {
            const auto st = entry.symlink_status();
            const auto target = dst / entry.path().filename();
            if (fs::is_directory(st)) {
                fs::create_directory(target);
                fs::permissions(target, fs::perms::all);
                folders_to_copy.emplace_back(entry.path(), target);
            } else if (fs::is_regular_file(st)) {
                fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
                // Readable (and, when it was, executable) by the box's user that runs it.
                auto perms = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                             fs::perms::others_read;
                if ((st.permissions() & fs::perms::owner_exec) != fs::perms::none) {
                    perms |= fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
                }
                fs::permissions(target, perms);
                bytes += fs::file_size(target);
            }
        }
    }
    return bytes;
}

struct Meta {
    bool ok = false;
    double time = 0;
    double cpu = 0;
    std::uint64_t bytes = 0;
    std::string source;
    std::string main_class;
    std::string output;
};

std::optional<Meta> read_meta(const fs::path& file) {
    auto text = read_regular_file_bounded(file, kMaxMeta);
    if (!text) {
        return std::nullopt;
    }
    std::istringstream in(*text);
    std::string line;
    if (!std::getline(in, line) || line != kMagic) {
        return std::nullopt;
    }
    Meta meta;
    while (std::getline(in, line)) {
        const auto space = line.find(' ');
        const auto name = line.substr(0, space);
        const auto value = space == std::string::npos ? std::string() : line.substr(space + 1);
        if (name == "ok") {
            meta.ok = value == "1";
        } else if (name == "time") {
            meta.time = std::strtod(value.c_str(), nullptr);
        } else if (name == "cpu") {
            meta.cpu = std::strtod(value.c_str(), nullptr);
        } else if (name == "bytes") {
            meta.bytes = std::strtoull(value.c_str(), nullptr, 10);
        } else if (name == "source") {
            meta.source = value;
        } else if (name == "main_class") {
            meta.main_class = value;
        } else if (name == "output") {
            const auto at = static_cast<std::size_t>(in.tellg());
            meta.output = at < text->size() ? text->substr(at) : std::string();
            return meta;
        }
    }
    return std::nullopt;  // no output line: not a complete entry
}

// Identity of the program that runs first in `argv` (the compiler, or the shell that runs it): an upgraded
// compiler must not serve binaries of the old one.
std::string program_identity(const std::vector<std::string>& argv) {
    if (argv.empty()) {
        return "-";
    }
    std::error_code ec;
    const auto program = fs::canonical(argv.front(), ec);
    if (ec) {
        return argv.front();
    }
    std::string id = program.string();
    const auto size = fs::file_size(program, ec);
    id += " " + std::to_string(ec ? 0 : size);
    const auto time = fs::last_write_time(program, ec);
    id += " " + std::to_string(ec ? 0 : time.time_since_epoch().count());
    return id;
}

struct Entry {
    fs::path dir;
    fs::file_time_type used;
    std::uint64_t bytes = 0;
};

std::vector<Entry> list_entries(const fs::path& root, std::uint64_t& total) {
    std::vector<Entry> entries;
    total = 0;
    std::error_code ec;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name.starts_with(".")) {
            continue;
        }
        Entry e{it->path(), {}, 0};
        std::error_code entry_ec;
        e.used = fs::last_write_time(it->path() / kMeta, entry_ec);
        if (auto meta = read_meta(it->path() / kMeta)) {
            e.bytes = meta->bytes;
        }
        total += e.bytes;
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace

Bytes default_compile_cache_limit() {
    if (const char* env = std::getenv("KHUE_COMPILE_CACHE_MIB"); env != nullptr && *env != '\0') {
        return mib(std::strtoull(env, nullptr, 10));
    }
    return mib(1024);
}

CompileCache::CompileCache(const BuildCache& cache, Bytes limit) : cache_(cache), limit_(limit) {}

std::string CompileCache::key(const BuildRequest& request, bool use_pch) const {
    const Language& language = *request.language;
    std::string identity = "compiled 1\n" + language.id + "\n";
    for (const auto& arg : language.compile) {
        identity += "arg " + arg + "\n";
    }
    for (const auto& [name, value] : language.compile_env) {
        identity += "env " + name + "=" + value + "\n";
    }
    identity += "compiler " + program_identity(language.compile) + "\n";
    identity += "main_class " + std::to_string(language.needs_main_class ? 1 : 0) + "\n";
    if (language.pch && use_pch) {
        identity += "pch " + language.pch->header + "\n";
        for (const auto& arg : language.pch->argv) {
            identity += "pch_arg " + arg + "\n";
        }
        for (const auto& arg : language.pch->use_flags) {
            identity += "pch_use " + arg + "\n";
        }
    }
    identity += "limits " + std::to_string(request.limits.time.count()) + " " +
                std::to_string(request.limits.memory.count()) + " " +
                std::to_string(request.limits.output.count()) + "\n";
    identity += "entry " + request.entry_point.value_or("-") + "\n";
    for (const auto& file : request.files) {
        identity += "file " + file.filename().string() + " " + sha256_file(file) + "\n";
    }
    return sha256_hex(identity);
}

std::optional<BuildResult> CompileCache::lookup(const std::string& key, const BuildRequest& request) const {
    if (limit_.count() == 0) {
        return std::nullopt;
    }
    const auto found = cache_.find(kKind, key);
    if (!found) {
        return std::nullopt;
    }
    const auto meta = read_meta(*found / kMeta);
    if (!meta) {
        return std::nullopt;
    }
    BuildResult result;
    try {
        if (meta->ok) {
            copy_plain_tree(*found / kBuild, request.build_dir);
        }
        // Recently used: the eviction order is by this time.
        fs::last_write_time(*found / kMeta, fs::file_time_type::clock::now());
    } catch (const fs::filesystem_error&) {
        // Evicted while we copied: compile instead, from an empty folder.
        empty_directory(request.build_dir);
        fs::permissions(request.build_dir, fs::perms::all);
        return std::nullopt;
    }
    result.ok = meta->ok;
    result.output = meta->output;
    result.time = Seconds{meta->time};
    result.cpu_time = Seconds{meta->cpu};
    result.cacheable = true;
    result.cached = true;
    result.executable.language = request.language;
    result.executable.dir = request.build_dir;
    result.executable.source = meta->source;
    result.executable.main_class = meta->main_class;
    return result;
}

void CompileCache::store(const std::string& key, const BuildResult& result) const {
    if (limit_.count() == 0 || !result.cacheable || result.cached ||
        result.executable.source.find('\n') != std::string::npos ||
        result.executable.main_class.find('\n') != std::string::npos) {
        return;
    }
    const auto staging = cache_.staging(kKind);
    std::uint64_t bytes = 0;
    try {
        if (result.ok) {
            bytes = copy_plain_tree(result.executable.dir, staging / kBuild);
        }
        bytes += result.output.size();
        if (bytes > limit_.count() / 4) {
            remove_tree(staging);  // one entry never takes more than a quarter of the cache
            return;
        }
        {
            std::ofstream meta(staging / kMeta, std::ios::binary);
            char times[96];
            std::snprintf(times, sizeof times, "time %.6f\ncpu %.6f\n", result.time.count(),
                          result.cpu_time.count());
            meta << kMagic << "\nok " << (result.ok ? 1 : 0) << "\n"
                 << times << "bytes " << bytes << "\nsource " << result.executable.source << "\nmain_class "
                 << result.executable.main_class << "\noutput\n"
                 << result.output;
            meta.flush();
            if (!meta) {
                throw fs::filesystem_error("cannot write the compile cache entry", staging / kMeta,
                                           std::make_error_code(std::errc::io_error));
            }
        }
        cache_.publish(staging, kKind, key);
    } catch (const fs::filesystem_error& e) {
        std::fprintf(stderr, "khue: compile cache: %s\n", e.what());
        std::error_code ec;
        fs::remove_all(staging, ec);
        return;
    }
    if (size().count() > limit_.count()) {
        evict_to(Bytes{limit_.count() / 10 * 9});
    }
}

Bytes CompileCache::size() const {
    std::uint64_t total = 0;
    list_entries(cache_.root() / kKind, total);
    return Bytes{total};
}

void CompileCache::evict_to(Bytes target) const {
    const auto root = cache_.root() / kKind;
    std::error_code ec;
    fs::create_directories(root, ec);
    const int lock = ::open((root / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0) {
        return;
    }
    // One evictor at a time; another one already busy does the work for us.
    if (::flock(lock, LOCK_EX | LOCK_NB) != 0) {
        ::close(lock);
        return;
    }
    std::uint64_t total = 0;
    auto entries = list_entries(root, total);
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const auto& e : entries) {
        if (total <= target.count()) {
            break;
        }
        // Renamed away first: from now on no reader finds it; one copying it fails and compiles instead.
        std::string doomed = (root / ".evict-XXXXXX").string();
        if (::mkdtemp(doomed.data()) == nullptr) {
            break;
        }
        fs::rename(e.dir, fs::path(doomed) / "entry", ec);
        try {
            remove_tree(doomed);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "khue: compile cache: %s\n", error.what());
        }
        if (!ec) {
            total -= std::min(total, e.bytes);
        }
    }
    ::flock(lock, LOCK_UN);
    ::close(lock);
}

BuildResult build_program_cached(const BuildRequest& request, Box& box, const BuildCache& cache,
                                 Bytes cache_limit) {
    if (request.language->compile.empty() || cache_limit.count() == 0) {
        return build_program(request, box, &cache);  // nothing to compile: a cache would only copy files
    }
    const CompileCache compiled(cache, cache_limit);
    const auto key = compiled.key(request, true);
    if (auto hit = compiled.lookup(key, request)) {
        return *hit;
    }
    auto built = build_program(request, box, &cache);
    compiled.store(key, built);
    return built;
}

}  // namespace khue::judge
