// "Run on samples" for the team page (a Khue extension of the API): a team's code is compiled and run on the
// problem's samples in the sandbox, not counted, by a child `khue judge PACKAGE SOURCE --samples-only --json`
// (so a crash while judging cannot take the server down), on a few background threads, with a timeout.
//   POST /api/khue/test-runs      {problem_id, language_id, source, filename?} -> 202 {id, state: "queued"}
//   GET  /api/khue/test-runs/<id> -> {id, state: queued|running|done|failed, result?, message?}
// Rate-limited per team: one run at a time and `per_minute` a minute; more gets 429 with Retry-After.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/value.hpp>

namespace khue::api {

struct TestRunLimits {
    int per_minute = 6;                      // runs a team may start in any 60 seconds
    std::size_t workers = 2;                 // runs at once, over all teams
    std::size_t max_waiting = 32;            // queued runs over all teams; more gets 503
    std::chrono::seconds timeout{90};        // a child still running then is killed
    std::size_t max_source = 256 * 1024;     // bytes of source code
    std::size_t max_child_output = 4 << 20;  // bytes of the child's JSON read
};

class TestRuns {
  public:
    using Limits = TestRunLimits;

    // `khue` is the program run as the child; empty = $KHUE_BIN, else this very program (/proc/self/exe).
    explicit TestRuns(std::filesystem::path khue = {}, Limits limits = {});
    ~TestRuns();
    TestRuns(const TestRuns&) = delete;
    TestRuns& operator=(const TestRuns&) = delete;

    struct Started {
        unsigned status = 202;                // 202, or 429 / 503 when refused
        std::string id;                       // for 202
        std::string message;                  // for a refusal
        std::chrono::seconds retry_after{0};  // for 429
    };
    // Queues a run for `team`; `package` is the problem's package folder; `time_limit` (seconds, 0 = the
    // package's) is the limit the contest gives the problem.
    Started start(const std::string& team, const std::string& problem_id,
                  const std::filesystem::path& package, const std::string& language,
                  const std::string& filename, const std::string& source, double time_limit = 0);
    const Limits& limits() const { return limits_; }
    // The run's state for its team (or anyone when `any_team`); nullopt when there is no such run to see.
    std::optional<boost::json::value> status(const std::string& id, const std::string& team, bool any_team);

  private:
    struct Job {
        std::string id;
        std::string team;
        std::string problem_id;
        std::filesystem::path package;
        std::string language;
        std::string filename;
        std::string source;
        double time_limit = 0;
        std::string state = "queued";
        boost::json::value result;
        std::string message;
        std::chrono::steady_clock::time_point finished{};
    };
    void work();
    void run(Job& job);
    void forget_old_locked();

    std::filesystem::path khue_;
    Limits limits_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Job>> waiting_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> started_;  // by team
    std::uint64_t next_id_ = 1;
    bool stopping_ = false;
    std::vector<std::thread> threads_;  // started with the first run
};

}  // namespace khue::api
