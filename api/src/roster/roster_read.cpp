// Reading accounts in bulk: the UTF-8 check, the documented CSV with a header, and DOMjudge's teams.tsv,
// accounts.tsv, groups.tsv and organizations.json (docs/cli.md).
#include "khue/api/contest.hpp"
#include "khue/api/csv.hpp"
#include "khue/api/roster.hpp"
#include "khue/judge/hash.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

namespace khue::api {

namespace {

std::string trim(std::string_view s) {
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// Header names compare without case (ASCII) and with spaces as underscores.
std::string header_key(std::string_view s) {
    std::string out = trim(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (c == ' ' || c == '-') {
            c = '_';
        }
    }
    return out;
}

enum class Col {
    TeamId,
    TeamName,
    Organization,
    OrganizationId,
    Country,
    Members,
    Group,
    GroupId,
    Username,
    Password
};

// Each column with the names a spreadsheet may give it, English and Vietnamese.
const std::vector<std::pair<Col, std::vector<std::string>>>& column_names() {
    static const std::vector<std::pair<Col, std::vector<std::string>>> names = {
        {Col::TeamId, {"team_id", "mã_đội"}},
        {Col::TeamName, {"team_name", "team", "tên_đội"}},
        {Col::Organization, {"organization", "school", "trường", "đơn_vị"}},
        {Col::OrganizationId, {"organization_id", "school_id"}},
        {Col::Country, {"country"}},
        {Col::Members, {"members", "thành_viên"}},
        {Col::Group, {"group", "category", "nhóm", "bảng"}},
        {Col::GroupId, {"group_id"}},
        {Col::Username, {"username", "tên_đăng_nhập"}},
        {Col::Password, {"password", "mật_khẩu"}},
    };
    return names;
}

const char* column_title(Col c) {
    return column_names()[static_cast<std::size_t>(c)].second.front().c_str();
}

// An id for a school or group that has only a name: stable, so a re-import finds the same one.
std::string derived_id(const char* prefix, const std::string& name) {
    return std::string(prefix) + judge::sha256_hex(name).substr(0, 10);
}

bool valid_username(std::string_view u) {
    if (u.empty() || u.size() > 64) {
        return false;
    }
    return std::none_of(u.begin(), u.end(),
                        [](char c) { return c == ':' || static_cast<unsigned char>(c) <= ' '; });
}

void add_organization(Roster& r, store::Organization o) {
    for (auto& have : r.organizations) {
        if (have.id == o.id) {
            if (!o.country.empty()) {
                have.country = o.country;
            }
            return;
        }
    }
    r.organizations.push_back(std::move(o));
}

void add_group(Roster& r, store::Group g, bool rename) {
    for (auto& have : r.groups) {
        if (have.id == g.id) {
            if (rename) {
                have.name = g.name;
            }
            return;
        }
    }
    r.groups.push_back(std::move(g));
}

// Duplicates within the input: the first place an id was seen.
struct Seen {
    std::map<std::string, std::string> teams;
    std::map<std::string, std::string> usernames;
};

void claim_unique(std::map<std::string, std::string>& seen, const std::string& value, const char* what,
                  const std::string& file, int line, int column) {
    std::string here = file + " line " + std::to_string(line);
    auto [it, fresh] = seen.emplace(value, here);
    if (!fresh) {
        throw RosterError(file, line, column,
                          std::string(what) + " '" + value + "' appears twice (also on " + it->second + ")");
    }
}

void read_csv(Roster& roster, const std::string& text, const std::string& file, Seen& seen) {
    std::vector<CsvRecord> records;
    try {
        records = parse_csv(text, guess_delimiter(text));
    } catch (const CsvError& e) {
        std::string message = e.what();
        throw RosterError(file, e.line(), e.column(), message.substr(message.find(": ") + 2));
    }
    if (records.empty()) {
        throw RosterError(file, 0, 0, "the file is empty (expected a header line, then one line per team)");
    }
    std::map<Col, int> at;  // column -> 0-based index
    const CsvRecord& header = records.front();
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        std::string key = header_key(header.fields[i]);
        int column = static_cast<int>(i) + 1;
        if (key.empty() || key == "stt" || key.starts_with('#')) {
            continue;  // a row number ("STT") or a note column
        }
        std::optional<Col> found;
        for (const auto& [col, names] : column_names()) {
            if (std::find(names.begin(), names.end(), key) != names.end()) {
                found = col;
            }
        }
        if (!found) {
            std::string known;
            for (const auto& [col, names] : column_names()) {
                known += (known.empty() ? "" : ", ") + names.front();
            }
            throw RosterError(file, header.line, column,
                              "unknown column '" + trim(header.fields[i]) + "' (known: " + known + ")");
        }
        if (at.contains(*found)) {
            throw RosterError(file, header.line, column,
                              "column '" + std::string(column_title(*found)) + "' appears twice");
        }
        at[*found] = static_cast<int>(i);
    }
    if (!at.contains(Col::TeamName)) {
        throw RosterError(file, header.line, 0, "missing column 'team_name' (the team's name)");
    }
    if (!at.contains(Col::TeamId) && !at.contains(Col::Username)) {
        throw RosterError(file, header.line, 0,
                          "missing column 'team_id' or 'username' (what tells the teams apart on re-import)");
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& row = records[r];
        if (row.fields.size() > header.fields.size()) {
            throw RosterError(file, row.line, static_cast<int>(header.fields.size()) + 1,
                              "this line has " + std::to_string(row.fields.size()) + " columns, the header " +
                                  std::to_string(header.fields.size()));
        }
        auto get = [&](Col c) -> std::string {
            auto it = at.find(c);
            if (it == at.end() || static_cast<std::size_t>(it->second) >= row.fields.size()) {
                return {};
            }
            return trim(row.fields[static_cast<std::size_t>(it->second)]);
        };
        auto col = [&](Col c) { return at.contains(c) ? at[c] + 1 : 0; };
        store::Team team;
        std::string username = get(Col::Username);
        team.id = get(Col::TeamId).empty() ? username : get(Col::TeamId);
        int id_column = get(Col::TeamId).empty() ? col(Col::Username) : col(Col::TeamId);
        if (team.id.empty()) {
            throw RosterError(file, row.line, id_column, "the team has no id (team_id or username is empty)");
        }
        if (!is_valid_id(team.id)) {
            throw RosterError(file, row.line, id_column,
                              "'" + team.id +
                                  "' is not a valid team id (letters, digits, '_', '.', '-', at most "
                                  "36)");
        }
        team.name = get(Col::TeamName);
        if (team.name.empty()) {
            throw RosterError(file, row.line, col(Col::TeamName), "the team has no name");
        }
        team.display_name = team.name;
        team.label = team.id;
        claim_unique(seen.teams, team.id, "team id", file, row.line, id_column);
        if (username.empty()) {
            username = team.id;
        }
        if (!valid_username(username)) {
            throw RosterError(
                file, row.line, col(Col::Username),
                "'" + username + "' is not a valid username (no spaces or ':', at most 64 bytes)");
        }
        claim_unique(seen.usernames, username, "username", file, row.line, col(Col::Username));
        if (std::string school = get(Col::Organization), school_id = get(Col::OrganizationId);
            !school.empty() || !school_id.empty()) {
            store::Organization o;
            o.id = school_id.empty() ? derived_id("org-", school) : school_id;
            if (!is_valid_id(o.id)) {
                throw RosterError(file, row.line, col(Col::OrganizationId),
                                  "'" + o.id + "' is not a valid id");
            }
            o.name = school.empty() ? o.id : school;
            o.formal_name = o.name;
            o.country = get(Col::Country);
            team.organization_id = o.id;
            add_organization(roster, std::move(o));
        }
        if (std::string group = get(Col::Group), group_id = get(Col::GroupId);
            !group.empty() || !group_id.empty()) {
            store::Group g;
            g.id = group_id.empty() ? derived_id("grp-", group) : group_id;
            if (!is_valid_id(g.id)) {
                throw RosterError(file, row.line, col(Col::GroupId), "'" + g.id + "' is not a valid id");
            }
            g.name = group.empty() ? g.id : group;
            team.group_ids.push_back(g.id);
            add_group(roster, std::move(g), false);
        }
        RosterAccount account;
        account.username = username;
        if (std::string pw = get(Col::Password); !pw.empty()) {
            account.password = pw;
        }
        account.team_id = team.id;
        account.name = get(Col::Members).empty() ? team.name : get(Col::Members);
        account.where = file + " line " + std::to_string(row.line);
        roster.teams.push_back(std::move(team));
        roster.accounts.push_back(std::move(account));
    }
}

// DOMjudge's tab-separated files: a first line "<kind>\t1", then one record a line, no quoting.
std::vector<std::pair<int, std::vector<std::string>>> tsv_lines(const std::string& text,
                                                                const std::string& file,
                                                                std::string_view kind) {
    std::vector<std::pair<int, std::vector<std::string>>> out;
    bool header = false;
    int line = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        std::string_view l(text.data() + pos, (end == std::string::npos ? text.size() : end) - pos);
        pos = end == std::string::npos ? text.size() + 1 : end + 1;
        ++line;
        if (!l.empty() && l.back() == '\r') {
            l.remove_suffix(1);
        }
        if (l.empty()) {
            continue;
        }
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (;;) {
            auto tab = l.find('\t', start);
            fields.push_back(
                trim(l.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
            if (tab == std::string_view::npos) {
                break;
            }
            start = tab + 1;
        }
        if (!header) {
            if (fields.front() != kind) {
                throw RosterError(file, line, 1,
                                  "expected the DOMjudge header '" + std::string(kind) + "<TAB>1', found '" +
                                      fields.front() + "'");
            }
            header = true;
            continue;
        }
        out.emplace_back(line, std::move(fields));
    }
    if (!header) {
        throw RosterError(file, 0, 0, "the file is empty");
    }
    return out;
}

void need_columns(const std::vector<std::string>& fields, std::size_t n, const std::string& file, int line,
                  const char* layout) {
    if (fields.size() < n) {
        throw RosterError(file, line, static_cast<int>(fields.size()) + 1,
                          "expected " + std::to_string(n) + " tab-separated columns (" + layout +
                              "), found " + std::to_string(fields.size()));
    }
}

void read_teams_tsv(Roster& roster, const std::string& text, const std::string& file, Seen& seen) {
    for (auto& [line, f] : tsv_lines(text, file, "teams")) {
        need_columns(f, 4, file, line,
                     "number, external id, category id, name, institution name, short name, country, "
                     "institution id");
        store::Team team;
        team.id = f[1].empty() ? f[0] : f[1];
        int id_column = f[1].empty() ? 1 : 2;
        if (!is_valid_id(team.id)) {
            throw RosterError(file, line, id_column, "'" + team.id + "' is not a valid team id");
        }
        claim_unique(seen.teams, team.id, "team id", file, line, id_column);
        team.name = f[3];
        if (team.name.empty()) {
            throw RosterError(file, line, 4, "the team has no name");
        }
        team.display_name = team.name;
        team.label = f[0].empty() ? team.id : f[0];
        if (!f[2].empty()) {
            if (!is_valid_id(f[2])) {
                throw RosterError(file, line, 3, "'" + f[2] + "' is not a valid category id");
            }
            team.group_ids.push_back(f[2]);
            add_group(roster, store::Group{{}, f[2], "Category " + f[2], false}, false);
        }
        std::string school = f.size() > 4 ? f[4] : "";
        std::string school_id = f.size() > 7 ? f[7] : "";
        if (!school.empty() || !school_id.empty()) {
            store::Organization o;
            o.id = school_id.empty() ? derived_id("org-", school) : school_id;
            if (!is_valid_id(o.id)) {
                throw RosterError(file, line, 8, "'" + o.id + "' is not a valid institution id");
            }
            o.name = f.size() > 5 && !f[5].empty() ? f[5] : (school.empty() ? o.id : school);
            o.formal_name = school.empty() ? o.name : school;
            o.country = f.size() > 6 ? f[6] : "";
            team.organization_id = o.id;
            add_organization(roster, std::move(o));
        }
        roster.teams.push_back(std::move(team));
    }
}

void read_groups_tsv(Roster& roster, const std::string& text, const std::string& file) {
    for (auto& [line, f] : tsv_lines(text, file, "groups")) {
        need_columns(f, 2, file, line, "category id, name");
        if (!is_valid_id(f[0])) {
            throw RosterError(file, line, 1, "'" + f[0] + "' is not a valid category id");
        }
        add_group(roster, store::Group{{}, f[0], f[1].empty() ? f[0] : f[1], false}, true);
    }
}

void read_accounts_tsv(Roster& roster, const std::string& text, const std::string& file, Seen& seen) {
    for (auto& [line, f] : tsv_lines(text, file, "accounts")) {
        need_columns(f, 4, file, line, "type, full name, username, password");
        RosterAccount a;
        auto type = store::account_type_from_string(f[0]);
        if (!type) {
            throw RosterError(file, line, 1,
                              "unknown account type '" + f[0] + "' (team, judge, admin, analyst)");
        }
        a.type = *type;
        a.name = f[1];
        a.username = f[2];
        if (!valid_username(a.username)) {
            throw RosterError(file, line, 3, "'" + a.username + "' is not a valid username");
        }
        claim_unique(seen.usernames, a.username, "username", file, line, 3);
        if (!f[3].empty()) {
            a.password = f[3];
        }
        if (a.type == store::AccountType::Team) {
            // DOMjudge ties "team007" to team 7; a fifth column may name the team outright.
            if (f.size() > 4 && !f[4].empty()) {
                a.team_id = f[4];
            } else if (a.username.starts_with("team")) {
                std::string digits = a.username.substr(4);
                while (digits.size() > 1 && digits.front() == '0') {
                    digits.erase(0, 1);
                }
                a.team_id = digits;
            }
            if (a.team_id.empty()) {
                throw RosterError(
                    file, line, 3,
                    "team account '" + a.username +
                        "' names no team (use username teamNNN or a fifth column with the team id)");
            }
        }
        a.where = file + " line " + std::to_string(line);
        roster.accounts.push_back(std::move(a));
    }
}

void read_organizations_json(Roster& roster, const std::string& text, const std::string& file) {
    boost::json::stream_parser parser;
    std::error_code ec;
    std::size_t used = parser.write(text.data(), text.size(), ec);
    if (!ec) {
        parser.finish(ec);
    }
    if (ec) {
        int line =
            1 + static_cast<int>(std::count(
                    text.begin(), text.begin() + static_cast<long>(std::min(used, text.size())), '\n'));
        throw RosterError(file, line, 0, "not valid JSON: " + ec.message());
    }
    boost::json::value v = parser.release();
    if (!v.is_array()) {
        throw RosterError(file, 1, 0, "expected a JSON array of organizations");
    }
    int index = 0;
    for (const auto& item : v.as_array()) {
        ++index;
        auto str = [&](const char* key) -> std::string {
            const boost::json::value* f = item.is_object() ? item.as_object().if_contains(key) : nullptr;
            return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string{};
        };
        store::Organization o;
        o.id = str("id");
        o.name = str("name");
        if (!is_valid_id(o.id)) {
            throw RosterError(
                file, 0, 0, "organization " + std::to_string(index) + ": 'id' is missing or not a valid id");
        }
        if (o.name.empty()) {
            throw RosterError(
                file, 0, 0, "organization " + std::to_string(index) + " ('" + o.id + "'): 'name' is missing");
        }
        o.formal_name = str("formal_name").empty() ? o.name : str("formal_name");
        o.country = str("country");
        add_organization(roster, std::move(o));
    }
}

}  // namespace

namespace {

std::string located(const std::string& file, int line, int column, const std::string& message) {
    std::string where = file + ": ";
    if (line > 0) {
        where +=
            "line " + std::to_string(line) + (column > 0 ? ", column " + std::to_string(column) : "") + ": ";
    }
    return where + message;
}

}  // namespace

RosterError::RosterError(std::string file, int line, int column, const std::string& message)
    : std::runtime_error(located(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

std::string utf8_text(std::string_view bytes, const std::string& file) {
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        throw RosterError(file, 0, 0,
                          "the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" instead");
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    }
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < bytes.size();) {
        auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n != 0 && i + n <= bytes.size();
        for (std::size_t k = 1; ok && k < n; ++k) {
            ok = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
        }
        if (ok && n > 1) {
            // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
            unsigned cp = c & (0x7F >> n);
            for (std::size_t k = 1; k < n; ++k) {
                cp = (cp << 6) | (static_cast<unsigned char>(bytes[i + k]) & 0x3F);
            }
            ok = !(n == 2 && cp < 0x80) && !(n == 3 && cp < 0x800) && !(n == 4 && cp < 0x10000) &&
                 !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
        }
        if (!ok || c == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", c);
            throw RosterError(
                file, line, 0,
                std::string(c == 0 ? "a NUL byte" : "byte " + std::string(hex) + " is not UTF-8") +
                    " (character " + std::to_string(column) +
                    "); the file is in another encoding (Windows-1258 or TCVN3?): save it as "
                    "\"CSV UTF-8\"");
        }
        if (c == '\n') {
            ++line;
            column = 0;
        }
        ++column;
        i += n;
    }
    return std::string(bytes);
}

void read_roster_file(Roster& roster, std::string_view bytes, const std::string& file) {
    std::string text = utf8_text(bytes, file);
    std::string name =
        file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
    // Ids seen by earlier files of the same import count too.
    Seen seen;
    for (const auto& t : roster.teams) {
        seen.teams.emplace(t.id, "an earlier file");
    }
    for (const auto& a : roster.accounts) {
        seen.usernames.emplace(a.username, a.where);
    }
    if (name == "organizations.json") {
        read_organizations_json(roster, text, file);
    } else if (name == "teams.tsv") {
        read_teams_tsv(roster, text, file, seen);
    } else if (name == "accounts.tsv") {
        read_accounts_tsv(roster, text, file, seen);
    } else if (name == "groups.tsv") {
        read_groups_tsv(roster, text, file);
    } else {
        read_csv(roster, text, file, seen);
    }
}

}  // namespace khue::api
