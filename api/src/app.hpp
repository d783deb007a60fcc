// Internal state shared by the handlers and the sessions of one Server. Not a public header.
#pragma once

#include "khue/api/scoreboard.hpp"
#include "khue/api/server.hpp"
#include "khue/api/time.hpp"
#include "khue/store/store.hpp"
#include "policy/principal.hpp"
#include "policy/visibility.hpp"
#include "server/contest_registry.hpp"
#include "server/contest_service.hpp"

#include <boost/json.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace khue::api {

// ---- requests and responses, independent of Beast so that handlers are plain functions --------------------

struct Request {
    std::string method;
    std::string target;  // as sent, with the query
    std::string path;    // decoded path without the query
    std::vector<std::pair<std::string, std::string>> query;
    std::string authorization;
    std::string content_type;
    std::string remote_address;  // the client (behind a local reverse proxy: from X-Forwarded-For)
    std::string body;
    std::optional<std::string> param(std::string_view name) const;
};

// Asks the session to stream the event feed after the headers.
struct FeedStream {
    ContestService* service = nullptr;  // the contest whose feed this is
    std::int64_t since_token = 0;
    Principal who;
    std::set<std::string> types;  // empty: all
    bool stream = true;           // false: send what exists and end
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::shared_ptr<const std::string> body;
    // Instead of `body`: a body served with its ETag (If-None-Match: 304) and, when the client accepts it,
    // gzip (see http/encoded_body.hpp). The session picks the representation.
    std::shared_ptr<const EncodedBody> encoded;
    std::optional<FeedStream> feed;
};

Response json_response(unsigned status, const boost::json::value& value);
Response error_response(unsigned status, std::string_view message);
Response text_response(unsigned status, std::string content_type, std::string body);

// ---- counters for /metrics -------------------------------------------------------------------------------

struct Metrics {
    std::mutex mutex;
    std::map<unsigned, std::uint64_t> requests_by_status;
    std::atomic<std::int64_t> connections{0};
    std::atomic<std::int64_t> feed_clients{0};
    std::atomic<std::uint64_t> feed_lines_sent{0};
    std::atomic<std::uint64_t> submissions_accepted{0};
    std::atomic<std::uint64_t> submissions_rejected{0};
    std::vector<std::function<std::string()>> sources;
    void count(unsigned status);
    std::string render(ContestRegistry& contests);
};

// ---- the handlers' world ---------------------------------------------------------------------------------

class AuthCache;
class LoginThrottle;
class RateLimiter;
class PackageVerifier;
class TestRuns;

struct App {
    ServerOptions options;
    ContestRegistry contests;  // every contest served, each with its own clock, scoreboard and feed
    Metrics metrics;
    std::unique_ptr<LoginThrottle> login_throttle;  // before `auth`, which uses it
    std::unique_ptr<AuthCache> auth;
    std::unique_ptr<RateLimiter> rate;
    std::unique_ptr<PackageVerifier> verifier;  // checks uploaded packages in the background
    std::unique_ptr<TestRuns> test_runs;        // the team page's runs on samples (handlers/test_runs.hpp)
    App(store::Store& store, ServerOptions opts);
    ~App();
};

// Resolves the Authorization header; nullopt when credentials were given but are wrong (or throttled).
std::optional<Principal> authenticate(App& app, const Request& request);
// The answer when authenticate() said no: 429 with Retry-After while failed logins are throttled, else 401.
Response login_refused(App& app, const Request& request);

// The router (http/router.cpp): answers every request that is not a feed stream from the route table.
Response handle(App& app, const Request& request);
Response handle_static(App& app, const Request& request);
// GET contests/<cid>/problems/<id>/statement/<file>: a picture of the statement
// (handlers/statement_files.cpp).
Response statement_picture(ContestService& service, const std::string& problem_id, const std::string& name);
// /api/khue/test-runs and /api/khue/test-runs/<id>: the team page's "run on samples".
Response handle_test_runs(App& app, ContestService& service, const Request& request, const Principal& who);
// Splits and decodes a request target into r.path and r.query; false when it is malformed (http/target.cpp).
bool parse_target(std::string_view target, Request& r);

}  // namespace khue::api
