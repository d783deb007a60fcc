// libFuzzer target: safe extraction of an untrusted zip. Extraction may only succeed or throw ZipError, and
// whatever it writes stays below the destination, with no symlink and within the limits.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "khue/judge/zip.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fs::path base = [] {
        std::string pattern = (fs::temp_directory_path() / "khue-fuzz-zip-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            std::abort();
        }
        return fs::path(pattern);
    }();
    const fs::path out = base / "out";
    std::error_code ec;
    fs::remove_all(out, ec);
    khue::judge::ZipLimits limits;
    limits.max_total_size = khue::judge::mib(8);
    limits.max_entries = 256;
    try {
        khue::judge::extract_zip_bytes(std::string_view(reinterpret_cast<const char*>(data), size), out,
                                       limits);
        std::uintmax_t total = 0;
        std::size_t entries = 0;
        for (const auto& e : fs::recursive_directory_iterator(out)) {
            ++entries;
            if (e.is_symlink()) {
                std::abort();
            }
            const fs::path rel = fs::relative(e.path(), out);
            if (rel.empty() || *rel.begin() == "..") {
                std::abort();
            }
            if (e.is_regular_file()) {
                total += e.file_size();
            }
        }
        if (total > limits.max_total_size.count() || entries > limits.max_entries) {
            std::abort();
        }
    } catch (const khue::judge::ZipError&) {
        // Expected for bad input; nothing may be left behind.
        if (fs::exists(out) && !fs::is_empty(out)) {
            std::abort();
        }
    }
    fs::remove_all(out, ec);
    return 0;
}
