// The awards of a contest (docs/contest-api.md, "Awards"): which awards it gives (the `khue: awards:` part of
// contest.yaml, or the console), and the Contest API 2026-01 award objects computed from a scoreboard.
#pragma once

#include "khue/api/scoreboard.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace khue::api {

struct AwardRules {
    // Medals by count of places: a team whose rank is at most `gold` gets gold, at most gold + silver silver,
    // at most gold + silver + bronze bronze (tied teams share a medal). Only teams that scored get one.
    int gold = 0;
    int silver = 0;
    int bronze = 0;
    bool honorable_mention = false;     // every team that scored and got no medal
    bool winner = true;                 // the team(s) ranked first
    bool first_to_solve = true;         // first-to-solve-<problem>
    bool group_winners = false;         // group-winner-<group>: the best team(s) of each group
    bool organization_winners = false;  // organization-winner-<organization>
    bool operator==(const AwardRules&) const = default;
};

// Reads the JSON object {"gold": 4, ...} (text, or already parsed); an empty text gives the defaults. On an
// unknown key or a wrong type: nullopt with `error` naming the property.
std::optional<AwardRules> parse_award_rules(std::string_view json_text, std::string& error);
std::optional<AwardRules> parse_award_rules_json(const boost::json::value& value, std::string& error);
boost::json::object award_rules_json(const AwardRules& rules);

// What the awards need to know besides the ranking: names for the citations, each team's organization and
// groups, and the problems' labels.
struct AwardContext {
    bool pass_fail = true;
    std::map<std::string, std::string> problem_labels;      // id -> label (the id when missing)
    std::map<std::string, std::string> group_names;         // visible groups only
    std::map<std::string, std::string> organization_names;  // id -> name
    std::map<std::string, std::string> team_organization;   // team id -> organization id
    std::map<std::string, std::vector<std::string>> team_groups;
};

// The award objects {id, citation, team_ids}, in a fixed order (winner, medals, honorable mention, first to
// solve by problem, group winners, organization winners); awards nobody earned are left out. The
// first-to-solve awards follow the cells' first_to_solve flags (see ScoreboardCell).
boost::json::array compute_awards(const Standings& standings, const AwardRules& rules,
                                  const AwardContext& context);

}  // namespace khue::api
