// Verification of uploaded problem packages, the same check as `khue verify`: every example submission is
// judged in the sandbox and compared with its promise. Runs on one background thread, one package at a time,
// so an upload answers at once and the judging machines are not flooded by a burst of uploads.
#pragma once

#include <boost/json/value.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace khue::api {

class PackageVerifier {
  public:
    // At most `max_waiting` packages wait behind the one being verified.
    explicit PackageVerifier(std::size_t max_waiting = 8);
    ~PackageVerifier();
    PackageVerifier(const PackageVerifier&) = delete;
    PackageVerifier& operator=(const PackageVerifier&) = delete;

    // Queues the zip at `zip` (the verifier owns the file from now and removes it). A newer upload of the
    // same problem replaces a waiting one. False when the queue is full: the file is removed and the
    // problem's status says why.
    bool enqueue(const std::string& problem_id, const std::filesystem::path& zip);

    // {problem_id, state: queued|running|done|failed, ok, table, time_limit, ..., message}; nullopt when
    // this server verified no package of that problem.
    std::optional<boost::json::value> status(const std::string& problem_id);

  private:
    struct Job {
        std::string problem_id;
        std::filesystem::path zip;
        std::uint64_t generation = 0;
    };
    void run();
    void verify(const Job& job);
    void set(const Job& job, boost::json::object status);

    std::size_t max_waiting_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> waiting_;
    std::map<std::string, std::pair<std::uint64_t, boost::json::object>> results_;  // by problem: generation
    std::uint64_t generation_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace khue::api
