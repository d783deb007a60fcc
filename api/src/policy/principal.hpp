// Who is asking: the role a request authenticated as. Internal to the server.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace khue::api {

// Ordered: a route's minimum role admits every role at or above it.
enum class Role { Public = 0, Team = 1, Jury = 2, Admin = 3 };

struct Principal {
    Role role = Role::Public;
    std::string username;
    std::string team_id;  // for Role::Team: the team in the contest of the request (see scoped())
    // The contests a team account plays in, with its team in each (contest id, team id). Empty for an
    // account of no particular contest (its team_id then holds everywhere, as with one contest).
    std::vector<std::pair<std::string, std::string>> contests;
    bool sees_all() const { return role == Role::Jury || role == Role::Admin; }
    bool at_least(Role r) const { return static_cast<int>(role) >= static_cast<int>(r); }
    // Who this is in one contest: a team account is its team there, and only the public in a contest it
    // does not take part in. Judges and admins are the jury of every contest.
    Principal scoped(const std::string& contest_id) const {
        if (role != Role::Team || contests.empty()) {
            return *this;
        }
        Principal out = *this;
        for (const auto& [contest, team] : contests) {
            if (contest == contest_id) {
                out.team_id = team;
                return out;
            }
        }
        out.role = Role::Public;
        out.team_id.clear();
        return out;
    }
};

}  // namespace khue::api
