// Problems: the list (public once the contest starts), a problem's statement and samples, the admin's
// package upload and its background verification.
#include "handlers/handlers.hpp"
#include "handlers/multipart.hpp"
#include "server/package_verifier.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <variant>

namespace khue::api {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// Sample files are shown on the team page; a bigger one is cut there rather than sent whole.
constexpr judge::Bytes kSampleLimit = judge::kib(64);

bool sees_problems(Call& c) {
    return may_see(c.who, visible::problem(), c.service.view());
}

// The package folder of problem `id`, or an error response (404 unknown or still secret, 503 unreadable).
std::variant<fs::path, Response> package_of(Call& c, const std::string& id) {
    if (!sees_problems(c)) {
        return error_response(404, "problems are not public before the contest starts");
    }
    auto p = c.service.db().get_problem(c.service.contest_id(), id);
    if (!p) {
        return error_response(404, "no problem with id '" + id + "'");
    }
    try {
        return problem_package_dir(c.service.db(), *p);
    } catch (const std::exception& e) {
        spdlog::error("problem {}: package unavailable: {}", p->id, e.what());
        return error_response(503, "the package of problem '" + id + "' is unavailable");
    }
}

}  // namespace

Response get_problems(Call& c) {
    if (!sees_problems(c)) {
        // Problems are secret until the start; an empty list says so without an error.
        return c.args.empty() ? json_response(200, json::array{})
                              : error_response(404, "problems are not public before the contest starts");
    }
    const std::string& cid = c.service.contest_id();
    json::array items;
    for (const auto& p : c.service.db().list_problems(cid)) {
        auto o = problem_json(p);
        if (auto statement = statement_ref(c.service.db(), p)) {
            o["statement"] = json::array{std::move(*statement)};
        }
        items.push_back(std::move(o));
    }
    return listing(std::move(items), c, "problem");
}

Response get_problem_statement(Call& c) {
    auto dir = package_of(c, c.arg(0));
    if (auto* error = std::get_if<Response>(&dir)) {
        return std::move(*error);
    }
    auto statement = find_statement(std::get<fs::path>(dir));
    if (!statement) {
        return error_response(404, "problem '" + c.arg(0) + "' has no statement in its package");
    }
    std::ifstream in(statement->path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto r = text_response(200, statement->mime, std::move(bytes));
    r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + statement->filename + "\"");
    return r;
}

// Khue: the sample cases of a problem, for the team page.
// A picture the statement shows (handlers/statement_files.cpp), under the same rule as the statement.
Response get_problem_statement_file(Call& c) {
    if (!sees_problems(c)) {
        return error_response(404, "problems are not public before the contest starts");
    }
    return statement_picture(c.service, c.arg(0), c.arg(1));
}

Response get_problem_samples(Call& c) {
    auto dir = package_of(c, c.arg(0));
    if (auto* error = std::get_if<Response>(&dir)) {
        return std::move(*error);
    }
    json::array out;
    for (auto& s : read_samples(std::get<fs::path>(dir), kSampleLimit)) {
        json::object o{{"name", s.name}, {"input", s.input}, {"output", s.output}};
        if (s.interaction) {
            o["interaction"] = *s.interaction;
        }
        out.push_back(std::move(o));
    }
    return json_response(200, out);
}

Response post_problem(Call& call) {
    App& app = call.app;
    ContestService& service = call.service;
    const Request& request = call.request;
    std::string zip;
    std::string id, label, filename;
    if (request.content_type.starts_with("multipart/form-data")) {
        std::string error;
        auto parts = parse_multipart(request.content_type, request.body, error);
        if (!parts) {
            return error_response(400, error);
        }
        for (auto& p : *parts) {
            if (p.filename) {
                filename = *p.filename;
                zip = std::move(p.data);
            } else if (p.name == "id") {
                id = p.data;
            } else if (p.name == "label") {
                label = p.data;
            }
        }
    } else if (request.content_type.starts_with("application/zip") ||
               request.content_type.starts_with("application/octet-stream")) {
        zip = request.body;
        id = request.param("id").value_or("");
        label = request.param("label").value_or("");
    } else {
        return error_response(400, "send the package zip as multipart/form-data or application/zip");
    }
    if (zip.empty()) {
        return error_response(400, "no package zip in the request");
    }
    if (id.empty()) {
        id = fs::path(filename).stem().string();  // "hello.zip" -> "hello", as CLICS names packages
    }
    if (!is_valid_id(id)) {
        return error_response(400, "problem id '" + id + "' is not a valid id; pass an id field");
    }
    store::Store& db = service.db();
    const std::string& cid = service.contest_id();
    auto problems = db.list_problems(cid);
    ProblemEntry entry;
    entry.id = id;
    entry.ordinal = static_cast<int>(problems.size());
    for (const auto& p : problems) {
        if (p.id == id) {
            entry.ordinal = p.ordinal;  // replacing a package keeps its place, label and colour
            entry.label = p.label;
            entry.rgb = p.rgb;
            entry.color = p.color;
        }
    }
    if (!label.empty()) {
        entry.label = label;
    }
    if (entry.label.empty()) {
        entry.label = std::string(1, static_cast<char>('A' + entry.ordinal % 26));
    }
    fs::path file =
        fs::temp_directory_path() / ("khue-package-" + std::to_string(std::random_device{}()) + ".zip");
    std::ofstream(file, std::ios::binary).write(zip.data(), static_cast<std::streamsize>(zip.size()));
    entry.package = file;
    try {
        auto p = import_problem(db, cid, entry);
        auto r = json_response(201, problem_json(p));
        r.headers.emplace_back("Location", "/api/contests/" + cid + "/problems/" + p.id);
        // The package loads; whether its example submissions behave as promised takes sandbox time, so it is
        // checked in the background and the console polls for the outcome.
        if (app.verifier) {
            app.verifier->enqueue(p.id, file);  // a full queue shows as a failed verification
            r.headers.emplace_back("X-Khue-Verification", "/api/khue/problems/" + p.id + "/verification");
        } else {
            fs::remove(file);
        }
        return r;
    } catch (const std::exception& e) {
        std::error_code ec;
        fs::remove(file, ec);
        return error_response(400, std::string("the package is not usable: ") + e.what());
    }
}

// GET /api/khue/problems/<id>/verification: the background verification of the last uploaded package.
Response get_problem_verification(Call& c) {
    auto status = c.app.verifier ? c.app.verifier->status(c.arg(0)) : std::nullopt;
    if (!status) {
        return error_response(404, "no package of problem '" + c.arg(0) + "' was uploaded to this server");
    }
    return json_response(200, *status);
}

}  // namespace khue::api
