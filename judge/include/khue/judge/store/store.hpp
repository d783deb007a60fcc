// The store: contests, problems (packages by content hash), teams, accounts, submissions, judgements, runs,
// the event log and the judging queue, behind one interface with two backends of identical behaviour:
//   sqlite:PATH          embedded default (WAL, synchronous=FULL); in-process wake-ups by condition variable
//   postgresql://...     (libpq URL) many hosts; claims with FOR UPDATE SKIP LOCKED, wake-ups by
//   LISTEN/NOTIFY
// No SQL leaves judge/src/store. Every member is thread-safe; one Store is meant to be shared by a whole
// process.
//
// Durability: everything except the queue's bookkeeping (claim_job, renew_lease, release_job, heartbeat) is
// on disk when the call returns. Those four skip the fsync: a process crash loses nothing, and a machine
// crash can at worst forget a claim, whose job is then simply judged again.
//
// Events are appended by the store itself, in the same transaction as the change they describe, for the
// endpoints "contest", "state", "problems", "organizations", "groups", "teams", "submissions", "judgements"
// and "runs"; their data is the Contest API object built by store/contest_api.hpp. Accounts emit no events
// (the feed is public); append_event() is there for anything else the API wants in the feed.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "khue/judge/queue.hpp"
#include "khue/judge/store/records.hpp"

namespace khue::judge::store {

// Any failure of the database itself.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};
// The database cannot be reached or the connection broke: retrying later may succeed (workers back off).
class StoreUnavailable : public StoreError {
  public:
    using StoreError::StoreError;
};
// The request names something that does not exist (e.g. a submission to an unknown problem), or is otherwise
// invalid; the message says what. The API answers 4xx.
class StoreInvalid : public StoreError {
  public:
    using StoreError::StoreError;
};

class Store {
  public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"
    virtual int schema_version() = 0;              // of the applied migrations

    // ---- problem packages, by content hash
    // ----------------------------------------------------------------- Stores the zip bytes; returns their
    // sha-256 hex. Storing the same bytes again is a no-op.
    virtual std::string put_package(std::string_view zip_bytes) = 0;
    virtual std::optional<std::string> get_package(std::string_view sha256_hex) = 0;
    virtual bool has_package(std::string_view sha256_hex) = 0;

    // ---- contests
    // -------------------------------------------------------------------------------------------- Inserts or
    // replaces everything but `state`; appends a "contest" event when anything changed.
    virtual void upsert_contest(const Contest& contest) = 0;
    virtual std::optional<Contest> get_contest(std::string_view id) = 0;
    virtual std::vector<Contest> list_contests() = 0;
    // Replaces the state times; appends a "state" event when anything changed. Throws StoreInvalid if
    // unknown.
    virtual void update_contest_state(std::string_view contest_id, const ContestState& state) = 0;

    // ---- problems, organizations, groups, teams, accounts
    // ------------------------------------------------------- Each upsert appends an event for its endpoint
    // when the object changed. A problem's package_hash must name a stored package, and its contest must
    // exist (StoreInvalid otherwise).
    virtual void upsert_problem(const Problem& problem) = 0;
    virtual std::optional<Problem> get_problem(std::string_view contest_id, std::string_view id) = 0;
    virtual std::vector<Problem> list_problems(std::string_view contest_id) = 0;  // by ordinal

    virtual void upsert_organization(const Organization& organization) = 0;
    virtual std::vector<Organization> list_organizations(std::string_view contest_id) = 0;
    virtual void upsert_group(const Group& group) = 0;
    virtual std::vector<Group> list_groups(std::string_view contest_id) = 0;
    virtual void upsert_team(const Team& team) = 0;
    virtual std::optional<Team> get_team(std::string_view contest_id, std::string_view id) = 0;
    virtual std::vector<Team> list_teams(std::string_view contest_id) = 0;

    virtual void upsert_account(
        const Account& account) = 0;  // StoreInvalid if the username belongs to another id
    virtual std::optional<Account> get_account(std::string_view id) = 0;
    virtual std::optional<Account> get_account_by_username(std::string_view username) = 0;
    virtual std::vector<Account> list_accounts(std::optional<std::string_view> contest_id = {}) = 0;

    // ---- submissions
    // ------------------------------------------------------------------------------------------- In ONE
    // transaction: stores the submission and its files, enqueues a Live judging job, appends the
    // "submissions" event; committed durably (on disk) before returning. Wakes waiting claimers. Throws
    // StoreInvalid when the contest, team, or problem is unknown, or the given id already exists.
    virtual Submission add_submission(const NewSubmission& submission) = 0;
    virtual std::optional<Submission> get_submission(std::string_view contest_id, std::string_view id) = 0;
    virtual std::vector<Submission> list_submissions(const SubmissionFilter& filter) = 0;  // by id, no files

    // ---- judgements and runs
    // -------------------------------------------------------------------------------------
    virtual std::vector<Judgement> list_judgements(const JudgementFilter& filter) = 0;  // by id
    virtual std::optional<Judgement> get_judgement(std::string_view contest_id, std::string_view id) = 0;
    virtual std::optional<Judgement> current_judgement(std::string_view contest_id,
                                                       std::string_view submission_id) = 0;
    virtual std::vector<Run> list_runs(std::string_view contest_id,
                                       std::optional<std::string_view> judgement_id = {}) = 0;  // by id

    // ---- event log
    // ----------------------------------------------------------------------------------------------- Appends
    // one event (data = JSON text, or null for a deletion); returns its token.
    virtual std::int64_t append_event(std::string_view contest_id, std::string_view type,
                                      std::optional<std::string_view> id,
                                      std::optional<std::string_view> data) = 0;
    // Events of `contest_id` with token > since_token, oldest first, at most `limit`.
    virtual std::vector<Event> read_events(std::string_view contest_id, std::int64_t since_token,
                                           std::size_t limit) = 0;
    virtual std::int64_t latest_token() = 0;  // 0 when the log is empty
    // Blocks until an event (of any contest) with token > after_token exists, or `timeout` passes, or
    // interrupt_waits() is called. Returns whether such an event exists. Wakes at once on a commit in this
    // process (condition variable) or, for PostgreSQL, in any process (LISTEN/NOTIFY).
    virtual bool wait_for_event(std::int64_t after_token, std::chrono::milliseconds timeout) = 0;

    // ---- judging queue (see queue.hpp for the guarantees)
    // -------------------------------------------------------- Claims the next job (Live before Rejudge,
    // teams round-robin), creating a new judgement (current at once for Live jobs) and appending its event;
    // requeues jobs whose lease expired first. Waits up to options.wait for a job to arrive; returns nothing
    // when none came.
    virtual std::optional<Job> claim_job(const ClaimOptions& options) = 0;
    // Extends the lease to now + `lease`; false when the lease was lost (expired and claimed by another, or
    // the job was cancelled): the caller must stop judging and discard its result.
    virtual bool renew_lease(Lease& lease, std::chrono::milliseconds duration) = 0;
    // Stores the result if `lease` is still the job's current claim: judgement verdict and runs, their
    // events, the job marked done; for an applied rejudging the new judgement becomes current.
    virtual CompleteStatus complete_job(const Lease& lease, const JudgementResult& result) = 0;
    // Gives the job back (graceful stop, or an internal error that may pass): its judgement is invalidated
    // and the job is claimable again at once. False when the lease was already lost.
    virtual bool release_job(const Lease& lease, std::string_view reason) = 0;
    // Like release_job, for a job whose worker died while judging it (`reason`: "signal 11"): the job's
    // crash count grows, and the next claimer sees it in Job::crashes (and records JE past the bound).
    virtual bool abandon_job(const Lease& lease, std::string_view reason) = 0;
    virtual QueueStats queue_stats() = 0;
    // Wakes every thread blocked in claim_job() or wait_for_event() of this Store (used at shutdown).
    virtual void interrupt_waits() = 0;

    // ---- rejudging
    // -----------------------------------------------------------------------------------------------
    // Enqueues a Rejudge job for every submission in the selection (StoreInvalid when it selects none).
    virtual Rejudging create_rejudging(const RejudgeSelection& selection, std::string_view reason) = 0;
    virtual std::optional<Rejudging> get_rejudging(std::string_view id) = 0;
    virtual std::vector<Rejudging> list_rejudgings(std::string_view contest_id) = 0;
    virtual std::vector<RejudgePreviewRow> preview_rejudging(std::string_view id) = 0;
    // Applied: every finished new judgement becomes current now, every unfinished one when it completes.
    // Cancelled: unfinished jobs are dropped, new judgements invalidated, the old ones stay current.
    // Both throw StoreInvalid unless the rejudging is in state Created.
    virtual void apply_rejudging(std::string_view id) = 0;
    virtual void cancel_rejudging(std::string_view id) = 0;

    // ---- judging hosts
    // ---------------------------------------------------------------------------------------------
    virtual void heartbeat(const JudgeHost& host) = 0;  // last_seen is set to now
    virtual std::vector<JudgeHost> list_hosts() = 0;
};

// Opens (creating if needed) and migrates the database named by `url`: "sqlite:PATH" or "postgresql://..." /
// "postgres://..." (libpq URL). Throws StoreError with the reason when it cannot.
std::unique_ptr<Store> open_store(std::string_view url);

}  // namespace khue::judge::store
