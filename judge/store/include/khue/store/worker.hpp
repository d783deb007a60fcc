// Judging workers: a pool of slots, each claiming jobs from the store's queue, judging them and writing the
// result. One pool runs inside `khue serve` and in each `khue worker` on other hosts.
//
// A slot: claim (blocking until a job arrives; the first idle slot claims for every idle slot of the pool in
// one claim_jobs(), and hands the others their jobs) -> fetch the problem package by hash (cached on disk,
// extracted once) -> write the sources to a scratch folder -> judge -> complete_job() with the lease. A
// background thread renews every running lease; if a renewal reports the lease lost, the slot's stop token
// fires and its result is discarded. Database failures are retried with exponential backoff; the pool resumes
// when it comes back.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>

#include "khue/store/queue.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

class Store;

// Everything a judger needs about one job.
struct JudgeTask {
    const Job& job;
    const Submission& submission;
    std::filesystem::path package_dir;           // the extracted package; shared, treat as read-only
    std::vector<std::filesystem::path> sources;  // the submission's files, written to a scratch folder
    std::filesystem::path work_dir;              // scratch space for this job, removed afterwards
    int slot = 0;
    int box_id = 0;        // distinct per slot on this host; box_id + 1 is the slot's helper box
    std::stop_token stop;  // fires when the lease is lost or the pool stops
};

struct JudgerOutcome {
    enum class Kind {
        Judged,         // `result` is the judgement
        InternalError,  // the judge itself failed (sandbox error...): retry, never show as a verdict
        Aborted,        // gave up because `stop` fired: the job goes back to the queue
    };
    Kind kind = Kind::Judged;
    JudgementResult result;
    std::string message;  // for InternalError
};

// The seam between the queue and the judging itself; tests plug in fakes.
using Judger = std::function<JudgerOutcome(const JudgeTask&)>;

// The real judge: load_problem() on the package, judge_submission() in a khue-box sandbox with the slot's box
// id.
Judger make_pipeline_judger(std::filesystem::path cache_dir = {});

struct WorkerOptions {
    std::string host;      // empty = this machine's host name
    int slots = 0;         // 0 = number of cores
    int first_box_id = 0;  // slot s judges in boxes first_box_id + 2s (submission) and + 2s + 1 (helpers)
    std::chrono::milliseconds lease{std::chrono::seconds(30)};
    std::chrono::milliseconds claim_wait{std::chrono::seconds(5)};
    std::chrono::milliseconds heartbeat{std::chrono::seconds(5)};
    std::filesystem::path cache_dir;  // packages by hash; empty = $KHUE_CACHE/packages or a temp folder
    int max_attempts = 3;             // internal errors before the job is recorded as JE
    int max_crashes = 2;              // worker deaths while judging a job before it is recorded as JE
    // Called in the slot's thread when a job is claimed / when its slot is done with it (recorded, released
    // or lost). `khue worker --supervised` reports both to the supervising `khue serve` (supervisor.hpp).
    std::function<void(const store::Job&)> on_claim;
    std::function<void(const store::Job&)> on_done;
    std::chrono::milliseconds backoff_initial{100};
    std::chrono::milliseconds backoff_max{std::chrono::seconds(10)};
};

struct WorkerStats {
    std::uint64_t judged = 0;     // results recorded
    std::uint64_t lost = 0;       // results discarded because the lease was lost
    std::uint64_t released = 0;   // jobs given back (abort, internal error)
    std::uint64_t db_errors = 0;  // database failures survived
};

class WorkerPool {
  public:
    WorkerPool(Store& store, Judger judger, WorkerOptions options = {});
    ~WorkerPool();  // stop(true)
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void start();
    // Stops claiming. requeue = true: running judgements are asked to stop (their stop token fires) and jobs
    // that did not finish are given back; false: running judgements finish and are recorded. Returns when
    // every slot has stopped.
    void stop(bool requeue = true);
    WorkerStats stats() const;
    const WorkerOptions& options() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace khue::store
