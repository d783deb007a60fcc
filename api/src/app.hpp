// Internal state shared by the handlers and the sessions of one Server. Not a public header.
#pragma once

#include "khue/api/scoreboard.hpp"
#include "khue/api/server.hpp"
#include "khue/api/time.hpp"
#include "khue/store/store.hpp"

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

enum class Role { Public, Team, Jury, Admin };

struct Principal {
    Role role = Role::Public;
    std::string username;
    std::string team_id;  // for Role::Team
    bool sees_all() const { return role == Role::Jury || role == Role::Admin; }
};

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
    std::optional<FeedStream> feed;
};

Response json_response(unsigned status, const boost::json::value& value);
Response error_response(unsigned status, std::string_view message);
Response text_response(unsigned status, std::string content_type, std::string body);

// ---- the event feed history and its visibility
// -------------------------------------------------------------

// Who may see one event line. Judgements of submissions made during the freeze are hidden from the public
// until the thaw; `contest_time` tells whether that applies.
struct Visibility {
    enum class Kind { Public, PublicAfterStart, Owned, Jury } kind = Kind::Public;
    // Owned: the owning team sees it; another team never does; the public does when `public_ok`, and for
    // judgements only when the submission's contest time is not hidden by the freeze.
    std::string team_id;
    bool public_ok = false;
    std::optional<Millis> freeze_time;
    // A copy re-sent when the object became visible (thaw, contest start): only for those who could not
    // see the original line, so the jury and the owning team get no duplicate.
    bool reveal = false;
};
// Whether `who` may see an object with visibility `v`; `started`, `hidden_from` describe the contest now
// (hidden_from: the contest time from which the public sees no results, when frozen).
bool may_see(const Principal& who, const Visibility& v, bool started, std::optional<Millis> hidden_from);

struct FeedLine {
    std::int64_t token = 0;
    std::string type;
    std::string id;
    Visibility visibility;
    std::shared_ptr<const std::string> text;  // one NDJSON line with its '\n'
};

// ---- the contest as the server knows it: a mirror of the store, updated from the event log ---------------

class ContestService {
  public:
    ContestService(store::Store& store, std::string contest_id);

    // Reads the whole event log once (scoreboard, history). Then follow() keeps up.
    void replay();
    // Runs until stop(): waits for new events and applies them; also advances the contest state with the
    // clock.
    void follow();
    void stop();

    store::Store& db() { return store_; }
    const std::string& contest_id() const { return contest_id_; }
    store::Contest contest();
    bool started(store::TimePoint now);
    bool running(store::TimePoint now);
    // Whether a submission at contest time `t` is hidden from the public right now.
    bool frozen_for_public(Millis t);
    // The contest time from which results are hidden from the public now; nullopt when nothing is.
    std::optional<Millis> hidden_from();

    // The serialized scoreboard for a view and group, cached until the standings or the state change.
    std::shared_ptr<const std::string> scoreboard(ScoreboardView view, const std::string& group_id);
    std::shared_ptr<const Standings> standings(ScoreboardView view, const std::string& group_id = {});

    // Event lines with token > since that `who` may see, filtered by type; at most `limit`.
    std::vector<std::shared_ptr<const std::string>> lines_since(std::int64_t since, const Principal& who,
                                                                const std::set<std::string>& types,
                                                                std::int64_t& last_token, std::size_t limit);
    std::int64_t last_token();
    // Called (from the follower thread) after new lines were added.
    void on_new_lines(std::function<void()> callback);

    // Owner of a submission and its contest time, from the log.
    struct SubmissionFacts {
        std::string team_id;
        Millis contest_time{0};
    };
    std::optional<SubmissionFacts> submission_facts(const std::string& id);
    std::optional<std::string> judgement_submission(const std::string& judgement_id);

    // Prometheus lines: judgements by verdict and the judging latency (submission to verdict) histogram.
    std::string judging_metrics();

    // Advances the contest state (started, frozen, ended, thawed, finalized) to the clock now.
    void tick();

  private:
    void apply(const store::Event& e);
    Visibility visibility(const store::Event& e, const boost::json::value* data);
    void refresh_rules_locked();
    void reveal_locked(const store::ContestState& before, std::int64_t token);

    store::Store& store_;
    std::string contest_id_;
    std::mutex mutex_;
    store::Contest contest_;
    std::string state_json_;
    ScoreboardEngine engine_;
    std::map<std::string, std::pair<std::uint64_t, std::shared_ptr<const std::string>>> board_cache_;
    std::uint64_t state_version_ = 0;
    store::TimePoint last_change_{};
    std::unordered_map<std::string, SubmissionFacts> submissions_;
    std::unordered_map<std::string, std::string> judgement_owner_;    // judgement id -> submission id
    std::unordered_map<std::string, std::string> current_judgement_;  // submission id -> judgement id
    std::map<std::string, std::uint64_t> verdicts_;
    std::vector<std::uint64_t> latency_buckets_;  // cumulative counts per kLatencyBuckets bound, then +Inf
    double latency_sum_ = 0;
    std::vector<FeedLine> history_;
    std::int64_t last_token_ = 0;
    std::vector<std::function<void()>> listeners_;
    std::atomic<bool> stopping_{false};
};

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
    std::string render(ContestService& service);
};

// ---- the handlers' world ---------------------------------------------------------------------------------

class AuthCache;
class LoginThrottle;
class RateLimiter;
class PackageVerifier;
class TestRuns;

struct App {
    ServerOptions options;
    ContestService service;
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

// The router: every request that is not a feed stream is answered here.
Response handle(App& app, const Request& request);
Response handle_static(App& app, const Request& request);
Response handle_submission_post(App& app, const Request& request, const Principal& who);
Response handle_contest_patch(App& app, const Request& request, const Principal& who);
// GET /api/khue/problems/<id>/verification: the background verification of the last uploaded package.
Response handle_verification_get(App& app, const Request& request, const Principal& who,
                                 const std::string& problem_id);
// GET contests/<cid>/problems/<id>/statement/<file>: a picture of the statement
// (handlers/statement_files.cpp).
Response statement_picture(App& app, const std::string& problem_id, const std::string& name);
// /api/khue/test-runs and /api/khue/test-runs/<id>: the team page's "run on samples".
Response handle_test_runs(App& app, const Request& request, const Principal& who);
Response handle_admin_post(App& app, const Request& request, const Principal& who,
                           std::string_view collection);

}  // namespace khue::api
