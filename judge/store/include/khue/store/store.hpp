// The store: contests, problems (packages by content hash), teams, accounts, submissions, judgements, runs,
// the event log and the judging queue, behind one interface with two backends of identical behaviour:
//   sqlite:PATH          embedded default (WAL, synchronous=FULL); in-process wake-ups by condition variable
//   postgresql://...     (libpq URL) many hosts; claims with FOR UPDATE SKIP LOCKED, wake-ups by
//   LISTEN/NOTIFY
// The interface is the sum of its roles, a header each (contest_objects, submissions, job_queue, event_log,
// rejudgings, hosts, backups): code that needs one role takes that role. No SQL leaves judge/store/src. Every
// member is thread-safe; one Store is meant to be shared by a whole process.
//
// Durability: everything except the queue's bookkeeping (claim_job, renew_lease, release_job, heartbeat) is
// on disk when the call returns. Those four skip the fsync: a process crash loses nothing, and a machine
// crash can at worst forget a claim, whose job is then simply judged again.
//
// Events are appended by the store itself, in the same transaction as the change they describe, for the
// types in events.hpp ("contest", "state", "problems", "organizations", "groups", "teams", "submissions",
// "judgements", "runs" and "clarifications"); their data is written by the EventEncoder given to open_store()
// (the API's builds Contest API JSON). Accounts emit no events (the feed is public); append_event() is there
// for anything else the API wants in the feed.
#pragma once

#include <memory>
#include <string_view>

#include "khue/store/backups.hpp"
#include "khue/store/clarifications.hpp"
#include "khue/store/contest_objects.hpp"
#include "khue/store/errors.hpp"
#include "khue/store/event_log.hpp"
#include "khue/store/events.hpp"
#include "khue/store/hosts.hpp"
#include "khue/store/job_queue.hpp"
#include "khue/store/rejudgings.hpp"
#include "khue/store/roster.hpp"
#include "khue/store/submissions.hpp"

namespace khue::store {

class Store : public ContestObjects,
              public Submissions,
              public JobQueue,
              public EventLog,
              public Rejudgings,
              public Hosts,
              public Clarifications,
              public RosterWrites,
              public Backups {
  public:
    ~Store() override = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"
    virtual int schema_version() = 0;              // of the applied migrations
};

// Opens (creating if needed) and migrates the database named by `url`: "sqlite:PATH" or "postgresql://..." /
// "postgres://..." (libpq URL). `encoder` writes the data of every event the store appends (required).
// Throws StoreError with the reason when it cannot.
std::unique_ptr<Store> open_store(std::string_view url, std::shared_ptr<const EventEncoder> encoder);

}  // namespace khue::store
