// What a `teams` event's data says of a team on the scoreboard: shared by the live scoreboards
// (ContestService) and the frozen view the resolver replays. Internal to the server.
#pragma once

#include "khue/api/scoreboard.hpp"
#include "server/json_fields.hpp"

#include <string>

namespace khue::api {

// The display name (else the name), the string group ids and the hidden flag; mistyped fields read as absent.
inline ScoreboardTeam scoreboard_team_from_event(std::string id, const boost::json::value* data) {
    ScoreboardTeam team;
    team.id = std::move(id);
    team.name = string_field(data, "display_name");
    if (team.name.empty()) {
        team.name = string_field(data, "name");
    }
    if (const boost::json::value* groups = field(data, "group_ids");
        groups != nullptr && groups->is_array()) {
        for (const auto& g : groups->as_array()) {
            if (g.is_string()) {
                team.group_ids.emplace_back(g.as_string());
            }
        }
    }
    team.hidden = bool_field(data, "hidden");
    return team;
}

}  // namespace khue::api
