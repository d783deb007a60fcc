// The results CSV (khue/api/results.hpp): UTF-8 with a byte order mark (spreadsheets then read Vietnamese
// names right), RFC 4180 quoting, one row per visible team in rank order.
#include "khue/api/results.hpp"
#include "server/contest_service.hpp"
#include "server/results.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace khue::api {

namespace {

// RFC 4180 quoting; a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
// leading apostrophe, so a team named "=HYPERLINK(...)" stays text.
std::string cell(std::string_view text) {
    std::string value;
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                          text[0] == '\t' || text[0] == '\r')) {
        value = "'";
    }
    value += text;
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string out = "\"";
    for (char c : value) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string number(double value) {
    char buffer[32];
    if (std::floor(value) == value && std::fabs(value) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.6g", value);
    }
    return buffer;
}

}  // namespace

std::string results_csv(ContestService& service) {
    store::Store& db = service.db();
    const std::string& cid = service.contest_id();
    bool pass_fail = service.contest().scoreboard_type != store::ScoreboardType::Score;
    std::map<std::string, store::Team> teams;
    for (auto& t : db.list_teams(cid)) {
        teams.emplace(t.id, std::move(t));
    }
    std::map<std::string, std::string> organizations;
    for (const auto& o : db.list_organizations(cid)) {
        organizations[o.id] = o.formal_name.empty() ? o.name : o.formal_name;
    }
    std::map<std::string, std::string> groups;
    for (const auto& g : db.list_groups(cid)) {
        groups[g.id] = g.name;
    }
    std::map<std::string, std::string> labels;
    auto problems = db.list_problems(cid);
    for (const auto& p : problems) {
        labels[p.id] = p.label.empty() ? p.id : p.label;
    }

    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte order mark
    out += pass_fail ? "rank,team_id,team,organization,group,solved,penalty"
                     : "rank,team_id,team,organization,group,solved,score";
    for (const auto& p : problems) {
        out += "," + cell(labels[p.id]);
    }
    out += "\r\n";

    auto standings = service.standings(ScoreboardView::Jury);
    auto key = [&](const ScoreboardRow& r) {
        return pass_fail ? std::make_tuple(-static_cast<double>(r.num_solved), r.total_time.count(),
                                           r.last_time.value_or(Millis{0}).count())
                         : std::make_tuple(-r.score, std::int64_t{0}, std::int64_t{0});
    };
    const ScoreboardRow* previous = nullptr;
    int rank = 0;
    int position = 0;
    for (const auto& row : standings->rows) {
        auto team = teams.find(row.team_id);
        if (team == teams.end() || team->second.hidden) {
            continue;  // hidden teams (the jury's own, guests) have no place in the results
        }
        ++position;
        if (previous == nullptr || key(row) != key(*previous)) {
            rank = position;
        }
        previous = &row;
        const store::Team& t = team->second;
        std::string group_names;
        for (const auto& g : t.group_ids) {
            auto it = groups.find(g);
            group_names += (group_names.empty() ? "" : "; ") + (it == groups.end() ? g : it->second);
        }
        std::string organization;
        if (t.organization_id) {
            auto it = organizations.find(*t.organization_id);
            organization = it == organizations.end() ? *t.organization_id : it->second;
        }
        out += std::to_string(rank) + "," + cell(t.id) + "," +
               cell(t.display_name.empty() ? t.name : t.display_name) + "," + cell(organization) + "," +
               cell(group_names) + "," + std::to_string(row.num_solved) + "," +
               (pass_fail ? std::to_string(row.total_time.count()) : number(row.score));
        std::map<std::string, const ScoreboardCell*> cells;
        for (const auto& c : row.problems) {
            cells[c.problem_id] = &c;
        }
        for (const auto& p : problems) {
            out += ",";
            auto it = cells.find(p.id);
            if (it == cells.end()) {
                continue;
            }
            const ScoreboardCell& c = *it->second;
            if (!pass_fail) {
                if (c.num_judged > 0) {
                    out += number(c.score);
                }
            } else if (c.solved && c.time) {
                // tries/minute of the accepted submission
                out += std::to_string(c.num_judged) + "/" +
                       std::to_string(std::chrono::duration_cast<std::chrono::minutes>(*c.time).count());
            } else if (c.num_judged > 0) {
                out += std::to_string(c.num_judged) + "/-";
            }
        }
        out += "\r\n";
    }
    return out;
}

std::string results_csv(store::Store& db, const std::string& contest_id) {
    ContestService service(db, contest_id);  // throws naming the contest when the store has none
    service.replay();
    return results_csv(service);
}

}  // namespace khue::api
