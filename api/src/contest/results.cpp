// Loading a package's results (results.hpp). The files are Contest API JSON, as the REST endpoints serve
// them.
#include "contest/results.hpp"

#include "khue/judge/types.hpp"
#include "khue/judge/zip.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

namespace khue::api {

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::optional<json::array> read_array(const fs::path& root, const std::string& name) {
    fs::path file = root / name;
    if (!fs::is_regular_file(file)) {
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) {
        throw ContestPackageError(name, "", "is not valid JSON: " + ec.message());
    }
    if (!v.is_array()) {
        throw ContestPackageError(name, "", "must be a list of objects");
    }
    return std::move(v.as_array());
}

struct Entry {
    const std::string& file;
    std::string where;
    const json::object& o;

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        throw ContestPackageError(file, where + (field.empty() ? "" : "." + field), message);
    }
    std::string text(const char* field, bool required = true) const {
        const json::value* v = o.if_contains(field);
        if (v == nullptr || v->is_null()) {
            if (required) {
                fail(field, "missing");
            }
            return {};
        }
        if (!v->is_string()) {
            fail(field, "must be a string");
        }
        return std::string(v->as_string());
    }
    std::optional<double> number(const char* field) const {
        const json::value* v = o.if_contains(field);
        if (v == nullptr || v->is_null()) {
            return std::nullopt;
        }
        if (!v->is_number()) {
            fail(field, "must be a number");
        }
        return v->to_number<double>();
    }
    TimePoint time(const char* field) const {
        std::string t = text(field);
        auto parsed = parse_time(t);
        if (!parsed) {
            fail(field, "'" + t + "' is not a time like 2025-10-04T08:30:00+07:00");
        }
        return *parsed;
    }
};

std::vector<Entry> entries(const std::string& file, const json::array& list, const char* what) {
    std::vector<Entry> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string where = std::string(what) + "[" + std::to_string(i) + "]";
        if (!list[i].is_object()) {
            throw ContestPackageError(file, where, "must be an object");
        }
        out.push_back(Entry{file, where, list[i].as_object()});
    }
    return out;
}

// The sources of a submission: the zip its file reference names (relative to the package), unpacked.
std::vector<std::pair<std::string, std::string>> read_sources(const fs::path& root, const Entry& e,
                                                              const std::string& id) {
    std::string href = "submissions/" + id + "/files.zip";
    if (const json::value* files = e.o.if_contains("files"); files != nullptr && files->is_array()) {
        for (const auto& f : files->as_array()) {
            if (f.is_object() && f.as_object().contains("href") && f.as_object().at("href").is_string()) {
                std::string given(f.as_object().at("href").as_string());
                if (given.find("://") == std::string::npos && !given.starts_with("/") &&
                    given.find("..") == std::string::npos && fs::is_regular_file(root / given)) {
                    href = given;
                }
            }
        }
    }
    fs::path zip = root / href;
    if (!fs::is_regular_file(zip)) {
        e.fail("files", "no file " + href + " in the package");
    }
    fs::path scratch = fs::temp_directory_path() / ("khue-sources-" + std::to_string(std::random_device{}()) +
                                                    "-" + std::to_string(std::random_device{}()));
    std::vector<std::pair<std::string, std::string>> out;
    try {
        judge::extract_zip(zip, scratch);
        for (const auto& item : fs::recursive_directory_iterator(scratch)) {
            if (item.is_regular_file()) {
                std::ifstream in(item.path(), std::ios::binary);
                out.emplace_back(
                    fs::relative(item.path(), scratch).generic_string(),
                    std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
            }
        }
    } catch (const std::exception& ex) {
        std::error_code ec;
        fs::remove_all(scratch, ec);
        e.fail("files", href + ": " + ex.what());
    }
    std::error_code ec;
    fs::remove_all(scratch, ec);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

void load_contest_results(const fs::path& root, ContestPackage& pkg) {
    auto submissions = read_array(root, "submissions.json");
    if (!submissions) {
        return;
    }
    const std::string sfile = "submissions.json";
    std::set<std::string> teams, problems, seen;
    for (const auto& t : pkg.teams) {
        teams.insert(t.id);
    }
    for (const auto& p : pkg.problems) {
        problems.insert(p.id);
    }
    for (const auto& e : entries(sfile, *submissions, "submissions")) {
        SubmissionEntry s;
        s.id = e.text("id");
        if (!is_valid_id(s.id) || !seen.insert(s.id).second) {
            e.fail("id", "'" + s.id + "' is not a valid id, or is not unique");
        }
        s.team_id = e.text("team_id");
        if (!teams.contains(s.team_id)) {
            e.fail("team_id", "unknown team '" + s.team_id + "' (not in teams)");
        }
        s.problem_id = e.text("problem_id");
        if (!problems.contains(s.problem_id)) {
            e.fail("problem_id", "unknown problem '" + s.problem_id + "' (not in problems)");
        }
        s.language_id = e.text("language_id");
        if (std::string ep = e.text("entry_point", false); !ep.empty()) {
            s.entry_point = ep;
        }
        s.time = e.time("time");
        s.files = read_sources(root, e, s.id);
        pkg.submissions.push_back(std::move(s));
    }

    std::map<std::string, std::vector<RunEntry>> runs_of;
    if (auto runs = read_array(root, "runs.json")) {
        const std::string rfile = "runs.json";
        for (const auto& e : entries(rfile, *runs, "runs")) {
            RunEntry r;
            std::string jid = e.text("judgement_id");
            r.ordinal = static_cast<int>(e.number("ordinal").value_or(0));
            r.judgement_type_id = e.text("judgement_type_id");
            if (!judge::verdict_from_string(r.judgement_type_id)) {
                e.fail("judgement_type_id", "unknown judgement type '" + r.judgement_type_id + "'");
            }
            r.run_time = e.number("run_time").value_or(0);
            r.test_name = e.text("test_name", false);
            runs_of[jid].push_back(std::move(r));
        }
    }
    if (auto judgements = read_array(root, "judgements.json")) {
        const std::string jfile = "judgements.json";
        std::set<std::string> judged;
        for (const auto& e : entries(jfile, *judgements, "judgements")) {
            const json::value* current = e.o.if_contains("current");
            std::string type = e.text("judgement_type_id", false);
            if ((current != nullptr && current->is_bool() && !current->as_bool()) || type.empty()) {
                continue;  // an older or unfinished judgement: only the current result is imported
            }
            JudgementEntry j;
            j.id = e.text("id");
            j.submission_id = e.text("submission_id");
            if (!seen.contains(j.submission_id)) {
                e.fail("submission_id", "unknown submission '" + j.submission_id + "' (not in submissions)");
            }
            if (!judged.insert(j.submission_id).second) {
                e.fail("submission_id", "a second current judgement of submission '" + j.submission_id + "'");
            }
            if (!judge::verdict_from_string(type)) {
                e.fail("judgement_type_id", "unknown judgement type '" + type + "'");
            }
            j.judgement_type_id = type;
            j.score = e.number("score");
            j.start_time = e.time("start_time");
            j.end_time =
                e.o.contains("end_time") && !e.o.at("end_time").is_null() ? e.time("end_time") : j.start_time;
            j.runs = std::move(runs_of[j.id]);
            std::sort(j.runs.begin(), j.runs.end(),
                      [](const RunEntry& a, const RunEntry& b) { return a.ordinal < b.ordinal; });
            pkg.judgements.push_back(std::move(j));
        }
    }
}

}  // namespace khue::api
