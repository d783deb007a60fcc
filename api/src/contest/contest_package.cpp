#include "khue/api/contest.hpp"

#include "contest/results.hpp"
#include "khue/api/awards.hpp"

#include <boost/json.hpp>

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <map>
#include <set>

namespace khue::api {

ContestPackageError::ContestPackageError(std::string file, std::string field, const std::string& message)
    : std::runtime_error(file + ": " + (field.empty() ? std::string{} : field + ": ") + message),
      file_(std::move(file)),
      field_(std::move(field)) {}

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 36) {
        return false;
    }
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '.' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

namespace {

namespace fs = std::filesystem;

// One parsed file, with the name used in error messages.
struct Source {
    std::string file;  // relative to the contest root, e.g. "teams.json"
    YAML::Node root;
};

[[noreturn]] void fail(const Source& src, const std::string& field, const std::string& message) {
    throw ContestPackageError(src.file, field, message);
}

// Finds <stem>.yaml, .yml or .json; nullopt when none exists. Two variants at once is ambiguous.
std::optional<Source> read_file(const fs::path& root, const std::string& stem) {
    std::optional<Source> found;
    for (const char* ext : {".yaml", ".yml", ".json"}) {
        fs::path p = root / (stem + ext);
        if (!fs::is_regular_file(p)) {
            continue;
        }
        std::string name = stem + ext;
        if (found) {
            throw ContestPackageError(name, "", "both " + found->file + " and " + name + " exist; keep one");
        }
        try {
            // JSON is a subset of YAML for all the files a contest package holds, so one parser serves both.
            found = Source{name, YAML::LoadFile(p.string())};
        } catch (const YAML::Exception& e) {
            throw ContestPackageError(
                name, "", "cannot parse (line " + std::to_string(e.mark.line + 1) + "): " + e.msg);
        }
    }
    return found;
}

std::string scalar(const Source& src, const YAML::Node& node, const std::string& field, bool required,
                   const std::string& fallback = {}) {
    if (!node || node.IsNull()) {
        if (required) {
            fail(src, field, "missing");
        }
        return fallback;
    }
    if (!node.IsScalar()) {
        fail(src, field, "must be a single value");
    }
    return node.Scalar();
}

std::string id_field(const Source& src, const YAML::Node& node, const std::string& field) {
    std::string id = scalar(src, node, field, true);
    if (!is_valid_id(id)) {
        fail(src, field, "'" + id + "' is not a valid id (letters, digits, '_', '.', '-', at most 36)");
    }
    return id;
}

bool boolean(const Source& src, const YAML::Node& node, const std::string& field) {
    std::string v = scalar(src, node, field, false, "false");
    if (v == "true" || v == "yes") {
        return true;
    }
    if (v == "false" || v == "no") {
        return false;
    }
    fail(src, field, "must be true or false, not '" + v + "'");
}

Millis reltime(const Source& src, const YAML::Node& node, const std::string& field) {
    std::string text = scalar(src, node, field, true);
    auto value = parse_reltime(text);
    if (!value || value->count() < 0) {
        fail(src, field, "'" + text + "' is not a duration h:mm:ss");
    }
    return *value;
}

// The list of objects a collection file holds: a sequence, or (as some exporters write) a map id -> object.
std::vector<std::pair<std::string, YAML::Node>> entries(const Source& src, const char* what) {
    std::vector<std::pair<std::string, YAML::Node>> out;
    if (src.root.IsNull()) {
        return out;
    }
    if (src.root.IsSequence()) {
        for (std::size_t i = 0; i < src.root.size(); ++i) {
            YAML::Node item = src.root[i];
            std::string where = std::string(what) + "[" + std::to_string(i) + "]";
            if (!item.IsMap()) {
                fail(src, where, "must be an object");
            }
            out.emplace_back(where, item);
        }
        return out;
    }
    fail(src, what, "must be a list of objects");
}

ContestInfo load_contest(const Source& src) {
    if (!src.root.IsMap()) {
        fail(src, "", "must be an object with id, name, duration, ...");
    }
    const YAML::Node& r = src.root;
    ContestInfo c;
    c.id = id_field(src, r["id"], "id");
    c.name = scalar(src, r["name"], "name", true);
    c.formal_name = scalar(src, r["formal_name"], "formal_name", false, c.name);
    if (r["start_time"] && !r["start_time"].IsNull()) {
        std::string text = scalar(src, r["start_time"], "start_time", true);
        auto t = parse_time(text, &c.zone);
        if (!t) {
            fail(src, "start_time", "'" + text + "' is not a time like 2025-10-04T08:30:00+07:00");
        }
        c.start_time = t;
    }
    if (r["scoreboard_thaw_time"] && !r["scoreboard_thaw_time"].IsNull()) {
        std::string text = scalar(src, r["scoreboard_thaw_time"], "scoreboard_thaw_time", true);
        auto t = parse_time(text);
        if (!t) {
            fail(src, "scoreboard_thaw_time", "'" + text + "' is not a time like 2025-10-04T13:00:00+07:00");
        }
        c.scoreboard_thaw_time = t;
    }
    c.duration = reltime(src, r["duration"], "duration");
    if (c.duration.count() == 0) {
        fail(src, "duration", "must be longer than zero");
    }
    if (r["scoreboard_freeze_duration"] && !r["scoreboard_freeze_duration"].IsNull()) {
        c.scoreboard_freeze_duration =
            reltime(src, r["scoreboard_freeze_duration"], "scoreboard_freeze_duration");
        if (*c.scoreboard_freeze_duration > c.duration) {
            fail(src, "scoreboard_freeze_duration", "is longer than the contest's duration");
        }
    }
    std::string type = scalar(src, r["scoreboard_type"], "scoreboard_type", false, "pass-fail");
    if (type == "pass-fail") {
        c.scoreboard_type = ScoreboardType::PassFail;
    } else if (type == "score") {
        c.scoreboard_type = ScoreboardType::Score;
    } else {
        fail(src, "scoreboard_type", "must be pass-fail or score, not '" + type + "'");
    }
    if (r["penalty_time"] && !r["penalty_time"].IsNull()) {
        std::string text = scalar(src, r["penalty_time"], "penalty_time", true);
        long long minutes = -1;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), minutes);
        if (ec == std::errc{} && end == text.data() + text.size() && minutes >= 0) {
            c.penalty_time = std::chrono::minutes{minutes};  // older specs: whole minutes
        } else if (auto rel = parse_reltime(text); rel && rel->count() >= 0 && rel->count() % 60000 == 0) {
            c.penalty_time = std::chrono::duration_cast<std::chrono::minutes>(*rel);
        } else {
            fail(src, "penalty_time",
                 "'" + text + "' is neither whole minutes nor a duration h:mm:ss in minutes");
        }
    }
    // Khue's extension (docs/contest-api.md "Awards", docs/problems.md): `khue: {awards: {gold: 4, ...},
    // practice: true}`; practice keeps judging after the end, apart from the official standings.
    if (const YAML::Node khue = r["khue"]; khue && !khue.IsNull()) {
        if (!khue.IsMap()) {
            fail(src, "khue", "must be an object (Khue's settings: awards, practice)");
        }
        for (const auto& kv : khue) {
            auto key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
            if (key == "practice") {
                std::string text = scalar(src, kv.second, "khue.practice", true);
                if (text != "true" && text != "false") {
                    fail(src, "khue.practice", "must be true or false, not '" + text + "'");
                }
                c.practice = text == "true";
            } else if (key != "awards") {
                fail(src, "khue." + key, "is not a Khue contest setting (known: awards, practice)");
            }
        }
        if (const YAML::Node awards = khue["awards"]; awards && !awards.IsNull()) {
            if (!awards.IsMap()) {
                fail(src, "khue.awards", "must be an object like {gold: 4, silver: 4, bronze: 4}");
            }
            boost::json::object o;
            for (const auto& kv : awards) {
                auto key = kv.first.as<std::string>();
                auto text = kv.second.IsScalar() ? kv.second.Scalar() : std::string{};
                long long n = 0;
                auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
                if (text == "true" || text == "false") {
                    o[key] = text == "true";
                } else if (ec == std::errc{} && end == text.data() + text.size() && !text.empty()) {
                    o[key] = n;
                } else {
                    o[key] = text;  // a wrong type: parse_award_rules names it
                }
            }
            std::string error;
            if (!parse_award_rules_json(boost::json::value(o), error)) {
                fail(src, "khue." + error.substr(0, error.find(' ')), error.substr(error.find(' ') + 1));
            }
            c.awards = boost::json::serialize(o);
        }
    }
    return c;
}

bool is_rgb(std::string_view s) {
    if (s.size() != 7 || s[0] != '#') {
        return false;
    }
    for (char c : s.substr(1)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

// A problem's package: problems/<id>/<id>.zip (CLICS), a package folder problems/<id>/ or <id>/ (DOMjudge
// archives), or <id>.zip beside problems.yaml.
std::optional<fs::path> find_package(const fs::path& root, const std::string& id) {
    const fs::path candidates[] = {root / "problems" / id / (id + ".zip"), root / "problems" / id,
                                   root / (id + ".zip"), root / id};
    for (const auto& p : candidates) {
        if (p.extension() == ".zip" ? fs::is_regular_file(p) : fs::is_regular_file(p / "problem.yaml")) {
            return p;
        }
    }
    return std::nullopt;
}

template <class T>
void check_unique(const Source& src, const std::vector<std::pair<std::string, YAML::Node>>& where,
                  const std::vector<T>& items) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!seen.insert(items[i].id).second) {
            fail(src, where[i].first + ".id", "duplicate id '" + items[i].id + "'");
        }
    }
}

// Reads one optional list file (organizations, groups, teams): each entry parsed by parse(src, node, where)
// into `items`, ids unique. Returns the ids, for the files that refer to them.
template <class T, class Parse>
std::set<std::string> read_list(const fs::path& root, const char* stem, std::vector<T>& items, Parse parse) {
    std::set<std::string> ids;
    if (auto src = read_file(root, stem)) {
        auto list = entries(*src, stem);
        for (const auto& [where, node] : list) {
            items.push_back(parse(*src, node, where));
        }
        check_unique(*src, list, items);
        for (const auto& item : items) {
            ids.insert(item.id);
        }
    }
    return ids;
}

}  // namespace

ContestPackage load_contest_package(const fs::path& root) {
    if (!fs::is_directory(root)) {
        throw ContestPackageError(root.string(), "", "is not a contest folder");
    }
    ContestPackage pkg;
    pkg.root = root;

    auto contest = read_file(root, "contest");
    if (!contest) {
        throw ContestPackageError("contest.yaml", "", "missing in " + root.string());
    }
    pkg.contest = load_contest(*contest);

    auto problems = read_file(root, "problems");
    if (!problems) {
        throw ContestPackageError("problems.yaml", "", "missing in " + root.string());
    }
    auto problem_entries = entries(*problems, "problems");
    for (std::size_t i = 0; i < problem_entries.size(); ++i) {
        const auto& [where, node] = problem_entries[i];
        ProblemEntry p;
        p.id = id_field(*problems, node["id"], where + ".id");
        p.label = scalar(*problems, node["label"], where + ".label", false, p.id);
        p.name = scalar(*problems, node["name"], where + ".name", false);
        p.ordinal = static_cast<int>(i);
        if (node["ordinal"]) {
            std::string text = scalar(*problems, node["ordinal"], where + ".ordinal", true);
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), p.ordinal);
            if (ec != std::errc{} || end != text.data() + text.size()) {
                fail(*problems, where + ".ordinal", "must be an integer, not '" + text + "'");
            }
        }
        p.rgb = scalar(*problems, node["rgb"], where + ".rgb", false);
        if (!p.rgb.empty() && !is_rgb(p.rgb)) {
            fail(*problems, where + ".rgb", "'" + p.rgb + "' is not a colour like #ff8800");
        }
        p.color = scalar(*problems, node["color"], where + ".color", false);
        auto package = find_package(root, p.id);
        if (!package) {
            fail(*problems, where + ".id",
                 "no package for problem '" + p.id + "' (looked for problems/" + p.id + "/" + p.id +
                     ".zip, problems/" + p.id + "/problem.yaml, " + p.id + ".zip and " + p.id +
                     "/problem.yaml)");
        }
        p.package = *package;
        pkg.problems.push_back(std::move(p));
    }
    check_unique(*problems, problem_entries, pkg.problems);
    {
        std::set<std::string> labels;
        for (std::size_t i = 0; i < pkg.problems.size(); ++i) {
            if (!labels.insert(pkg.problems[i].label).second) {
                fail(*problems, problem_entries[i].first + ".label",
                     "duplicate label '" + pkg.problems[i].label + "'");
            }
        }
    }

    const auto org_ids =
        read_list(root, "organizations", pkg.organizations,
                  [](const Source& src, const YAML::Node& node, const std::string& where) {
                      Organization o;
                      o.id = id_field(src, node["id"], where + ".id");
                      o.name = scalar(src, node["name"], where + ".name", true);
                      o.formal_name = scalar(src, node["formal_name"], where + ".formal_name", false, o.name);
                      o.country = scalar(src, node["country"], where + ".country", false);
                      return o;
                  });

    const auto group_ids = read_list(root, "groups", pkg.groups,
                                     [](const Source& src, const YAML::Node& node, const std::string& where) {
                                         Group g;
                                         g.id = id_field(src, node["id"], where + ".id");
                                         g.name = scalar(src, node["name"], where + ".name", true);
                                         g.hidden = boolean(src, node["hidden"], where + ".hidden");
                                         return g;
                                     });

    const auto team_ids = read_list(
        root, "teams", pkg.teams, [&](const Source& src, const YAML::Node& node, const std::string& where) {
            Team t;
            t.id = id_field(src, node["id"], where + ".id");
            t.name = scalar(src, node["name"], where + ".name", true);
            t.label = scalar(src, node["label"], where + ".label", false, t.id);
            t.display_name = scalar(src, node["display_name"], where + ".display_name", false, t.name);
            t.organization_id = scalar(src, node["organization_id"], where + ".organization_id", false);
            if (!t.organization_id.empty() && !org_ids.contains(t.organization_id)) {
                fail(src, where + ".organization_id",
                     "unknown organization '" + t.organization_id + "' (not in organizations)");
            }
            if (const YAML::Node& gs = node["group_ids"]; gs && !gs.IsNull()) {
                if (!gs.IsSequence()) {
                    fail(src, where + ".group_ids", "must be a list of group ids");
                }
                for (std::size_t i = 0; i < gs.size(); ++i) {
                    std::string field = where + ".group_ids[" + std::to_string(i) + "]";
                    std::string g = scalar(src, gs[i], field, true);
                    if (!group_ids.contains(g)) {
                        fail(src, field, "unknown group '" + g + "' (not in groups)");
                    }
                    t.group_ids.push_back(g);
                }
            }
            t.hidden = boolean(src, node["hidden"], where + ".hidden");
            return t;
        });

    if (auto accounts = read_file(root, "accounts")) {
        auto list = entries(*accounts, "accounts");
        std::set<std::string> usernames;
        for (const auto& [where, node] : list) {
            Account a;
            a.username = scalar(*accounts, node["username"], where + ".username", true);
            if (a.username.empty() || a.username.find(':') != std::string::npos) {
                fail(*accounts, where + ".username", "must be non-empty and hold no ':'");
            }
            a.id = node["id"] ? id_field(*accounts, node["id"], where + ".id") : a.username;
            if (!is_valid_id(a.id)) {
                fail(*accounts, where + ".username",
                     "'" + a.id + "' cannot serve as an id; give an id field");
            }
            // No password (an export: passwords never leave the server) leaves the account locked until one
            // is given here; an empty one is a mistake.
            a.password = scalar(*accounts, node["password"], where + ".password", false);
            if (node["password"] && !node["password"].IsNull() && a.password.empty()) {
                fail(*accounts, where + ".password", "must not be empty");
            }
            std::string type = scalar(*accounts, node["type"], where + ".type", true);
            if (type == "team") {
                a.type = AccountType::Team;
            } else if (type == "judge") {
                a.type = AccountType::Judge;
            } else if (type == "admin") {
                a.type = AccountType::Admin;
            } else if (type == "analyst") {
                a.type = AccountType::Analyst;
            } else {
                fail(*accounts, where + ".type", "must be team, judge, admin or analyst, not '" + type + "'");
            }
            a.team_id = scalar(*accounts, node["team_id"], where + ".team_id", a.type == AccountType::Team);
            if (!a.team_id.empty() && !team_ids.contains(a.team_id)) {
                fail(*accounts, where + ".team_id", "unknown team '" + a.team_id + "' (not in teams)");
            }
            if (!usernames.insert(a.username).second) {
                fail(*accounts, where + ".username", "duplicate username '" + a.username + "'");
            }
            pkg.accounts.push_back(std::move(a));
        }
        check_unique(*accounts, list, pkg.accounts);
    }
    load_contest_results(root, pkg);
    return pkg;
}

}  // namespace khue::api
