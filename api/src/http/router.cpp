#include "http/router.hpp"

#include "auth/auth.hpp"
#include "khue/api/password.hpp"

#include <spdlog/spdlog.h>
#include <boost/algorithm/string/predicate.hpp>

namespace khue::api {

namespace {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto next = path.find('/', pos);
        if (next == std::string_view::npos) {
            next = path.size();
        }
        if (next > pos) {
            out.push_back(path.substr(pos, next - pos));
        }
        pos = next + 1;
    }
    return out;
}

// Whether `path` fits `pattern`; the placeholders' values after {contest} go to `args`, the contest's to
// `contest_id`.
bool matches(const std::vector<std::string_view>& pattern, const std::vector<std::string_view>& path,
             std::string& contest_id, std::vector<std::string>& args) {
    if (pattern.size() != path.size()) {
        return false;
    }
    args.clear();
    contest_id.clear();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == "{contest}") {
            contest_id = path[i];
        } else if (pattern[i].starts_with('{')) {
            args.emplace_back(path[i]);
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    return true;
}

bool method_fits(std::string_view route, std::string_view method) {
    return route == method || (route == "GET" && method == "HEAD");
}

// No row fits the path: say what is missing as precisely as the path allows.
Response not_found(App& app, const std::vector<std::string_view>& path) {
    if (path.size() >= 3 && path[0] == "api" && path[1] == "contests") {
        if (app.contests.find(std::string(path[2])) == nullptr) {
            return error_response(404, "no contest with id '" + std::string(path[2]) + "'");
        }
        if (path.size() >= 4) {
            return error_response(404, "no endpoint '" + std::string(path[3]) + "' in the Contest API");
        }
    }
    return error_response(404, "no endpoint " + std::string(path.empty() ? "/" : path.back()));
}

}  // namespace

const std::string& Call::arg(std::size_t i) const {
    static const std::string none;
    return i < args.size() ? args[i] : none;
}

Response not_allowed(const Principal& who, std::string_view what) {
    if (who.role == Role::Public) {
        auto r = error_response(401, "log in: " + std::string(what));
        r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"khue\"");
        return r;
    }
    return error_response(403, what);
}

std::optional<Principal> authenticate(App& app, const Request& request) {
    if (request.authorization.empty()) {
        return Principal{};
    }
    std::string_view header = request.authorization;
    constexpr std::string_view basic = "Basic ";
    if (!boost::algorithm::istarts_with(header, basic)) {
        return std::nullopt;
    }
    std::string decoded;
    if (!base64_decode(header.substr(basic.size()), decoded)) {
        return std::nullopt;
    }
    auto colon = decoded.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    return app.auth->check(decoded.substr(0, colon), decoded.substr(colon + 1), request.remote_address);
}

Response handle(App& app, const Request& request) {
    bool api = request.path == "/api" || request.path.starts_with("/api/");
    Principal who;
    if (api) {
        auto checked = authenticate(app, request);
        if (!checked) {
            return login_refused(app, request);  // 429 while failed logins are throttled, else 401
        }
        who = std::move(*checked);
    }
    auto path = segments(request.path);
    std::string allowed;
    std::vector<std::string> args;
    std::string contest_id;
    static const std::vector<std::vector<std::string_view>> patterns = [] {
        std::vector<std::vector<std::string_view>> out;
        for (const Route& route : routes()) {
            out.push_back(segments(route.pattern));
        }
        return out;
    }();
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const Route& route = routes()[i];
        if (!matches(patterns[i], path, contest_id, args)) {
            continue;
        }
        // The contest: the one the path names, else ?contest=, else the default one.
        ContestService* service = nullptr;
        if (contest_id.empty()) {
            contest_id = request.param("contest").value_or("");
        }
        if (contest_id.empty()) {
            service = &app.contests.primary();
        } else if (service = app.contests.find(contest_id); service == nullptr) {
            return error_response(404, "no contest with id '" + contest_id + "'");
        }
        if (!method_fits(route.method, request.method)) {
            allowed += (allowed.empty() ? "" : ", ") + std::string(route.method);
            continue;
        }
        Principal scoped = who.scoped(service->contest_id());
        if (!scoped.at_least(route.min_role)) {
            if (who.role != Role::Public && scoped.role == Role::Public) {
                return error_response(403, "account '" + who.username + "' takes no part in contest '" +
                                               service->contest_id() + "'");
            }
            static constexpr std::string_view kNames[] = {"anyone", "a team", "the jury", "an admin"};
            return not_allowed(scoped, std::string(request.path) + " is for " +
                                           std::string(kNames[static_cast<int>(route.min_role)]));
        }
        Call call{app, *service, request, scoped, std::move(args)};
        try {
            return route.handler(call);
        } catch (const store::StoreInvalid& e) {
            return error_response(400, e.what());
        } catch (const store::StoreUnavailable& e) {
            spdlog::error("store unavailable: {}", e.what());
            return error_response(503, "the database is unavailable; try again");
        }
    }
    if (!allowed.empty()) {
        auto r = error_response(
            405, "method " + request.method + " is not allowed on " + request.path + "; allowed: " + allowed);
        r.headers.emplace_back("Allow", allowed);
        return r;
    }
    if (!api) {
        return handle_static(app, request);
    }
    return not_found(app, path);
}

}  // namespace khue::api
