// Many contests on one server: creating a contest while the server runs (a CLICS contest package zip, or a
// form naming problems already on the server), the contests of the logged-in account, the practice standings
// and the results CSV.
#include "handlers/handlers.hpp"
#include "handlers/multipart.hpp"
#include "server/results.hpp"

#include "khue/api/contest.hpp"
#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/judge/zip.hpp"
#include "util/scratch_dir.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>

namespace khue::api {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

bool has_contest_file(const fs::path& dir) {
    for (const char* name : {"contest.yaml", "contest.yml", "contest.json"}) {
        if (fs::exists(dir / name)) {
            return true;
        }
    }
    return false;
}

Response created(ContestService& service) {
    auto r = json_response(201, contest_json(service.contest()));
    r.headers.emplace_back("Location", "/api/contests/" + service.contest_id());
    return r;
}

// A CLICS contest package zip: contest.yaml at the top or in its one folder.
Response create_from_zip(Call& c, std::string_view zip) {
    ScratchDir scratch("khue-contest");
    try {
        judge::extract_zip_bytes(zip, scratch.path / "x");
    } catch (const std::exception& e) {
        return error_response(400, std::string("the contest package zip: ") + e.what());
    }
    fs::path root = scratch.path / "x";
    if (!has_contest_file(root)) {
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(root)) {
            if (entry.is_directory()) {
                folders.push_back(entry.path());
            }
        }
        if (folders.size() != 1 || !has_contest_file(folders.front())) {
            return error_response(400,
                                  "the contest package zip has no contest.yaml at its top (or in its one "
                                  "folder)");
        }
        root = folders.front();
    }
    try {
        ContestPackage package = load_contest_package(root);
        if (c.service.db().get_contest(package.contest.id)) {
            return error_response(409, "a contest with id '" + package.contest.id +
                                           "' exists; import its folder with `khue import` to update it");
        }
        import_contest(c.service.db(), package);
        ContestService* s = c.app.contests.find(package.contest.id);
        if (s == nullptr) {
            return error_response(500, "the contest was imported but cannot be served");
        }
        spdlog::info("contest {} created from an uploaded package by {}", package.contest.id, c.who.username);
        return created(*s);
    } catch (const ContestPackageError& e) {
        return error_response(400, e.what());
    }
}

std::string text_field(const json::object& body, const char* key) {
    const json::value* v = body.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string{};
}

// The console's form: {id, name, formal_name?, start_time?, duration, scoreboard_freeze_duration?,
// penalty_time? (minutes), scoreboard_type?, practice?, problems: [{contest_id, id, label?}], teams_from?}.
Response create_from_form(Call& c) {
    std::string error;
    auto body = json_body(c.request, error);
    if (!body) {
        return error_response(400, error);
    }
    store::Store& db = c.service.db();
    store::Contest contest;
    contest.id = text_field(*body, "id");
    if (!is_valid_id(contest.id)) {
        return error_response(400,
                              "id '" + contest.id + "' is not a valid id (letters, digits, _ . -; 1 to 36)");
    }
    if (db.get_contest(contest.id)) {
        return error_response(409, "a contest with id '" + contest.id + "' exists");
    }
    contest.name = text_field(*body, "name");
    if (contest.name.empty()) {
        return error_response(400, "name is missing");
    }
    contest.formal_name = text_field(*body, "formal_name");
    if (contest.formal_name.empty()) {
        contest.formal_name = contest.name;
    }
    if (std::string start = text_field(*body, "start_time"); !start.empty()) {
        std::chrono::minutes zone{0};
        auto t = parse_time(start, &zone);
        if (!t) {
            return error_response(400,
                                  "start_time '" + start + "' is not a TIME like 2026-10-01T09:00:00+07:00");
        }
        contest.start_time = *t;
        contest.utc_offset = zone;
    }
    auto duration = parse_reltime(text_field(*body, "duration"));
    if (!duration || duration->count() <= 0) {
        return error_response(400, "duration must be a RELTIME longer than zero, like 5:00:00");
    }
    contest.duration = *duration;
    if (std::string freeze = text_field(*body, "scoreboard_freeze_duration"); !freeze.empty()) {
        auto d = parse_reltime(freeze);
        if (!d || d->count() < 0 || *d > contest.duration) {
            return error_response(400, "scoreboard_freeze_duration must be a RELTIME within the contest");
        }
        contest.scoreboard_freeze_duration = *d;
    }
    if (std::string type = text_field(*body, "scoreboard_type"); !type.empty()) {
        auto parsed = store::scoreboard_type_from_string(type);
        if (!parsed) {
            return error_response(400, "scoreboard_type must be pass-fail or score, not '" + type + "'");
        }
        contest.scoreboard_type = *parsed;
    }
    if (const json::value* p = body->if_contains("penalty_time"); p != nullptr && !p->is_null()) {
        if (!p->is_int64() || p->as_int64() < 0) {
            return error_response(400, "penalty_time must be whole minutes (a number, 0 or more)");
        }
        contest.penalty_time = std::chrono::minutes{p->as_int64()};
    }
    if (const json::value* p = body->if_contains("practice"); p != nullptr && !p->is_null()) {
        if (!p->is_bool()) {
            return error_response(400, "practice must be true or false");
        }
        contest.practice = p->as_bool();
    }

    // The problems: rows of this contest over the packages already stored (shared, not copied).
    std::vector<store::Problem> problems;
    const json::value* list = body->if_contains("problems");
    if (list == nullptr || !list->is_array() || list->as_array().empty()) {
        return error_response(400, "problems must list at least one {contest_id, id} already on the server");
    }
    for (const auto& item : list->as_array()) {
        std::string where = "problems[" + std::to_string(problems.size()) + "]";
        if (!item.is_object()) {
            return error_response(400, where + " must be an object {contest_id, id, label?}");
        }
        std::string from = text_field(item.as_object(), "contest_id");
        std::string id = text_field(item.as_object(), "id");
        auto p = db.get_problem(from, id);
        if (!p) {
            return error_response(400, where + ": no problem '" + id + "' in contest '" + from + "'");
        }
        for (const auto& other : problems) {
            if (other.id == p->id) {
                return error_response(400, where + ": problem id '" + id + "' is listed twice");
            }
        }
        p->contest_id = contest.id;
        p->ordinal = static_cast<int>(problems.size());
        std::string label = text_field(item.as_object(), "label");
        p->label = label.empty() ? std::string(1, static_cast<char>('A' + p->ordinal % 26)) : label;
        problems.push_back(std::move(*p));
    }
    std::string teams_from = text_field(*body, "teams_from");
    if (!teams_from.empty() && !db.get_contest(teams_from)) {
        return error_response(400, "teams_from: no contest '" + teams_from + "'");
    }

    db.upsert_contest(contest);
    for (const auto& p : problems) {
        db.upsert_problem(p);
    }
    if (!teams_from.empty()) {
        // The same schools, groups and teams, and the same accounts joined to the new contest.
        for (auto o : db.list_organizations(teams_from)) {
            o.contest_id = contest.id;
            db.upsert_organization(o);
        }
        for (auto g : db.list_groups(teams_from)) {
            g.contest_id = contest.id;
            db.upsert_group(g);
        }
        for (auto t : db.list_teams(teams_from)) {
            t.contest_id = contest.id;
            db.upsert_team(t);
        }
        for (const auto& a : db.list_accounts(std::string_view(teams_from))) {
            if (a.type == store::AccountType::Team && a.contest_id && a.team_id) {
                db.add_account_contest({a.id, contest.id, a.team_id});
            }
        }
    }
    ContestService* s = c.app.contests.find(contest.id);
    if (s == nullptr) {
        return error_response(500, "the contest was stored but cannot be served");
    }
    spdlog::info("contest {} created in the console by {}", contest.id, c.who.username);
    return created(*s);
}

}  // namespace

Response post_contest(Call& c) {
    const Request& request = c.request;
    if (request.content_type.starts_with("application/json")) {
        return create_from_form(c);
    }
    if (request.content_type.starts_with("application/zip") ||
        request.content_type.starts_with("application/octet-stream")) {
        return create_from_zip(c, request.body);
    }
    if (request.content_type.starts_with("multipart/form-data")) {
        std::string error;
        auto parts = parse_multipart(request.content_type, request.body, error);
        if (!parts) {
            return error_response(400, error);
        }
        for (const auto& p : *parts) {
            if (p.filename) {
                return create_from_zip(c, p.data);
            }
        }
        return error_response(400, "no contest package zip in the form");
    }
    return error_response(400,
                          "send a contest package zip (application/zip or a form) or the contest as JSON");
}

Response get_my_contests(Call& c) {
    // Call::who is scoped to one contest; the account's own contests need the account itself.
    auto who = authenticate(c.app, c.request);
    json::array out;
    if (!who || who->role == Role::Public) {
        return json_response(200, out);
    }
    for (const auto& contest : c.service.db().list_contests()) {
        Principal in = who->scoped(contest.id);
        if (in.role == Role::Public) {
            continue;
        }
        ContestService* s = c.app.contests.find(contest.id);
        if (s == nullptr) {
            continue;
        }
        json::object item = contest_json(s->contest());
        item["state"] = state_json(s->contest());
        if (in.role == Role::Team) {
            item["team_id"] = in.team_id;
        }
        out.push_back(std::move(item));
    }
    return json_response(200, out);
}

// The landing page's list: every contest with its state and whether it has practice after the end.
Response get_khue_contests(Call& c) {
    json::array out;
    for (const auto& contest : c.service.db().list_contests()) {
        if (ContestService* s = c.app.contests.find(contest.id)) {
            store::Contest now = s->contest();
            json::object item = contest_json(now);
            item["state"] = state_json(now);
            item["practice"] = now.practice;
            out.push_back(std::move(item));
        }
    }
    return json_response(200, out);
}

Response get_practice_scoreboard(Call& c) {
    store::Contest contest = c.service.contest();
    if (!contest.practice) {
        return error_response(404, "contest '" + contest.id + "' has no practice");
    }
    // The practice standings hold the real results of the frozen hour: the public waits for the thaw.
    if (!c.who.sees_all() && contest.scoreboard_freeze_duration && !contest.state.thawed) {
        return error_response(403, "the practice standings are public once the scoreboard is thawed");
    }
    return text_response(200, "application/json",
                         c.service.practice_scoreboard(c.request.param("group_id").value_or("")));
}

Response get_results_csv(Call& c) {
    auto r = text_response(200, "text/csv; charset=utf-8", results_csv(c.service));
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"results-" + c.service.contest_id() + ".csv\"");
    return r;
}

}  // namespace khue::api
