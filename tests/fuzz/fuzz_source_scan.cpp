// libFuzzer target: what the judge reads from submission content outside the box — the Java scanner
// (java_scan.hpp), submitted file names (source_names.hpp) and language detection from file names
// (LanguageSet::guess). Each must return for any bytes, in linear time, and what it finds must be made of
// identifier characters taken from the input.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "khue/judge/java_scan.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/source_names.hpp"

namespace {

bool identifier_like(std::string_view s, bool dots) {
    if (s.empty()) {
        return false;
    }
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '$' || c >= 0x80 || (dots && c == '.');
        if (!ok) {
            return false;
        }
    }
    return true;
}

const khue::judge::LanguageSet& languages() {
    static const khue::judge::LanguageSet set = khue::judge::parse_languages(R"(languages:
  - id: c
    extensions: [c]
    compile: [/usr/bin/gcc, -o, "{binary}", "{sources}"]
    run: ["{dir}/{binary}"]
    hello: {file: a.c, source: x, output: y}
  - id: cpp
    extensions: [cpp, cc, C]
    run: ["{dir}/{binary}"]
    hello: {file: a.cpp, source: x, output: y}
  - id: java
    extensions: [java]
    run: [/usr/bin/java, -cp, "{dir}", "{main_class}"]
    hello: {file: A.java, source: x, output: y}
)",
                                                                             "fuzz.yaml");
    return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto scan = khue::judge::scan_java_source(text);
    if (!scan.package.empty() && !identifier_like(scan.package, true)) {
        std::abort();
    }
    if (scan.public_type && !identifier_like(*scan.public_type, false)) {
        std::abort();
    }
    if (scan.main_class && !identifier_like(*scan.main_class, false)) {
        std::abort();
    }
    // The input's lines as submitted file names: names are checked, then guessed from.
    std::vector<std::filesystem::path> names;
    std::size_t start = 0;
    while (start < text.size() && names.size() < 64) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const auto name = text.substr(start, end - start);
        const auto problem = khue::judge::source_file_name_problem(name);
        if (!problem && (name.empty() || name.front() == '-' || name.front() == '/')) {
            std::abort();  // an accepted name may never look like an option or be absolute
        }
        if (!problem) {
            names.emplace_back(std::string(name));
        }
        start = end + 1;
    }
    (void)languages().guess(names);
    return 0;
}
