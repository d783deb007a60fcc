// The judge's side of `khue-box session` (docs/architecture.md "Warm sessions"): long-lived khue-box
// processes that each run one box per request, so a submission's tests do not pay for starting khue-box (and
// sudo) once per test. KhueBoxClient keeps a small pool of them and falls back to one-shot `khue-box run`
// whenever a session cannot be started or breaks.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/process/v2/process.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace khue::judge::detail {

// The session process itself failed (did not start, died, hung, or answered garbage); not a sandbox_error
// result, which is an answer like any other.
class SessionBroken : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class BoxSession {
  public:
    // Starts `khue-box session` (through sudo when `sudo`). Throws SessionBroken.
    BoxSession(const std::filesystem::path& khue_box, bool sudo);
    ~BoxSession();
    BoxSession(const BoxSession&) = delete;
    BoxSession& operator=(const BoxSession&) = delete;

    // Sends one request (the arguments of `khue-box run` after "run", without --result) and returns the
    // result line. Throws SessionBroken; the session is then unusable.
    std::string run(const std::vector<std::string>& options, std::chrono::steady_clock::duration deadline);

  private:
    std::string diagnostics() const;

    boost::asio::io_context ctx_;
    std::filesystem::path stderr_file_;
    int to_session_ = -1;
    int from_session_ = -1;
    std::string pending_;
    std::optional<boost::process::v2::process> process_;
};

// Idle sessions of one client, shared by its threads (each takes one for the length of a run).
class SessionPool {
  public:
    SessionPool(std::filesystem::path khue_box, bool sudo) : khue_box_(std::move(khue_box)), sudo_(sudo) {}
    // The result line of the run, or nullopt when no session could do it (the caller then runs one-shot).
    std::optional<std::string> run(const std::vector<std::string>& options,
                                   std::chrono::steady_clock::duration deadline);

  private:
    std::filesystem::path khue_box_;
    bool sudo_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<BoxSession>> idle_;
    bool disabled_ = false;  // a fresh session failed: this host cannot run sessions (e.g. no sudo rule)
};

// Whether clients use sessions: KHUE_BOX_WARM=0 turns them off (every run is then a one-shot `khue-box run`).
bool warm_sessions_enabled();

}  // namespace khue::judge::detail
