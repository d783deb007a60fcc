// The console's Themis upload (POST /api/contests/{contest}/problems/themis, admin): a zip of a Themis task
// folder, or of a folder of task folders, with the limits and per-test points Themis keeps outside the
// folder. The server converts it as `khue import themis` does (judge/src/import) and adds each package as the
// package upload does (problems.cpp): same ids, labels and background verification. Every package is
// converted and loaded before the first is stored, so a bad folder writes nothing.
#include "handlers/handlers.hpp"
#include "handlers/multipart.hpp"
#include "server/package_verifier.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/judge/import.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/zip.hpp"
#include "util/scratch_dir.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <map>
#include <random>

namespace khue::api {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::string trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

// A whole-text number, or nullopt.
std::optional<double> parse_number(const std::string& text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<fs::path> subfolders(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.is_directory() && !e.is_symlink()) {
            out.push_back(e.path());
        }
    }
    return out;
}

// Below the unpacked zip: a lone wrapper folder ("contest/BAI1/Test01/...") is stepped into, so that what
// the importer sees is a task folder or a folder of task folders. A lone task folder ("DEMSO/Test01/...")
// is not stepped into: its parent is then a folder of one task.
fs::path themis_root(fs::path root) {
    for (int depth = 0; depth < 8; ++depth) {
        std::size_t entries = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(root)) {
            ++entries;
        }
        const auto subs = subfolders(root);
        if (entries != 1 || subs.size() != 1) {
            return root;
        }
        // The lone folder holds folders of folders only (tasks, not tests): a wrapper.
        bool wrapper = false;
        for (const auto& task : subfolders(subs.front())) {
            wrapper = true;
            for (const auto& e : fs::directory_iterator(task)) {
                if (!e.is_directory()) {
                    wrapper = false;
                }
            }
            if (!wrapper) {
                break;
            }
        }
        if (!wrapper) {
            return root;
        }
        root = subs.front();
    }
    return root;
}

// The form's fields as import options, or the reason they are not usable.
std::optional<judge::ThemisImportOptions> options_of(const std::map<std::string, std::string>& fields,
                                                     std::string& error) {
    judge::ThemisImportOptions o;
    const auto field = [&](const char* name) {
        const auto it = fields.find(name);
        return it == fields.end() ? std::string() : trimmed(it->second);
    };
    const std::string tl = field("time_limit");
    const auto seconds = parse_number(tl);
    if (!seconds || !(*seconds > 0) || *seconds > 3600) {
        error = "time_limit: expected seconds between 0 and 3600, got '" + tl + "'";
        return std::nullopt;
    }
    o.time_limit = judge::Seconds{*seconds};
    const std::string memory = field("memory");
    const auto mib = parse_number(memory);
    if (!mib || *mib < 1 || *mib > 65536 || *mib != static_cast<double>(static_cast<int>(*mib))) {
        error = "memory: expected a whole number of MiB between 1 and 65536, got '" + memory + "'";
        return std::nullopt;
    }
    o.memory_mib = static_cast<int>(*mib);
    const std::string points = field("points");
    std::size_t at = 0;
    while (!points.empty() && at <= points.size()) {
        const auto comma = std::min(points.find(',', at), points.size());
        const std::string item = trimmed(std::string_view(points).substr(at, comma - at));
        const auto p = parse_number(item);
        if (!p || *p < 0 || *p > 1e9) {
            error = "points: '" + item +
                    "' is not a number of points (0 or more); give one value for every " +
                    "test, separated by commas, or one value for all";
            return std::nullopt;
        }
        o.points.push_back(*p);
        at = comma + 1;
    }
    o.points_origin = "the console's points field";
    return o;
}

}  // namespace

Response post_themis_problems(Call& call) {
    App& app = call.app;
    const Request& request = call.request;
    if (!request.content_type.starts_with("multipart/form-data")) {
        return error_response(400, "send the Themis folder's zip and the limits as multipart/form-data");
    }
    std::string error;
    auto parts = parse_multipart(request.content_type, request.body, error);
    if (!parts) {
        return error_response(400, error);
    }
    std::string zip;
    std::string filename;
    std::map<std::string, std::string> fields;
    for (auto& p : *parts) {
        if (p.filename) {
            filename = *p.filename;
            zip = std::move(p.data);
        } else {
            fields[p.name] = p.data;
        }
    }
    if (zip.empty()) {
        return error_response(400, "no zip of a Themis task folder in the request");
    }
    const auto options = options_of(fields, error);
    if (!options) {
        return error_response(400, error);
    }

    ScratchDir scratch("khue-themis");
    // The zip's name stands for the folder it was made from: a zip of the tests alone is task DEMSO when
    // named DEMSO.zip.
    std::string stem = fs::path(filename).stem().string();
    if (stem.empty() || !std::all_of(stem.begin(), stem.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '_' || c == '-';
        })) {
        stem = "upload";
    }
    const fs::path unpacked = scratch.path / "zip" / stem;
    judge::ImportReport report;
    try {
        judge::extract_zip_bytes(zip, unpacked);
        report = judge::import_themis(themis_root(unpacked), scratch.path / "packages", *options);
    } catch (const std::exception& e) {
        return error_response(400, std::string("the Themis folder is not usable: ") + e.what());
    }

    // Every package must load before the first is stored.
    store::Store& db = call.service.db();
    const std::string& cid = call.service.contest_id();
    std::vector<ProblemEntry> entries;
    auto problems = db.list_problems(cid);
    int next_ordinal = static_cast<int>(problems.size());
    for (const fs::path& package : report.packages) {
        ProblemEntry entry;
        entry.id = package.filename().string();
        if (!is_valid_id(entry.id)) {
            return error_response(400, "the Themis folder is not usable: task '" + entry.id +
                                           "' does not make a valid problem id");
        }
        try {
            judge::load_problem(package);
        } catch (const std::exception& e) {
            return error_response(400, "the Themis folder is not usable: task " + entry.id + ": " + e.what());
        }
        entry.ordinal = -1;
        for (const auto& p : problems) {
            if (p.id == entry.id) {  // replacing a package keeps its place, label and colour
                entry.ordinal = p.ordinal;
                entry.label = p.label;
                entry.rgb = p.rgb;
                entry.color = p.color;
            }
        }
        if (entry.ordinal < 0) {
            entry.ordinal = next_ordinal++;
            entry.label = std::string(1, static_cast<char>('A' + entry.ordinal % 26));
        }
        entry.package = fs::temp_directory_path() /
                        ("khue-package-" + std::to_string(std::random_device{}()) + "-" + entry.id + ".zip");
        judge::zip_directory(package, entry.package);
        entries.push_back(std::move(entry));
    }

    json::array added;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ProblemEntry& entry = entries[i];
        try {
            const auto p = import_problem(db, cid, entry);
            added.push_back(problem_json(p));
            if (app.verifier) {
                app.verifier->enqueue(p.id, entry.package);  // the verifier removes the zip
                continue;
            }
        } catch (const std::exception& e) {
            for (std::size_t j = i; j < entries.size(); ++j) {
                std::error_code ec;
                fs::remove(entries[j].package, ec);
            }
            return error_response(500, "storing problem " + entry.id + " failed: " + e.what());
        }
        std::error_code ec;
        fs::remove(entry.package, ec);
    }
    json::array notes;
    for (const auto& n : report.notes) {
        notes.push_back(json::value(n));
    }
    json::object body{{"problems", std::move(added)}, {"notes", std::move(notes)}};
    return json_response(201, json::value(std::move(body)));
}

}  // namespace khue::api
