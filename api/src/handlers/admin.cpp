// Admin changes: the contest clock (PATCH contests/<id>: start, freeze, thaw), teams, problem packages and
// rejudgings. Everything goes through the store, whose events update every server following it.
#include "app.hpp"
#include "handlers/multipart.hpp"
#include "server/package_verifier.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/api/password.hpp"
#include "khue/judge/package.hpp"

#include <filesystem>
#include <fstream>
#include <random>

namespace khue::api {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

Response forbidden(const Principal& who) {
    if (who.role == Role::Public) {
        auto r = error_response(401, "log in as an admin");
        r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"khue\"");
        return r;
    }
    return error_response(403, "only an admin may do this");
}

std::optional<json::object> json_body(const Request& request, std::string& error) {
    std::error_code ec;
    json::value v = json::parse(request.body, ec);
    if (ec || !v.is_object()) {
        error = "the body must be a JSON object";
        return std::nullopt;
    }
    return v.as_object();
}

Response add_team(App& app, const Request& request) {
    std::string error;
    auto body = json_body(request, error);
    if (!body) {
        return error_response(400, error);
    }
    auto str = [&](const char* key) -> std::string {
        const json::value* v = body->if_contains(key);
        return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string{};
    };
    store::Store& db = app.service.db();
    const std::string& cid = app.service.contest_id();
    store::Team team;
    team.contest_id = cid;
    team.id = str("id");
    team.name = str("name");
    if (!is_valid_id(team.id)) {
        return error_response(400, "id '" + team.id + "' is not a valid id");
    }
    if (team.name.empty()) {
        return error_response(400, "name is missing");
    }
    if (db.get_team(cid, team.id)) {
        return error_response(409, "team '" + team.id + "' already exists");
    }
    team.label = str("label").empty() ? team.id : str("label");
    team.display_name = str("display_name").empty() ? team.name : str("display_name");
    if (auto org = str("organization_id"); !org.empty()) {
        auto orgs = db.list_organizations(cid);
        if (std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.id == org; })) {
            return error_response(400, "unknown organization '" + org + "'");
        }
        team.organization_id = org;
    }
    if (const json::value* groups = body->if_contains("group_ids"); groups != nullptr && !groups->is_null()) {
        auto known = db.list_groups(cid);
        if (!groups->is_array()) {
            return error_response(400, "group_ids must be an array");
        }
        for (const auto& g : groups->as_array()) {
            if (!g.is_string() || std::none_of(known.begin(), known.end(),
                                               [&](const auto& k) { return k.id == g.as_string(); })) {
                return error_response(400, "unknown group " + json::serialize(g));
            }
            team.group_ids.emplace_back(g.as_string());
        }
    }
    std::string password = str("password");
    std::string username = str("username").empty() ? team.id : str("username");
    if (!password.empty() && db.get_account_by_username(username)) {
        return error_response(409, "username '" + username + "' is taken");
    }
    db.upsert_team(team);
    if (!password.empty()) {
        store::Account a;
        a.id = username;
        a.username = username;
        a.password_hash = hash_password(password);
        a.type = store::AccountType::Team;
        a.contest_id = cid;
        a.team_id = team.id;
        a.name = team.name;
        db.upsert_account(a);
    }
    auto r = json_response(201, team_json(team));
    r.headers.emplace_back("Location", "/api/contests/" + cid + "/teams/" + team.id);
    return r;
}

Response add_problem(App& app, const Request& request) {
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
    store::Store& db = app.service.db();
    const std::string& cid = app.service.contest_id();
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

Response add_rejudging(App& app, const Request& request) {
    std::string error;
    auto body = json_body(request, error);
    if (!body) {
        return error_response(400, error);
    }
    store::RejudgeSelection selection;
    selection.contest_id = app.service.contest_id();
    auto opt = [&](const char* key) -> std::optional<std::string> {
        const json::value* v = body->if_contains(key);
        if (v != nullptr && v->is_string()) {
            return std::string(v->as_string());
        }
        return std::nullopt;
    };
    selection.submission_id = opt("submission_id");
    selection.problem_id = opt("problem_id");
    selection.team_id = opt("team_id");
    selection.language_id = opt("language_id");
    if (auto v = opt("judgement_type_id")) {
        selection.current_verdict = judge::verdict_from_string(*v);
        if (!selection.current_verdict) {
            return error_response(400, "unknown judgement type '" + *v + "'");
        }
    }
    if (!selection.submission_id && !selection.problem_id && !selection.team_id && !selection.language_id &&
        !selection.current_verdict) {
        return error_response(400,
                              "say what to rejudge: submission_id, problem_id, team_id, language_id or "
                              "judgement_type_id");
    }
    std::string reason = opt("reason").value_or("rejudged by an admin");
    store::Rejudging r = app.service.db().create_rejudging(selection, reason);
    const json::value* apply = body->if_contains("apply");
    if (apply != nullptr && apply->is_bool() && apply->as_bool()) {
        app.service.db().apply_rejudging(r.id);
        r.state = store::RejudgingState::Applied;
    }
    const char* state = r.state == store::RejudgingState::Applied ? "applied" : "created";
    return json_response(
        201, json::object{{"id", r.id}, {"state", state}, {"submission_count", r.submission_count}});
}

}  // namespace

Response handle_contest_patch(App& app, const Request& request, const Principal& who) {
    if (who.role != Role::Admin) {
        return forbidden(who);
    }
    std::string error;
    auto body = json_body(request, error);
    if (!body) {
        return error_response(400, error);
    }
    store::Contest c = app.service.contest();
    auto now = store::Clock::now();
    bool started = c.start_time && now >= *c.start_time;
    for (const auto& [key, value] : *body) {
        if (key == "id") {
            if (!value.is_string() || value.as_string() != c.id) {
                return error_response(400, "id does not match the contest");
            }
        } else if (key == "start_time") {
            if (started) {
                return error_response(409, "the contest has started; its start time can no longer change");
            }
            if (value.is_null()) {
                c.start_time.reset();
                continue;
            }
            auto t = value.is_string() ? parse_time(std::string(value.as_string())) : std::nullopt;
            if (!t) {
                return error_response(400,
                                      "start_time must be a TIME like 2026-10-01T09:00:00+07:00, or null");
            }
            c.start_time = *t;
        } else if (key == "scoreboard_thaw_time") {
            auto t = value.is_string() ? parse_time(std::string(value.as_string())) : std::nullopt;
            if (!t) {
                return error_response(400, "scoreboard_thaw_time must be a TIME");
            }
            if (!c.scoreboard_freeze_duration) {
                return error_response(409, "the contest has no scoreboard freeze to thaw");
            }
            c.scoreboard_thaw_time = *t;
        } else if (key == "scoreboard_freeze_duration") {
            auto d = value.is_string() ? parse_reltime(std::string(value.as_string())) : std::nullopt;
            if (!d || d->count() < 0 || *d > c.duration) {
                return error_response(400, "scoreboard_freeze_duration must be a RELTIME within the contest");
            }
            c.scoreboard_freeze_duration = *d;
        } else {
            return error_response(400, "property '" + std::string(key) + "' cannot be changed");
        }
    }
    app.service.db().upsert_contest(c);
    app.service.tick();  // the state follows at once, not at the next second
    return json_response(200, contest_json(c));
}

Response handle_verification_get(App& app, const Request& request, const Principal& who,
                                 const std::string& problem_id) {
    if (request.method != "GET") {
        return error_response(405, "only GET");
    }
    if (!who.sees_all()) {
        return who.role == Role::Public ? forbidden(who)
                                        : error_response(403, "package checks are for the jury");
    }
    auto status = app.verifier ? app.verifier->status(problem_id) : std::nullopt;
    if (!status) {
        return error_response(404, "no package of problem '" + problem_id + "' was uploaded to this server");
    }
    return json_response(200, *status);
}

Response handle_admin_post(App& app, const Request& request, const Principal& who,
                           std::string_view collection) {
    if (collection != "teams" && collection != "problems" && collection != "rejudgings") {
        return error_response(405, "POST is not allowed on " + std::string(collection));
    }
    if (who.role != Role::Admin) {
        return forbidden(who);
    }
    if (collection == "teams") {
        return add_team(app, request);
    }
    if (collection == "problems") {
        return add_problem(app, request);
    }
    return add_rejudging(app, request);
}

}  // namespace khue::api
