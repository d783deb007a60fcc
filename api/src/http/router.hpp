// The route table: every HTTP endpoint is one row {method, pattern, minimum role, handler}. dispatch() finds
// the row, checks the role and calls the handler; anything outside /api and /metrics is a web page.
#pragma once

#include "app.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace khue::api {

// One matched request, as a handler sees it.
struct Call {
    App& app;
    // The contest the route names ({contest}), or for routes without one the ?contest= of the query, else
    // the server's default contest.
    ContestService& service;
    const Request& request;
    const Principal& who;  // scoped to `service`'s contest (Principal::scoped)
    // The values of the pattern's {placeholders} after {contest}, in order ("/teams/{id}" gives {id}).
    std::vector<std::string> args;
    // The placeholder's value, or empty when the pattern has no such position.
    const std::string& arg(std::size_t i) const;
};

using Handler = Response (*)(Call&);

struct Route {
    std::string_view method;   // GET also answers HEAD
    std::string_view pattern;  // "/api/contests/{contest}/teams/{id}": {contest} is the served contest
    Role min_role;             // below it: 401 for the public, 403 for a logged-in account
    Handler handler;
};

// The whole table (http/routes.cpp).
std::span<const Route> routes();

// 401 (asking for credentials) for the public, 403 otherwise.
Response not_allowed(const Principal& who, std::string_view what);

}  // namespace khue::api
