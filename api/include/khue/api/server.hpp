// The Contest API server: Boost.Beast sessions in front of pure request handlers, over one Store and one
// contest. Everything it serves is derived from the store, and the scoreboard and event feed follow the
// store's event log, so several servers may serve the same contest.
#pragma once

#include "khue/judge/types.hpp"
#include "khue/store/store.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace khue::api {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;      // 0: any free port (see Server::port())
    std::string contest_id;          // empty: the store's first contest
    std::filesystem::path web_root;  // api/web: index.html, team.html, admin.html and their assets
    int threads = 2;
    // Bounds on what a client may make the server hold.
    // 10,000 phones on the event feed and the scoreboard pages still served: 20,000 (docs/deployment.md).
    // 0: automatic, 20,000 or what the open-file limit allows (the limit less 256 kept for the database, logs
    // and packages), whichever is less. Set explicitly (khue serve --max-connections), a limit too low for it
    // is a warning naming both; connections beyond what the limit allows are refused with 503 either way.
    std::size_t max_connections = 0;
    judge::Bytes max_header = judge::kib(16);
    judge::Bytes max_body = judge::mib(4);     // JSON and form submissions
    judge::Bytes max_upload = judge::mib(64);  // problem packages (admin only)
    std::chrono::seconds idle_timeout{60};
    std::chrono::seconds feed_keepalive{30};  // the spec demands at most 120 s
    // An event-feed client that stops reading is disconnected once a write to it has waited this long; it
    // never holds back the others (each connection has one write in flight and reads the shared history).
    std::chrono::seconds feed_write_timeout{60};
    // SO_SNDBUF of an event-feed connection, a bound on the kernel memory a stalled client holds; 0: the
    // kernel's own, auto-tuned.
    std::size_t feed_send_buffer = 0;
    // Submissions per team: a burst of `submit_burst`, then one every `submit_interval`.
    int submit_burst = 10;
    std::chrono::milliseconds submit_interval{std::chrono::seconds{6}};
};

class Server {
  public:
    Server(store::Store& store, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds, replays the event log into the scoreboard, and starts serving on background threads.
    void start();
    unsigned short port() const;
    // Stops accepting, closes connections and joins the threads. Idempotent.
    void stop();

    // Prometheus text of the server's own counters (HTTP requests by status, feed clients, ...). The judging
    // side adds its lines through add_metrics_source().
    void add_metrics_source(std::function<std::string()> source);

    // See answer_raw_request().
    unsigned answer_raw(std::string_view bytes);

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

// Where the web pages live: $KHUE_WEB_ROOT, else share/khue/web of this installation (in a build folder, a
// link to api/web of the source tree; see khue/judge/install_paths.hpp).
std::filesystem::path default_web_root();

}  // namespace khue::api

namespace khue::api {

// Parses `bytes` as one HTTP/1.1 request under the server's header and body limits and answers it as a
// session would, without a socket (an event-feed request is answered with its headers only). Returns the HTTP
// status. For the request-parsing fuzzer (tests/api/fuzz_request.cpp) and tests.
unsigned answer_raw_request(Server& server, std::string_view bytes);

}  // namespace khue::api
