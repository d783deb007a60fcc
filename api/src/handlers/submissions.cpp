// Submissions: the list and one object (as the visibility policy allows), a submission's files as a zip, and
// POST contests/<id>/submissions: the Contest API's JSON (sources as a base64 zip) and a plain
// multipart/form-data form, both checked before anything reaches the store.
#include "auth/auth.hpp"
#include "handlers/handlers.hpp"
#include "handlers/multipart.hpp"

#include "khue/api/contest.hpp"
#include "khue/api/contest_api.hpp"
#include "khue/api/password.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/source_names.hpp"
#include "khue/judge/zip.hpp"

#include <filesystem>
#include <fstream>
#include <random>

namespace khue::api {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

struct Draft {
    std::string problem_id;
    std::string language_id;
    std::optional<std::string> team_id;
    std::optional<std::string> entry_point;
    std::optional<std::string> id;
    std::optional<std::string> time;
    std::vector<std::string> zips;               // archives to unpack
    std::vector<store::SourceFile> plain_files;  // form uploads of single sources
};

// Unpacks an uploaded archive with the package zip checks (no `..`, no links, bounded size and count).
std::string unzip_sources(std::string_view archive, judge::Bytes limit, std::vector<store::SourceFile>& out) {
    fs::path dir = fs::temp_directory_path() / ("khue-upload-" + std::to_string(std::random_device{}()) +
                                                "-" + std::to_string(std::random_device{}()));
    judge::ZipLimits limits;
    limits.max_total_size = limit;
    limits.max_entries = 100;
    std::string error;
    try {
        judge::extract_zip_bytes(archive, dir, limits);
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            if (e.is_regular_file()) {
                files.push_back(e.path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            out.push_back({fs::relative(f, dir).generic_string(),
                           {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}});
        }
    } catch (const std::exception& e) {
        error = e.what();
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    return error;
}

std::optional<std::string> json_string_field(const json::object& o, std::string_view key,
                                             std::string& error) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return std::nullopt;
    }
    if (!v->is_string()) {
        error = std::string(key) + " must be a string";
        return std::nullopt;
    }
    return std::string(v->as_string());
}

// Reads the request into a Draft; returns an error message for a malformed request.
std::string read_draft(const Request& request, Draft& d) {
    std::string error;
    if (request.content_type.starts_with("multipart/form-data")) {
        auto parts = parse_multipart(request.content_type, request.body, error);
        if (!parts) {
            return error;
        }
        for (auto& p : *parts) {
            if (p.filename) {
                bool zip =
                    p.content_type == "application/zip" || p.filename->ends_with(".zip") || p.name == "zip";
                if (zip) {
                    d.zips.push_back(std::move(p.data));
                } else {
                    std::string name = fs::path(*p.filename).filename().string();
                    if (name.empty() || name == "." || name == "..") {
                        return "a source file has no usable name";
                    }
                    d.plain_files.push_back({name, std::move(p.data)});
                }
            } else if (p.name == "problem_id" || p.name == "problem") {
                d.problem_id = p.data;
            } else if (p.name == "language_id" || p.name == "language") {
                d.language_id = p.data;
            } else if (p.name == "entry_point" && !p.data.empty()) {
                d.entry_point = p.data;
            } else if (p.name == "team_id" && !p.data.empty()) {
                d.team_id = p.data;
            }
        }
        return {};
    }
    if (!request.content_type.starts_with("application/json")) {
        return "send application/json (Contest API) or multipart/form-data, not '" + request.content_type +
               "'";
    }
    std::error_code ec;
    json::value body = json::parse(request.body, ec);
    if (ec || !body.is_object()) {
        return "the body is not a JSON object";
    }
    const json::object& o = body.as_object();
    d.problem_id = json_string_field(o, "problem_id", error).value_or("");
    d.language_id = json_string_field(o, "language_id", error).value_or("");
    d.team_id = json_string_field(o, "team_id", error);
    d.entry_point = json_string_field(o, "entry_point", error);
    d.id = json_string_field(o, "id", error);
    d.time = json_string_field(o, "time", error);
    if (!error.empty()) {
        return error;
    }
    const json::value* files = o.if_contains("files");
    if (files == nullptr || !files->is_array() || files->as_array().size() != 1) {
        return "files must be an array holding one object {\"data\": <base64 of a zip of the sources>}";
    }
    const json::value& file = files->as_array()[0];
    const json::value* data = file.is_object() ? file.as_object().if_contains("data") : nullptr;
    if (data == nullptr || !data->is_string()) {
        return "files[0].data must be a base64 string of a zip";
    }
    std::string zip;
    if (!base64_decode(std::string_view(data->as_string().data(), data->as_string().size()), zip)) {
        return "files[0].data is not valid base64";
    }
    d.zips.push_back(std::move(zip));
    return {};
}

json::object files_ref(const std::string& contest_id, const std::string& submission_id) {
    return submission_files_ref(contest_id, submission_id);
}

}  // namespace

Response get_submissions(Call& c) {
    ContestService& s = c.service;
    store::SubmissionFilter filter;
    filter.contest_id = s.contest_id();
    if (auto t = c.request.param("team_id")) {
        filter.team_id = *t;
    }
    auto view = s.view();
    auto contest = s.contest();
    json::array items;
    for (const auto& sub : s.db().list_submissions(filter)) {
        auto visibility = visible::submission(sub.team_id);
        visibility.public_ok = !s.team_hidden(sub.team_id);  // a hidden team's submissions are not public
        if (may_see(c.who, visibility, view)) {
            auto o = submission_json(contest, sub);
            o["files"] = json::array{files_ref(s.contest_id(), sub.id)};
            items.push_back(std::move(o));
        }
    }
    return listing(std::move(items), c, "submission");
}

// The zip of a submission's files, as the Contest API's `files` reference promises.
Response get_submission_files(Call& c) {
    const std::string& id = c.arg(0);
    auto sub = c.service.db().get_submission(c.service.contest_id(), id);
    if (!sub || !may_see(c.who, visible::submission(sub->team_id), c.service.view())) {
        return error_response(404, "no submission with id '" + id + "'");
    }
    if (!sees_private(c.who, sub->team_id)) {
        return not_allowed(c.who, "only the team that submitted and the jury may read its files");
    }
    std::vector<judge::ZipEntry> entries;
    for (const auto& f : sub->files) {
        entries.push_back({f.name, f.bytes, false});
    }
    auto path = fs::temp_directory_path() / ("khue-files-" + std::to_string(std::random_device{}()) + ".zip");
    judge::write_zip(path, entries);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::error_code ec;
    fs::remove(path, ec);
    auto r = text_response(200, "application/zip", std::move(bytes));
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"submission-" + id + ".zip\"");
    return r;
}

Response post_submission(Call& c) {
    App& app = c.app;
    ContestService& service = c.service;
    const Request& request = c.request;
    const Principal& who = c.who;
    auto reject = [&](unsigned status, std::string message) {
        app.metrics.submissions_rejected++;
        return error_response(status, message);
    };
    if (who.role == Role::Public) {
        auto r = reject(401, "log in as a team to submit");
        r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"khue\"");
        return r;
    }
    if (who.role == Role::Jury) {
        return reject(403, "this account may not submit");
    }
    Draft d;
    if (auto error = read_draft(request, d); !error.empty()) {
        return reject(400, error);
    }
    bool admin = who.role == Role::Admin;
    std::string team_id;
    if (admin) {
        if (!d.team_id) {
            return reject(400, "team_id is required when an admin submits");
        }
        team_id = *d.team_id;
    } else {
        if (d.team_id && *d.team_id != who.team_id) {
            return reject(403, "a team may only submit as itself");
        }
        if (d.id || d.time) {
            return reject(403, "only an admin may set a submission's id or time");
        }
        team_id = who.team_id;
    }
    ContestService& s = service;
    store::Store& db = s.db();
    const std::string& cid = s.contest_id();
    auto now = store::Clock::now();
    if (!admin && !s.running(now) && !s.practicing(now)) {
        return reject(403, "the contest is not running");
    }
    if (s.contest().state.finalized) {
        return reject(409, "the contest is finalized: no more submissions");
    }
    if (d.problem_id.empty()) {
        return reject(400, "problem_id is missing");
    }
    auto problem = db.get_problem(cid, d.problem_id);
    if (!problem) {
        return reject(400, "unknown problem '" + d.problem_id + "'");
    }
    if (d.language_id.empty()) {
        return reject(400, "language_id is missing");
    }
    if (judge::default_languages().find(d.language_id) == nullptr) {
        return reject(400, "unknown language '" + d.language_id + "'");
    }
    if (!db.get_team(cid, team_id)) {
        return reject(400, "unknown team '" + team_id + "'");
    }
    store::NewSubmission sub;
    sub.contest_id = cid;
    sub.team_id = team_id;
    sub.problem_id = d.problem_id;
    sub.language_id = d.language_id;
    sub.entry_point = d.entry_point;
    sub.id = d.id;
    if (d.id && !is_valid_id(*d.id)) {
        return reject(400, "id '" + *d.id + "' is not a valid id");
    }
    if (d.time) {
        auto t = parse_time(*d.time);
        if (!t) {
            return reject(400, "time '" + *d.time + "' is not a TIME");
        }
        sub.time = *t;
    }
    sub.files = std::move(d.plain_files);
    for (const auto& zip : d.zips) {
        // The archive may expand up to the code limit; anything beyond is refused while unpacking.
        if (auto error = unzip_sources(zip, problem->code_limit, sub.files); !error.empty()) {
            return reject(400, "the sources zip is not usable: " + error);
        }
    }
    if (sub.files.empty()) {
        return reject(400, "the submission holds no source file");
    }
    for (const auto& f : sub.files) {
        if (auto problem_with_name = judge::source_file_name_problem(f.name)) {
            return reject(400, *problem_with_name);
        }
    }
    std::uint64_t total = 0;
    for (const auto& f : sub.files) {
        total += f.bytes.size();
    }
    if (total > problem->code_limit.count()) {
        return reject(413, "the sources are " + std::to_string(total) + " bytes; problem '" + d.problem_id +
                               "' allows " + std::to_string(problem->code_limit.count()));
    }
    if (!admin) {
        std::chrono::milliseconds retry{0};
        if (!app.rate->take(cid + "/" + team_id, retry)) {  // team ids are per contest
            auto r = reject(429, "too many submissions; try again in " +
                                     std::to_string((retry.count() + 999) / 1000) + " s");
            r.headers.emplace_back("Retry-After", std::to_string((retry.count() + 999) / 1000));
            return r;
        }
    }
    store::Submission created = db.add_submission(sub);
    app.metrics.submissions_accepted++;
    auto o = submission_json(s.contest(), created);
    o["files"] = json::array{files_ref(cid, created.id)};
    auto r = json_response(201, o);
    r.headers.emplace_back("Location", "/api/contests/" + cid + "/submissions/" + created.id);
    return r;
}

}  // namespace khue::api
