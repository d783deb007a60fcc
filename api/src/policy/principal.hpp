// Who is asking: the role a request authenticated as. Internal to the server.
#pragma once

#include <string>

namespace khue::api {

// Ordered: a route's minimum role admits every role at or above it.
enum class Role { Public = 0, Team = 1, Jury = 2, Admin = 3 };

struct Principal {
    Role role = Role::Public;
    std::string username;
    std::string team_id;  // for Role::Team
    bool sees_all() const { return role == Role::Jury || role == Role::Admin; }
    bool at_least(Role r) const { return static_cast<int>(role) >= static_cast<int>(r); }
};

}  // namespace khue::api
