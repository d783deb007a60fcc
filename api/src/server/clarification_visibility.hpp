// Who sees a clarification, from its Contest API object: the same answer for the REST endpoint and the feed.
// Internal to the server.
#pragma once

#include "policy/visibility.hpp"
#include "server/json_fields.hpp"

#include <boost/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace khue::api {

// `teams_in_group` lists the teams of a group (to_group_ids reach the teams in those groups).
inline Visibility clarification_visibility(
    const boost::json::value* data,
    const std::function<std::vector<std::string>(const std::string&)>& teams_in_group) {
    std::string from = string_field(data, "from_team_id");
    const boost::json::value* to_teams = field(data, "to_team_ids");
    const boost::json::value* to_groups = field(data, "to_group_ids");
    bool has_teams = to_teams != nullptr && to_teams->is_array();
    bool has_groups = to_groups != nullptr && to_groups->is_array();
    std::vector<std::string> recipients;
    if (has_teams) {
        for (const auto& t : to_teams->as_array()) {
            if (t.is_string()) {
                recipients.emplace_back(t.as_string());
            }
        }
    }
    if (has_groups) {
        for (const auto& g : to_groups->as_array()) {
            if (g.is_string()) {
                for (auto& t : teams_in_group(std::string(g.as_string()))) {
                    recipients.push_back(std::move(t));
                }
            }
        }
    }
    std::optional<std::string> sender;
    if (!from.empty()) {
        sender = from;
    }
    return visible::clarification(sender, from.empty() && !has_teams && !has_groups, std::move(recipients));
}

}  // namespace khue::api
