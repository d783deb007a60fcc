// Store role: the judging queue (queue.hpp states its guarantees).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/queue.hpp"

namespace khue::store {

class JobQueue {
  public:
    virtual ~JobQueue() = default;

    // Claims the next job (Live before Rejudge, teams round-robin), creating a new judgement (current at once
    // for Live jobs) and appending its event; requeues jobs whose lease expired first. Waits up to
    // options.wait for a job to arrive; returns nothing when none came.
    std::optional<Job> claim_job(const ClaimOptions& options) {
        auto jobs = claim_jobs({options.owner}, options.lease, options.wait);
        return jobs.empty() ? std::nullopt : std::optional<Job>(std::move(jobs.front()));
    }
    // Claims up to owners.size() jobs in one transaction, the i-th for owners[i] (a pool with several idle
    // slots claims for all of them at once): the next jobs in queue order, each exactly as claim_job() would
    // (its own judgement, lease and event). Waits up to `wait` for at least one; may return fewer.
    virtual std::vector<Job> claim_jobs(const std::vector<std::string>& owners,
                                        std::chrono::milliseconds lease, std::chrono::milliseconds wait) = 0;
    // Extends the lease to now + `lease`; false when the lease was lost (expired and claimed by another, or
    // the job was cancelled): the caller must stop judging and discard its result.
    virtual bool renew_lease(Lease& lease, std::chrono::milliseconds duration) = 0;
    // Stores the result if `lease` is still the job's current claim: judgement verdict and runs, their
    // events, the job marked done; for an applied rejudging the new judgement becomes current.
    CompleteStatus complete_job(const Lease& lease, const JudgementResult& result) {
        return complete_jobs({Completion{lease, result}}).front();
    }
    // complete_job() for several jobs in one transaction (one commit): each is fenced by its own lease, and
    // the i-th status answers batch[i]. A job may appear once per batch.
    virtual std::vector<CompleteStatus> complete_jobs(const std::vector<Completion>& batch) = 0;
    // Gives the job back (graceful stop, or an internal error that may pass): its judgement is invalidated
    // and the job is claimable again at once. False when the lease was already lost.
    virtual bool release_job(const Lease& lease, std::string_view reason) = 0;
    // Like release_job, for a job whose worker died while judging it (`reason`: "signal 11"): the job's
    // crash count grows, and the next claimer sees it in Job::crashes (and records JE past the bound).
    virtual bool abandon_job(const Lease& lease, std::string_view reason) = 0;
    virtual QueueStats queue_stats() = 0;
    // Wakes every thread blocked in claim_job() or wait_for_event() of this store (used at shutdown).
    virtual void interrupt_waits() = 0;
};

}  // namespace khue::store
