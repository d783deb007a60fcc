// GET endpoints of the Contest API (docs/contest-api.md) and the router in front of every handler.
#include "app.hpp"
#include "auth/auth.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/password.hpp"
#include "khue/judge/install_paths.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/zip.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

namespace khue::api {

namespace json = boost::json;

namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto next = path.find('/', pos);
        if (next == std::string_view::npos) {
            next = path.size();
        }
        if (next > pos) {
            parts.emplace_back(path.substr(pos, next - pos));
        }
        pos = next + 1;
    }
    return parts;
}

// ?<property>=<value> filters (the spec's ?<prop>_id=): an object stays when its property equals the value,
// or, for an array property (group_ids), contains it.
json::array filtered(json::array items, const Request& request) {
    std::vector<std::pair<std::string, std::string>> filters;
    for (const auto& [k, v] : request.query) {
        if (k.ends_with("_id") || k == "id") {
            filters.emplace_back(k, v);
        }
    }
    if (filters.empty()) {
        return items;
    }
    json::array out;
    for (auto& item : items) {
        bool keep = true;
        for (const auto& [k, v] : filters) {
            const json::value* f = item.as_object().if_contains(k);
            const json::value* list = item.as_object().if_contains(k + "s");
            bool match = false;
            if (f != nullptr && f->is_string()) {
                match = f->as_string() == v;
            } else if (list != nullptr && list->is_array()) {
                for (const auto& x : list->as_array()) {
                    match = match || (x.is_string() && x.as_string() == v);
                }
            }
            keep = keep && match;
        }
        if (keep) {
            out.push_back(std::move(item));
        }
    }
    return out;
}

Response collection(const json::array& items, const Request& request, const std::vector<std::string>& parts,
                    std::size_t id_index) {
    if (parts.size() > id_index) {
        for (const auto& item : items) {
            const json::value* id = item.as_object().if_contains("id");
            if (id != nullptr && id->is_string() && id->as_string() == parts[id_index]) {
                return json_response(200, item);
            }
        }
        return error_response(404, "no " + parts[id_index - 1] + " with id '" + parts[id_index] + "'");
    }
    return json_response(200, filtered(items, request));
}

json::object judgement_type(const char* id, const char* name, bool penalty, bool solved) {
    return {{"id", id}, {"name", name}, {"penalty", penalty}, {"solved", solved}};
}

json::array judgement_types() {
    return {judgement_type("AC", "Accepted", false, true),
            judgement_type("WA", "Wrong Answer", true, false),
            judgement_type("TLE", "Time Limit Exceeded", true, false),
            judgement_type("MLE", "Memory Limit Exceeded", true, false),
            judgement_type("RTE", "Run-Time Error", true, false),
            judgement_type("OLE", "Output Limit Exceeded", true, false),
            judgement_type("CE", "Compile Error", false, false),
            judgement_type("JE", "Judging Error", false, false)};
}

json::array languages() {
    json::array out;
    for (const auto& l : judge::default_languages().all()) {
        json::array extensions;
        for (const auto& e : l.extensions) {
            extensions.emplace_back(e);
        }
        out.push_back(json::object{{"id", l.id},
                                   {"name", l.name},
                                   {"entry_point_required", false},
                                   {"extensions", std::move(extensions)}});
    }
    return out;
}

json::object files_ref(const std::string& contest_id, const std::string& submission_id) {
    return {{"href", "contests/" + contest_id + "/submissions/" + submission_id + "/files"},
            {"mime", "application/zip"}};
}

json::array awards(App& app, const Principal& who) {
    auto view = who.sees_all() ? ScoreboardView::Jury : ScoreboardView::Public;
    auto standings = app.service.standings(view);
    std::map<std::string, json::array> first;
    json::array winners;
    bool pass_fail = app.service.contest().scoreboard_type != store::ScoreboardType::Score;
    for (const auto& row : standings->rows) {
        for (const auto& cell : row.problems) {
            if (cell.first_to_solve) {
                first[cell.problem_id].emplace_back(row.team_id);
            }
        }
        if (row.rank == 1 && (pass_fail ? row.num_solved > 0 : row.score > 0)) {
            winners.emplace_back(row.team_id);
        }
    }
    json::array out;
    if (!winners.empty()) {
        out.push_back(json::object{{"id", "winner"}, {"citation", "Contest winner"}, {"team_ids", winners}});
    }
    for (auto& [problem, teams] : first) {
        out.push_back(json::object{{"id", "first-to-solve-" + problem},
                                   {"citation", "First to solve problem " + problem},
                                   {"team_ids", std::move(teams)}});
    }
    return out;
}

json::object access(const Principal& who) {
    json::array capabilities;
    if (who.role == Role::Team) {
        capabilities.emplace_back("team_submit");
    }
    if (who.role == Role::Admin) {
        capabilities = {"contest_start", "contest_thaw", "admin_submit"};
    }
    auto endpoint = [](const char* type, std::initializer_list<const char*> properties) {
        json::array p;
        for (const char* name : properties) {
            p.emplace_back(name);
        }
        return json::object{{"type", type}, {"properties", std::move(p)}};
    };
    json::array endpoints = {
        endpoint("contest",
                 {"id", "name", "formal_name", "start_time", "duration", "scoreboard_freeze_duration",
                  "scoreboard_thaw_time", "scoreboard_type", "penalty_time"}),
        endpoint("state", {"started", "frozen", "ended", "thawed", "finalized", "end_of_updates"}),
        endpoint("judgement-types", {"id", "name", "penalty", "solved"}),
        endpoint("languages", {"id", "name", "entry_point_required", "extensions"}),
        endpoint("problems", {"id", "label", "name", "ordinal", "rgb", "color", "time_limit", "memory_limit",
                              "output_limit", "code_limit", "test_data_count", "max_score", "statement"}),
        endpoint("groups", {"id", "name", "hidden"}),
        endpoint("organizations", {"id", "name", "formal_name", "country"}),
        endpoint("teams", {"id", "name", "label", "display_name", "organization_id", "group_ids", "hidden"}),
        endpoint("submissions", {"id", "language_id", "problem_id", "team_id", "time", "contest_time",
                                 "entry_point", "files"}),
        endpoint("judgements", {"id", "submission_id", "judgement_type_id", "score", "current", "start_time",
                                "start_contest_time", "end_time", "end_contest_time", "max_run_time"}),
        endpoint("awards", {"id", "citation", "team_ids"}),
        endpoint("scoreboard", {"time", "contest_time", "state", "rows"}),
    };
    if (who.role != Role::Public) {
        endpoints.push_back(endpoint("runs", {"id", "judgement_id", "ordinal", "judgement_type_id", "time",
                                              "contest_time", "run_time"}));
        endpoints.push_back(endpoint("account", {"id", "username", "type", "team_id"}));
    }
    if (who.sees_all()) {
        endpoints.push_back(endpoint("accounts", {"id", "username", "type", "team_id"}));
    }
    return {{"capabilities", std::move(capabilities)}, {"endpoints", std::move(endpoints)}};
}

// The zip of a submission's files, as the Contest API's `files` reference promises.
Response submission_files(App& app, const std::string& id) {
    auto sub = app.service.db().get_submission(app.service.contest_id(), id);
    if (!sub) {
        return error_response(404, "no submission with id '" + id + "'");
    }
    std::vector<judge::ZipEntry> entries;
    for (const auto& f : sub->files) {
        entries.push_back({f.name, f.bytes, false});
    }
    auto path = std::filesystem::temp_directory_path() /
                ("khue-files-" + std::to_string(std::random_device{}()) + ".zip");
    judge::write_zip(path, entries);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    auto r = text_response(200, "application/zip", std::move(bytes));
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"submission-" + id + ".zip\"");
    return r;
}

// The statement of a problem's package, or nullopt when it has none or its package cannot be read (logged:
// the problem stays listed without a statement).
std::optional<StatementFile> statement_of(App& app, const store::Problem& p) {
    try {
        return find_statement(problem_package_dir(app.service.db(), p));
    } catch (const std::exception& e) {
        spdlog::warn("problem {}: no statement: {}", p.id, e.what());
        return std::nullopt;
    }
}

// Sample files are shown on the team page; a bigger one is cut there rather than sent whole.
constexpr judge::Bytes kSampleLimit = judge::kib(64);

// GET problems/<id>/statement (the file the `statement` reference names) and problems/<id>/samples (Khue).
// The caller has checked that `who` may see problems.
Response problem_file(App& app, const std::string& problem_id, const std::string& what) {
    if (what != "statement" && what != "samples") {
        return error_response(404, "a problem has no '" + what + "'; try statement or samples");
    }
    auto problems = app.service.db().list_problems(app.service.contest_id());
    auto p =
        std::find_if(problems.begin(), problems.end(), [&](const auto& x) { return x.id == problem_id; });
    if (p == problems.end()) {
        return error_response(404, "no problem with id '" + problem_id + "'");
    }
    std::filesystem::path dir;
    try {
        dir = problem_package_dir(app.service.db(), *p);
    } catch (const std::exception& e) {
        spdlog::error("problem {}: package unavailable: {}", p->id, e.what());
        return error_response(503, "the package of problem '" + problem_id + "' is unavailable");
    }
    if (what == "samples") {
        json::array out;
        for (auto& c : read_samples(dir, kSampleLimit)) {
            json::object o{{"name", c.name}, {"input", c.input}, {"output", c.output}};
            if (c.interaction) {
                o["interaction"] = *c.interaction;
            }
            out.push_back(std::move(o));
        }
        return json_response(200, out);
    }
    auto statement = find_statement(dir);
    if (!statement) {
        return error_response(404, "problem '" + problem_id + "' has no statement in its package");
    }
    std::ifstream in(statement->path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto r = text_response(200, statement->mime, std::move(bytes));
    r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + statement->filename + "\"");
    return r;
}

Response contest_get(App& app, const Request& request, const Principal& who,
                     const std::vector<std::string>& parts) {
    ContestService& s = app.service;
    store::Store& db = s.db();
    const std::string& cid = s.contest_id();
    store::Contest contest = s.contest();
    auto now = store::Clock::now();
    bool started = contest.start_time && now >= *contest.start_time;
    std::string endpoint = parts.size() > 2 ? parts[2] : "";

    if (endpoint.empty()) {
        return json_response(200, contest_json(contest));
    }
    if (endpoint == "state") {
        return json_response(200, state_json(contest));
    }
    if (endpoint == "access") {
        return json_response(200, access(who));
    }
    if (endpoint == "judgement-types") {
        return collection(judgement_types(), request, parts, 3);
    }
    if (endpoint == "languages") {
        return collection(languages(), request, parts, 3);
    }
    if (endpoint == "problems") {
        if (!started && !who.sees_all()) {
            // Problems are secret until the start; an empty list says so without an error.
            return parts.size() > 3 ? error_response(404, "problems are not public before the contest starts")
                                    : json_response(200, json::array{});
        }
        if (parts.size() == 6 && parts[4] == "statement") {
            return statement_picture(app, parts[3], parts[5]);  // handlers/statement_files.cpp
        }
        if (parts.size() == 5) {
            return problem_file(app, parts[3], parts[4]);
        }
        if (parts.size() > 5) {
            return error_response(404, "no such endpoint");
        }
        json::array items;
        for (const auto& p : db.list_problems(cid)) {
            auto o = problem_json(p);
            if (auto statement = statement_of(app, p)) {
                o["statement"] =
                    json::array{json::object{{"href", "contests/" + cid + "/problems/" + p.id + "/statement"},
                                             {"mime", statement->mime},
                                             {"filename", statement->filename}}};
            }
            items.push_back(std::move(o));
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "groups") {
        json::array items;
        for (const auto& g : db.list_groups(cid)) {
            if (!g.hidden || who.sees_all()) {
                items.push_back(group_json(g));
            }
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "organizations") {
        json::array items;
        for (const auto& o : db.list_organizations(cid)) {
            items.push_back(organization_json(o));
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "teams") {
        json::array items;
        for (const auto& t : db.list_teams(cid)) {
            if (!t.hidden || who.sees_all() || (who.role == Role::Team && who.team_id == t.id)) {
                items.push_back(team_json(t));
            }
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "accounts") {
        if (!who.sees_all()) {
            return error_response(who.role == Role::Public ? 401 : 403, "accounts are for the jury only");
        }
        json::array items;
        for (const auto& a : db.list_accounts(std::string_view(cid))) {
            items.push_back(account_json(a));
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "account") {
        if (who.role == Role::Public) {
            return error_response(401, "log in to see your account");
        }
        auto a = db.get_account_by_username(who.username);
        if (!a) {
            return error_response(404, "your account no longer exists");
        }
        return json_response(200, account_json(*a));
    }
    auto hidden = s.hidden_from();
    if (endpoint == "submissions") {
        if (parts.size() == 5 && parts[4] == "files") {
            auto facts = s.submission_facts(parts[3]);
            if (!facts) {
                return error_response(404, "no submission with id '" + parts[3] + "'");
            }
            if (!who.sees_all() && !(who.role == Role::Team && who.team_id == facts->team_id)) {
                return error_response(who.role == Role::Public ? 401 : 403,
                                      "only the team that submitted and the jury may read its files");
            }
            return submission_files(app, parts[3]);
        }
        if (parts.size() > 4) {
            return error_response(404, "no such endpoint");
        }
        store::SubmissionFilter filter;
        filter.contest_id = cid;
        if (auto t = request.param("team_id")) {
            filter.team_id = *t;
        }
        if (who.role == Role::Team) {
            filter.team_id = who.team_id;  // a team never lists another team's submissions
        }
        json::array items;
        for (const auto& sub : db.list_submissions(filter)) {
            Visibility v{Visibility::Kind::Owned, sub.team_id, true, std::nullopt};
            if (!may_see(who, v, started, hidden)) {
                continue;
            }
            auto o = submission_json(contest, sub);
            o["files"] = json::array{files_ref(cid, sub.id)};
            items.push_back(std::move(o));
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "judgements") {
        store::JudgementFilter filter;
        filter.contest_id = cid;
        if (auto sid = request.param("submission_id")) {
            filter.submission_id = *sid;
        }
        json::array items;
        for (const auto& j : db.list_judgements(filter)) {
            auto facts = s.submission_facts(j.submission_id);
            Visibility v{Visibility::Kind::Owned, facts ? facts->team_id : "", true,
                         facts ? std::optional<Millis>(facts->contest_time) : std::nullopt};
            if (may_see(who, v, started, hidden)) {
                auto o = judgement_json(contest, j);
                // Khue extension: the compiler's messages, for the submitting team and the jury only.
                bool own = who.role == Role::Team && facts && facts->team_id == who.team_id;
                if ((own || who.sees_all()) && !j.compile_output.empty()) {
                    o["compile_output"] = j.compile_output;
                }
                items.push_back(std::move(o));
            }
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "runs") {
        std::optional<std::string> jid = request.param("judgement_id");
        json::array items;
        for (const auto& r : db.list_runs(cid, jid ? std::optional<std::string_view>(*jid) : std::nullopt)) {
            auto sid = s.judgement_submission(r.judgement_id);
            auto facts = sid ? s.submission_facts(*sid) : std::nullopt;
            Visibility v{Visibility::Kind::Owned, facts ? facts->team_id : "", false, std::nullopt};
            // A team sees how its submission did on the samples only, as DOMjudge shows it; the secret
            // results stay with the jury.
            bool sample = r.test_name.starts_with("sample/");
            if (may_see(who, v, started, hidden) && (who.sees_all() || sample)) {
                items.push_back(run_json(contest, r));
            }
        }
        return collection(items, request, parts, 3);
    }
    if (endpoint == "awards") {
        return collection(awards(app, who), request, parts, 3);
    }
    if (endpoint == "scoreboard") {
        auto view = who.sees_all() && request.param("public") != "true" ? ScoreboardView::Jury
                                                                        : ScoreboardView::Public;
        std::string group = request.param("group_id").value_or("");
        Response r;
        r.body = s.scoreboard(view, group);
        return r;
    }
    if (endpoint == "event-feed") {
        Response r;
        r.content_type = "application/x-ndjson";
        FeedStream feed;
        feed.who = who;
        if (auto token = request.param("since_token")) {
            try {
                std::size_t used = 0;
                feed.since_token = std::stoll(*token, &used);
                if (used != token->size() || feed.since_token < 0) {
                    throw std::invalid_argument("");
                }
            } catch (const std::exception&) {
                return error_response(400, "since_token '" + *token + "' is not a token this feed gave out");
            }
        }
        if (auto types = request.param("types")) {
            std::size_t pos = 0;
            while (pos <= types->size()) {
                auto comma = types->find(',', pos);
                if (comma == std::string::npos) {
                    comma = types->size();
                }
                if (comma > pos) {
                    feed.types.insert(types->substr(pos, comma - pos));
                }
                pos = comma + 1;
            }
        }
        feed.stream = request.param("stream") != "false";
        r.feed = std::move(feed);
        return r;
    }
    return error_response(404, "no endpoint '" + endpoint + "' in the Contest API");
}

}  // namespace

std::optional<Principal> authenticate(App& app, const Request& request) {
    if (request.authorization.empty()) {
        return Principal{};
    }
    std::string_view header = request.authorization;
    constexpr std::string_view basic = "Basic ";
    if (header.size() < basic.size() ||
        !std::equal(basic.begin(), basic.end(), header.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
        return std::nullopt;
    }
    std::string decoded;
    if (!base64_decode(header.substr(basic.size()), decoded)) {
        return std::nullopt;
    }
    auto colon = decoded.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    return app.auth->check(decoded.substr(0, colon), decoded.substr(colon + 1), request.remote_address);
}

Response handle(App& app, const Request& request) {
    if (request.path == "/metrics") {
        if (request.method != "GET") {
            return error_response(405, "only GET");
        }
        return text_response(200, "text/plain; version=0.0.4", app.metrics.render(app.service));
    }
    if (request.path != "/api" && !request.path.starts_with("/api/")) {
        return handle_static(app, request);
    }
    auto who = authenticate(app, request);
    if (!who) {
        return login_refused(app, request);
    }
    auto parts = split_path(std::string_view(request.path).substr(4));
    try {
        if (parts.empty()) {
            if (request.method != "GET") {
                return error_response(405, "only GET");
            }
            return json_response(
                200,
                json::object{{"version", "2026-01"},
                             {"version_url", "https://ccs-specs.icpc.io/2026-01/contest_api"},
                             {"provider", json::object{{"name", "Khue"}, {"version", judge::version()}}}});
        }
        if (parts[0] == "khue" && parts.size() == 2 && parts[1] == "status") {
            if (who->role != Role::Admin && who->role != Role::Jury) {
                return error_response(who->role == Role::Public ? 401 : 403,
                                      "the judging status is for the jury");
            }
            auto q = app.service.db().queue_stats();
            json::array hosts;
            for (const auto& h : app.service.db().list_hosts()) {
                json::array slots;
                for (const auto& slot : h.slot_status) {
                    json::object o{{"slot", slot.slot}};
                    o["submission_id"] = slot.submission_id ? json::value(*slot.submission_id) : nullptr;
                    slots.push_back(std::move(o));
                }
                hosts.push_back(
                    json::object{{"host", h.host},
                                 {"slots", h.slots},
                                 {"slot_status", std::move(slots)},
                                 {"last_seen", format_time(std::chrono::floor<Millis>(h.last_seen))}});
            }
            return json_response(200,
                                 json::object{{"queue", json::object{{"queued", q.queued},
                                                                     {"running", q.running},
                                                                     {"queued_rejudge", q.queued_rejudge}}},
                                              {"hosts", std::move(hosts)}});
        }
        if (parts[0] != "contests") {
            return error_response(404, "no endpoint '" + parts[0] + "'");
        }
        const std::string& cid = app.service.contest_id();
        if (parts.size() == 1) {
            if (request.method != "GET") {
                return error_response(405, "only GET");
            }
            return json_response(200, json::array{contest_json(app.service.contest())});
        }
        if (parts[1] != cid) {
            return error_response(404, "no contest with id '" + parts[1] + "'");
        }
        if (request.method == "GET" || request.method == "HEAD") {
            return contest_get(app, request, *who, parts);
        }
        if (request.method == "PATCH" && parts.size() == 2) {
            return handle_contest_patch(app, request, *who);
        }
        if (request.method == "POST" && parts.size() == 3 && parts[2] == "submissions") {
            return handle_submission_post(app, request, *who);
        }
        if (request.method == "POST" && parts.size() == 3) {
            return handle_admin_post(app, request, *who, parts[2]);
        }
        return error_response(405, "method " + request.method + " is not allowed on " + request.path);
    } catch (const store::StoreInvalid& e) {
        return error_response(400, e.what());
    } catch (const store::StoreUnavailable& e) {
        spdlog::error("store unavailable: {}", e.what());
        return error_response(503, "the database is unavailable; try again");
    }
}

}  // namespace khue::api
