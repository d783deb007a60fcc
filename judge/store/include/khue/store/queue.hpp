// The judging queue: what a worker claims, how it proves it still owns the job, and how rejudges are batched.
// The operations themselves are the JobQueue role of the store (job_queue.hpp), so that both backends run the
// same claim/complete logic inside their own transactions.
//
// Guarantees (tested against both backends in tests/store/):
//  - a claimed job carries a lease; the claimer renews it while judging; a job whose lease expired is handed
//    to the next claimer, and the previous claimer's judgement is invalidated;
//  - every claim creates a new judgement, whose id is the fencing token: complete_job() with a lease that is
//  no
//    longer the job's current one is refused (a late result of a worker presumed dead changes nothing);
//  - completing twice with the same lease is harmless (idempotent), so a worker may retry after a lost reply;
//  - a submission has at most one current judgement (also enforced by a unique index);
//  - live submissions are claimed before rejudges; within a priority, teams are served round-robin, so one
//    team's burst of submissions does not delay everybody else.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "khue/judge/types.hpp"

namespace khue::store {

// The judge's vocabulary, used throughout the store.
using judge::Bytes;
using judge::Seconds;
using judge::Verdict;

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

enum class JobPriority { Live = 0, Rejudge = 1 };

// Proof of ownership of a claimed job. `judgement_id` is the fencing token: each claim makes a new judgement.
struct Lease {
    std::int64_t job_id = 0;
    std::string judgement_id{};
    std::string owner;  // "<host>/<slot>", as given to claim_job()
    TimePoint expires{};
};

// A claimed job: everything a worker needs to judge without further look-ups (except the package bytes and
// the source files, fetched with get_package() / get_submission()).
struct Job {
    Lease lease{};
    JobPriority priority = JobPriority::Live;
    std::string contest_id{};
    std::string submission_id{};
    std::string team_id{};
    std::string problem_id{};
    std::string language_id{};
    std::string package_hash{};  // of the problem package zip at claim time
    std::optional<std::string> rejudging_id{};
    int attempt = 1;             // 1 for the first claim; grows each time a lease expires or is released
    int crashes = 0;             // workers that died holding this job (abandon_job, or a lease that expired)
    std::string crash_reason{};  // how the last one died
    TimePoint enqueued_at{};
    TimePoint claimed_at{};
};

struct ClaimOptions {
    std::string owner{};  // unique per slot: "<host>/<slot>"
    std::chrono::milliseconds lease{std::chrono::seconds(30)};
    std::chrono::milliseconds wait{0};  // block up to this long for a job to arrive
};

// The outcome of judging one test case.
struct RunResult {
    std::string test_name{};  // e.g. "secret/group1/03"
    std::string group{};
    Verdict verdict = Verdict::JE;
    Seconds cpu_time{0};
    Seconds wall_time{0};
    Bytes memory{};
    std::string message{};
};

// The outcome of judging one submission, as the worker hands it to complete_job().
struct JudgementResult {
    Verdict verdict = Verdict::JE;
    std::optional<double> score{};
    std::optional<double> max_score{};
    bool compile_ok = true;
    std::string compile_output{};
    std::vector<RunResult> runs{};  // in judging order; their ordinals are 1, 2, ...
};

// One result handed to complete_jobs(), with the lease it was judged under.
struct Completion {
    Lease lease{};
    JudgementResult result{};
};

enum class CompleteStatus {
    Recorded,         // this call stored the result
    AlreadyRecorded,  // the same lease had already stored a result (a retry): nothing changed
    LeaseLost,        // the job belongs to another claim now, or was cancelled: the result was discarded
};

// Rejudging: created over a selection of submissions, judged in the background at Rejudge priority,
// previewed, then applied (each new judgement becomes current as soon as it is complete) or cancelled (new
// judgements are discarded, old ones stay current).
struct RejudgeSelection {
    std::string contest_id{};
    std::optional<std::string> submission_id{};
    std::optional<std::string> problem_id{};
    std::optional<std::string> team_id{};
    std::optional<std::string> language_id{};
    std::optional<Verdict> current_verdict{};  // only submissions whose current judgement has this verdict
};

enum class RejudgingState { Created, Applied, Cancelled };

struct Rejudging {
    std::string id{};
    std::string contest_id{};
    std::string reason{};
    RejudgingState state = RejudgingState::Created;
    TimePoint created_at{};
    std::optional<TimePoint> decided_at{};  // applied or cancelled
    std::size_t submission_count = 0;
};

struct RejudgePreviewRow {
    std::string submission_id{};
    std::optional<std::string> old_judgement_id{};
    std::optional<Verdict> old_verdict{};
    std::optional<std::string> new_judgement_id{};  // absent while not yet claimed
    std::optional<Verdict> new_verdict{};           // absent while not yet judged
    bool done() const { return new_verdict.has_value(); }
    bool changed() const { return done() && new_verdict != old_verdict; }
};

struct QueueStats {
    std::size_t queued = 0;
    std::size_t running = 0;
    std::size_t queued_rejudge = 0;
};

}  // namespace khue::store
