// The CLICS contest package of a contest (khue/api/export.hpp). The JSON files are what the jury's REST
// endpoints answer, through the same handlers, so the package and the API cannot disagree.
#include "contest/export.hpp"

#include "handlers/handlers.hpp"
#include "khue/api/awards.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <random>

namespace khue::api {

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

json::value call(App& app, ContestService& service, Response (*handler)(Call&)) {
    Request request;
    request.method = "GET";
    Principal admin{Role::Admin, "export", "", {}};
    Call c{app, service, request, admin, {}};
    Response r = handler(c);
    if (r.encoded) {
        r.body = r.encoded->text();
    }
    if (r.status != 200 || !r.body) {
        throw std::runtime_error("export: an endpoint answered " + std::to_string(r.status) +
                                 (r.body ? ": " + *r.body : std::string{}));
    }
    return json::parse(*r.body);
}

std::string pretty(const json::value& v) {
    // One object a line: diffable, and still one JSON document.
    if (!v.is_array()) {
        return json::serialize(v) + "\n";
    }
    std::string out = "[";
    bool first = true;
    for (const auto& item : v.as_array()) {
        out += first ? "\n" : ",\n";
        out += json::serialize(item);
        first = false;
    }
    return out + "\n]\n";
}

void emit_scalar(YAML::Emitter& y, const char* key, const json::value* v) {
    if (v == nullptr || v->is_null()) {
        return;
    }
    y << YAML::Key << key << YAML::Value;
    if (v->is_string()) {
        y << YAML::DoubleQuoted << std::string(v->as_string());
    } else {
        y << json::serialize(*v);
    }
}

// The Contest API's contest object, and Khue's own settings as contest.yaml's `khue:` extension (the award
// rules, practice) so that importing the package gives the same awards, not the default ones.
std::string contest_yaml(const json::object& contest, const store::Contest& record) {
    YAML::Emitter y;
    y << YAML::BeginMap;
    for (const char* key :
         {"id", "name", "formal_name", "start_time", "duration", "scoreboard_freeze_duration",
          "scoreboard_thaw_time", "scoreboard_type", "penalty_time"}) {
        emit_scalar(y, key, contest.if_contains(key));
    }
    std::string error;
    auto rules = parse_award_rules(record.awards, error);
    if (!rules) {
        throw std::runtime_error("export: the contest's awards setting is unusable: " + error);
    }
    y << YAML::Key << "khue" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "awards" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : award_rules_json(*rules)) {
        y << YAML::Key << std::string(key) << YAML::Value << json::serialize(value);
    }
    y << YAML::EndMap;
    if (record.practice) {
        y << YAML::Key << "practice" << YAML::Value << true;
    }
    y << YAML::EndMap;
    y << YAML::EndMap;
    return std::string(y.c_str()) + "\n";
}

std::string problems_yaml(const std::vector<store::Problem>& problems) {
    YAML::Emitter y;
    y << YAML::BeginSeq;
    for (const auto& p : problems) {
        y << YAML::BeginMap << YAML::Key << "id" << YAML::Value << p.id << YAML::Key << "label" << YAML::Value
          << p.label << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << p.name << YAML::Key
          << "ordinal" << YAML::Value << p.ordinal;
        if (!p.rgb.empty()) {
            y << YAML::Key << "rgb" << YAML::Value << YAML::DoubleQuoted << p.rgb;
        }
        if (!p.color.empty()) {
            y << YAML::Key << "color" << YAML::Value << p.color;
        }
        y << YAML::EndMap;
    }
    y << YAML::EndSeq;
    return std::string(y.c_str()) + "\n";
}

std::string accounts_yaml(const std::vector<store::Account>& accounts) {
    YAML::Emitter y;
    y << YAML::BeginSeq;
    for (const auto& a : accounts) {
        y << YAML::BeginMap << YAML::Key << "id" << YAML::Value << a.id << YAML::Key << "username"
          << YAML::Value << YAML::DoubleQuoted << a.username << YAML::Key << "type" << YAML::Value
          << std::string(store::to_string(a.type));
        if (a.team_id) {
            y << YAML::Key << "team_id" << YAML::Value << *a.team_id;
        }
        y << YAML::EndMap;  // never a password, nor its hash
    }
    y << YAML::EndSeq;
    return std::string(y.c_str()) + "\n";
}

fs::path scratch_file() {
    return fs::temp_directory_path() / ("khue-export-" + std::to_string(std::random_device{}()) + "-" +
                                        std::to_string(std::random_device{}()) + ".zip");
}

std::string read_and_remove(const fs::path& file) {
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::error_code ec;
    fs::remove(file, ec);
    return bytes;
}

}  // namespace

std::string zip_bytes(const std::vector<judge::ZipEntry>& entries) {
    fs::path file = scratch_file();
    try {
        judge::write_zip(file, entries);
    } catch (...) {
        std::error_code ec;
        fs::remove(file, ec);
        throw;
    }
    return read_and_remove(file);
}

std::vector<judge::ZipEntry> contest_package_entries(App& app, ContestService& service,
                                                     ExportReport& report) {
    store::Store& db = service.db();
    const std::string& cid = service.contest_id();
    std::vector<judge::ZipEntry> out;
    auto add = [&](std::string name, std::string data) { out.push_back({std::move(name), std::move(data)}); };

    add("contest.yaml", contest_yaml(call(app, service, get_contest).as_object(), service.contest()));
    add("state.json", pretty(call(app, service, get_state)));
    auto problems = db.list_problems(cid);
    add("problems.yaml", problems_yaml(problems));
    for (const auto& p : problems) {
        auto bytes = db.get_package(p.package_hash);
        if (!bytes) {
            throw std::runtime_error("export: the package of problem '" + p.id +
                                     "' is missing from the store");
        }
        add("problems/" + p.id + "/" + p.id + ".zip", std::move(*bytes));
        ++report.problems;
    }
    add("judgement-types.json", pretty(call(app, service, get_judgement_types)));
    add("languages.json", pretty(call(app, service, get_languages)));
    add("organizations.json", pretty(call(app, service, get_organizations)));
    add("groups.json", pretty(call(app, service, get_groups)));
    json::value teams = call(app, service, get_teams);
    report.teams = teams.as_array().size();
    add("teams.json", pretty(teams));
    add("accounts.yaml", accounts_yaml(db.list_accounts(cid)));

    json::value submissions = call(app, service, get_submissions);
    for (auto& item : submissions.as_array()) {
        auto& s = item.as_object();
        std::string id(s.at("id").as_string());
        auto sub = db.get_submission(cid, id);
        if (!sub) {
            continue;
        }
        std::vector<judge::ZipEntry> files;
        for (const auto& f : sub->files) {
            files.push_back({f.name, f.bytes});
        }
        std::string href = "submissions/" + id + "/files.zip";
        add(href, zip_bytes(files));
        json::array refs;
        refs.push_back(json::object{{"href", href}, {"filename", "files.zip"}, {"mime", "application/zip"}});
        s["files"] = std::move(refs);
        ++report.submissions;
    }
    add("submissions.json", pretty(submissions));
    json::value judgements = call(app, service, get_judgements);
    report.judgements = judgements.as_array().size();
    add("judgements.json", pretty(judgements));
    add("runs.json", pretty(call(app, service, get_runs)));
    add("awards.json", pretty(call(app, service, get_awards)));
    add("scoreboard.json", pretty(call(app, service, get_scoreboard)));

    // The event feed as the jury reads it from the beginning.
    std::string feed;
    Principal admin{Role::Admin, "export", "", {}};
    for (std::int64_t since = 0;;) {
        std::int64_t last = since;
        auto lines = service.lines_since(since, admin, {}, last, 10'000);
        for (const auto& line : lines) {
            feed += *line;
            ++report.events;
        }
        if (last <= since) {
            break;
        }
        since = last;
    }
    add("event-feed.ndjson", std::move(feed));
    return out;
}

ExportReport export_contest(store::Store& store, const std::string& contest_id, const fs::path& out) {
    if (!store.get_contest(contest_id)) {
        throw std::runtime_error("no contest '" + contest_id + "' in this database");
    }
    ServerOptions options;
    options.contest_id = contest_id;
    App app(store, options);
    ContestService* service = app.contests.find(contest_id);
    if (service == nullptr) {
        throw std::runtime_error("no contest '" + contest_id + "' in this database");
    }
    service->replay();
    service->tick();
    ExportReport report;
    auto entries = contest_package_entries(app, *service, report);
    if (out.has_parent_path()) {
        fs::create_directories(out.parent_path());
    }
    fs::path partial = out;
    partial += ".partial";
    judge::write_zip(partial, entries);
    fs::rename(partial, out);
    return report;
}

}  // namespace khue::api
