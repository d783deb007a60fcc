// Crash isolation for `khue serve`: its judging workers are child processes (`khue worker --supervised`, one
// judging slot each), started and restarted by a WorkerSupervisor, never threads of the API process. A
// submission that crashes the judging code then takes down one child, not the server. Each child reports on
// its stdout which job it holds ("khue-job claim JOB JUDGEMENT OWNER" / "khue-job done JOB"); when a child
// dies, the supervisor gives that job back with abandon_job("signal 11"), so the job's crash count grows,
// and restarts the child with backoff. A job whose workers died WorkerOptions::max_crashes times is recorded
// as JE by the next worker that claims it ("worker died twice while judging: signal 11").
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace khue::store {

class Store;

struct SupervisorOptions {
    std::filesystem::path executable;  // the khue binary (default: /proc/self/exe)
    std::string db_url;                // what the children open
    std::filesystem::path cache_dir;   // --cache of the children
    int children = 1;  // one judging slot each; child i uses boxes first_box + 2i and + 2i + 1
    int first_box = 0;
    std::string host;  // base name; child i reports as "<host>-w<i>" (default: the host name)
    int max_crashes = 2;
    std::chrono::milliseconds backoff_initial{200};
    std::chrono::milliseconds backoff_max{std::chrono::seconds(10)};
    std::chrono::milliseconds stop_grace{std::chrono::seconds(20)};  // SIGTERM, then SIGKILL
};

struct SupervisorStats {
    std::uint64_t starts = 0;     // children started (the first start of each included)
    std::uint64_t deaths = 0;     // children that died without being asked to stop
    std::uint64_t abandoned = 0;  // jobs given back because their worker died
};

class WorkerSupervisor {
  public:
    // `store` is the server's own handle, used to give back a dead child's job.
    WorkerSupervisor(Store& store, SupervisorOptions options);
    ~WorkerSupervisor();  // stop()
    WorkerSupervisor(const WorkerSupervisor&) = delete;
    WorkerSupervisor& operator=(const WorkerSupervisor&) = delete;

    void start();
    void stop();  // SIGTERM to every child (running judgements go back to the queue), SIGKILL after grace
    SupervisorStats stats() const;
    std::vector<pid_t> child_pids() const;  // of the children running now
    const SupervisorOptions& options() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace khue::store
