#include "khue/api/awards.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace khue::api {

namespace json = boost::json;

std::optional<AwardRules> parse_award_rules_json(const json::value& value, std::string& error) {
    AwardRules rules;
    if (value.is_null()) {
        return rules;
    }
    if (!value.is_object()) {
        error = "awards must be an object like {\"gold\": 4, \"silver\": 4, \"bronze\": 4}";
        return std::nullopt;
    }
    for (const auto& entry : value.as_object()) {
        // Not a structured binding: the lambdas below capture it (clang before 16 cannot capture bindings).
        std::string name(entry.key());
        const boost::json::value& v = entry.value();
        auto count = [&](int& out) {
            if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > 100000) {
                error = "awards." + name + " must be a whole number of places, 0 or more";
                return false;
            }
            out = static_cast<int>(v.as_int64());
            return true;
        };
        auto flag = [&](bool& out) {
            if (!v.is_bool()) {
                error = "awards." + name + " must be true or false";
                return false;
            }
            out = v.as_bool();
            return true;
        };
        bool ok = name == "gold"                ? count(rules.gold)
                  : name == "silver"            ? count(rules.silver)
                  : name == "bronze"            ? count(rules.bronze)
                  : name == "honorable_mention" ? flag(rules.honorable_mention)
                  : name == "winner"            ? flag(rules.winner)
                  : name == "first_to_solve"    ? flag(rules.first_to_solve)
                  : name == "group_winners"     ? flag(rules.group_winners)
                  : name == "organization_winners"
                      ? flag(rules.organization_winners)
                      : (error = "awards." + name +
                                 " is not a known award setting (gold, silver, "
                                 "bronze, honorable_mention, winner, first_to_solve, "
                                 "group_winners, organization_winners)",
                         false);
        if (!ok) {
            return std::nullopt;
        }
    }
    return rules;
}

std::optional<AwardRules> parse_award_rules(std::string_view json_text, std::string& error) {
    if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return AwardRules{};
    }
    std::error_code ec;
    json::value v = json::parse(json_text, ec);
    if (ec) {
        error = "awards: not valid JSON (" + ec.message() + ")";
        return std::nullopt;
    }
    return parse_award_rules_json(v, error);
}

json::object award_rules_json(const AwardRules& r) {
    return {{"gold", r.gold},
            {"silver", r.silver},
            {"bronze", r.bronze},
            {"honorable_mention", r.honorable_mention},
            {"winner", r.winner},
            {"first_to_solve", r.first_to_solve},
            {"group_winners", r.group_winners},
            {"organization_winners", r.organization_winners}};
}

namespace {

std::string name_or_id(const std::map<std::string, std::string>& names, const std::string& id) {
    auto it = names.find(id);
    return it == names.end() || it->second.empty() ? id : it->second;
}

}  // namespace

json::array compute_awards(const Standings& standings, const AwardRules& rules, const AwardContext& ctx) {
    auto scored = [&](const ScoreboardRow& r) { return ctx.pass_fail ? r.num_solved > 0 : r.score > 0; };
    json::array out;
    auto add = [&](std::string id, std::string citation, json::array teams) {
        if (!teams.empty()) {
            out.push_back(json::object{
                {"id", std::move(id)}, {"citation", std::move(citation)}, {"team_ids", std::move(teams)}});
        }
    };
    auto teams_where = [&](auto&& keep) {
        json::array teams;
        for (const auto& r : standings.rows) {
            if (scored(r) && keep(r)) {
                teams.emplace_back(r.team_id);
            }
        }
        return teams;
    };
    if (rules.winner) {
        add("winner", "Contest winner", teams_where([](const ScoreboardRow& r) { return r.rank == 1; }));
    }
    int gold = rules.gold, silver = gold + rules.silver, bronze = silver + rules.bronze;
    add("gold-medal", "Gold medal", teams_where([&](const ScoreboardRow& r) { return r.rank <= gold; }));
    add("silver-medal", "Silver medal",
        teams_where([&](const ScoreboardRow& r) { return r.rank > gold && r.rank <= silver; }));
    add("bronze-medal", "Bronze medal",
        teams_where([&](const ScoreboardRow& r) { return r.rank > silver && r.rank <= bronze; }));
    if (rules.honorable_mention) {
        add("honorable-mention", "Honorable mention",
            teams_where([&](const ScoreboardRow& r) { return r.rank > bronze; }));
    }
    if (rules.first_to_solve && !standings.rows.empty()) {
        // Problems in the scoreboard's (ordinal) order.
        for (std::size_t p = 0; p < standings.rows.front().problems.size(); ++p) {
            const std::string& problem = standings.rows.front().problems[p].problem_id;
            json::array teams;
            for (const auto& r : standings.rows) {
                if (p < r.problems.size() && r.problems[p].first_to_solve) {
                    teams.emplace_back(r.team_id);
                }
            }
            add("first-to-solve-" + problem,
                "First to solve problem " + name_or_id(ctx.problem_labels, problem), std::move(teams));
        }
    }
    // The best team(s) of each group or organization: the best rank among its teams that scored.
    auto winners_by = [&](const std::string& prefix, const std::string& citation,
                          const std::map<std::string, std::string>& names, auto&& members_of) {
        std::map<std::string, int> best;
        for (const auto& r : standings.rows) {
            if (!scored(r)) {
                continue;
            }
            for (const std::string& key : members_of(r.team_id)) {
                if (names.contains(key) && !best.contains(key)) {
                    best[key] = r.rank;  // rows are in rank order
                }
            }
        }
        for (const auto& [key, rank] : best) {
            json::array teams;
            for (const auto& r : standings.rows) {
                if (r.rank == rank && scored(r)) {
                    auto members = members_of(r.team_id);
                    if (std::find(members.begin(), members.end(), key) != members.end()) {
                        teams.emplace_back(r.team_id);
                    }
                }
            }
            add(prefix + key, citation + name_or_id(names, key), std::move(teams));
        }
    };
    if (rules.group_winners) {
        winners_by("group-winner-", "Winner of ", ctx.group_names, [&](const std::string& team) {
            auto it = ctx.team_groups.find(team);
            return it == ctx.team_groups.end() ? std::vector<std::string>{} : it->second;
        });
    }
    if (rules.organization_winners) {
        winners_by("organization-winner-", "Best team of ", ctx.organization_names,
                   [&](const std::string& team) {
                       auto it = ctx.team_organization.find(team);
                       return it == ctx.team_organization.end() ? std::vector<std::string>{}
                                                                : std::vector<std::string>{it->second};
                   });
    }
    return out;
}

}  // namespace khue::api
