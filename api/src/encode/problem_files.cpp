// What the Contest API shows of a problem package: its statement file and its sample cases.
#include "khue/api/contest_api.hpp"
#include "khue/store/package_cache.hpp"
#include "khue/store/store.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>

namespace khue::api {

namespace fs = std::filesystem;

std::filesystem::path problem_package_dir(store::ContestObjects& store, const store::Problem& problem) {
    // One cache for the process, in the workers' default folder: `khue serve` runs its workers with it too.
    static store::PackageCache cache(fs::path{});
    return cache.get(store, problem.package_hash);
}

std::optional<boost::json::object> statement_ref(store::ContestObjects& store,
                                                 const store::Problem& problem) {
    try {
        auto statement = find_statement(problem_package_dir(store, problem));
        if (!statement) {
            return std::nullopt;
        }
        return boost::json::object{
            {"href", "contests/" + problem.contest_id + "/problems/" + problem.id + "/statement"},
            {"mime", statement->mime},
            {"filename", statement->filename}};
    } catch (const std::exception& e) {
        spdlog::warn("problem {}: no statement: {}", problem.id, e.what());
        return std::nullopt;
    }
}

std::optional<StatementFile> find_statement(const fs::path& package_dir) {
    struct Kind {
        const char* extension;
        const char* mime;
    };
    static constexpr std::array<Kind, 3> kinds{{{".md", "text/markdown; charset=utf-8"},
                                                {".pdf", "application/pdf"},
                                                {".tex", "text/x-tex; charset=utf-8"}}};
    // "problem" alone is a statement without a language tag (older packages).
    std::vector<std::string> languages{"en", "vi", ""};
    std::set<std::string> others;
    for (const char* folder : {"statement", "problem_statement"}) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(package_dir / folder, ec)) {
            std::string name = entry.path().filename().string();
            // problem.<lang>.<ext>: the language is the middle part.
            if (name.starts_with("problem.") && std::count(name.begin(), name.end(), '.') == 2) {
                others.insert(name.substr(8, name.rfind('.') - 8));
            }
        }
    }
    languages.insert(languages.end() - 1, others.begin(), others.end());
    for (const auto& lang : languages) {
        for (const char* folder : {"statement", "problem_statement"}) {
            for (const auto& kind : kinds) {
                std::string filename = "problem" + (lang.empty() ? "" : "." + lang) + kind.extension;
                fs::path path = package_dir / folder / filename;
                std::error_code ec;
                if (fs::is_regular_file(path, ec)) {
                    return StatementFile{path, kind.mime, filename};
                }
            }
        }
    }
    return std::nullopt;
}

namespace {

std::string read_bounded(const fs::path& path, judge::Bytes limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read sample file " + path.string());
    }
    std::string text(limit.count(), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.peek() != std::char_traits<char>::eof()) {
        text += "...\n";
    }
    return text;
}

}  // namespace

std::vector<SampleCase> read_samples(const fs::path& package_dir, judge::Bytes limit_each) {
    fs::path dir = package_dir / "data" / "sample";
    std::map<std::string, std::map<std::string, fs::path>> cases;  // stem -> extension -> file
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".in" || ext == ".ans" || ext == ".interaction")) {
            cases[entry.path().stem().string()][ext] = entry.path();
        }
    }
    std::vector<SampleCase> out;
    for (const auto& [stem, files] : cases) {
        if (!files.contains(".in") && !files.contains(".interaction")) {
            continue;  // an answer alone is no test case
        }
        SampleCase c;
        c.name = "sample/" + stem;
        if (auto it = files.find(".in"); it != files.end()) {
            c.input = read_bounded(it->second, limit_each);
        }
        if (auto it = files.find(".ans"); it != files.end()) {
            c.output = read_bounded(it->second, limit_each);
        }
        if (auto it = files.find(".interaction"); it != files.end()) {
            c.interaction = read_bounded(it->second, limit_each);
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace khue::api
