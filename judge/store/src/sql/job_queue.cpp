// SqlStore, role JobQueue: leases renewed and given back, fair queueing, publishing judgements. Claims and
// completions (batched) are in job_claims.cpp.
#include "sql/sql_store.hpp"

#include <spdlog/spdlog.h>

#include "sql/rows.hpp"

namespace khue::store::sql {

bool SqlStore::renew_lease(Lease& lease, milliseconds duration) {
    auto expires = Clock::now() + duration;
    auto jid = parse_id(lease.judgement_id, "judgement");
    bool ok = transact(Mode::Write, [&](Tx& tx) {
        return tx.exec(
                     "UPDATE jobs SET lease_expires = $1 WHERE id = $2 AND judgement_id = $3 AND owner = "
                     "$4 "
                     "AND state = 'claimed'",
                     {to_us(expires), lease.job_id, jid, text(lease.owner)})
                   .affected == 1;
    });
    if (ok) {
        lease.expires = expires;
    }
    return ok;
}

bool SqlStore::release_job(const Lease& lease, std::string_view reason) {
    return give_back(lease, reason, false);
}

bool SqlStore::abandon_job(const Lease& lease, std::string_view reason) {
    return give_back(lease, reason, true);
}

bool SqlStore::give_back(const Lease& lease, std::string_view reason, bool crashed) {
    auto jid = parse_id(lease.judgement_id, "judgement");
    return transact(Mode::Write, [&](Tx& tx) {
        auto job = tx.exec(
            "SELECT state, judgement_id, owner FROM jobs WHERE id = $1" + std::string(tx.for_update()),
            {lease.job_id});
        if (job.empty() || job.rows[0].str(0) != "claimed" || job.rows[0].opt_i64(1) != jid ||
            job.rows[0].str(2) != lease.owner) {
            return false;
        }
        spdlog::info("store: job {} {} by {}: {}", lease.job_id, crashed ? "abandoned" : "released",
                     lease.owner, reason);
        if (crashed) {
            tx.exec("UPDATE jobs SET crashes = crashes + 1, crash_reason = $2 WHERE id = $1",
                    {lease.job_id, text(reason)});
        }
        requeue(tx, lease.job_id, jid);
        return true;
    });
}

QueueStats SqlStore::queue_stats() {
    return transact(Mode::Read, [&](Tx& tx) {
        QueueStats s;
        for (auto& r :
             tx.exec("SELECT state, priority, count(*) FROM jobs WHERE state IN ('queued', 'claimed') "
                     "GROUP BY state, priority")
                 .rows) {
            auto n = static_cast<std::size_t>(r.i64(2));
            if (r.str(0) == "claimed") {
                s.running += n;
            } else if (r.i64(1) == I(JobPriority::Live)) {
                s.queued += n;
            } else {
                s.queued_rejudge += n;
            }
        }
        return s;
    });
}

void SqlStore::interrupt_waits() {
    notifier_->interrupt();
}

// Fair queueing by team: a job's fair_seq is one past its team's previous job, but never behind the head
// of the queue. A team with a burst of 50 takes positions h..h+49; another team's single job lands at the
// head and is interleaved with the burst instead of waiting behind it.
void SqlStore::enqueue(Tx& tx, I seq, const std::string& contest_id, const std::string& team_id,
                       JobPriority priority, std::optional<I> rejudging_id, std::optional<I> prev_judgement) {
    I prio = I(priority);
    auto head = tx.exec("SELECT min(fair_seq) FROM jobs WHERE state = 'queued' AND priority = $1", {prio});
    I h = 0;
    if (!head.rows.at(0).is_null(0)) {
        h = head.rows[0].i64(0);
    } else {
        auto top = tx.exec("SELECT max(fair_seq) FROM jobs WHERE priority = $1", {prio});
        h = top.rows.at(0).is_null(0) ? 0 : top.rows[0].i64(0);
    }
    auto last =
        tx.exec("SELECT max(fair_seq) FROM jobs WHERE priority = $1 AND contest_id = $2 AND team_id = $3",
                {prio, text(contest_id), text(team_id)});
    I team_next = last.rows.at(0).is_null(0) ? 1 : last.rows[0].i64(0) + 1;
    I fair = std::max(h, team_next);
    tx.exec(
        "INSERT INTO jobs (submission_seq, contest_id, team_id, priority, fair_seq, state, attempts, "
        "enqueued_at, rejudging_id, prev_judgement_id) VALUES ($1,$2,$3,$4,$5,'queued',0,$6,$7,$8)",
        {seq, text(contest_id), text(team_id), prio, fair, to_us(Clock::now()), db::opt(rejudging_id),
         db::opt(prev_judgement)});
    tx.jobs_changed = true;
}

// The claim's judgement is abandoned: it stops being current (a "delete" event if it was published) and
// the job goes back to the queue.
void SqlStore::requeue(Tx& tx, I job_id, I judgement_id) {
    tx.exec(
        "UPDATE jobs SET state = 'queued', owner = NULL, judgement_id = NULL, lease_expires = NULL WHERE "
        "id = $1",
        {job_id});
    auto j = tx.exec("SELECT current, contest_id FROM judgements WHERE id = $1", {judgement_id});
    tx.exec("UPDATE judgements SET current = 0, valid = 0 WHERE id = $1", {judgement_id});
    if (!j.empty() && j.rows[0].i64(0) != 0) {
        tx.event(j.rows[0].str(1), event_type::judgements, std::to_string(judgement_id), std::nullopt);
    }
    tx.jobs_changed = true;
}

// Appends the judgement's event (and, when finished, its runs' events first).
void SqlStore::publish_judgement(Tx& tx, I jid, bool with_runs) {
    auto j = load_judgement(tx, jid);
    if (!j) {
        return;
    }
    Contest contest = require_contest(tx, j->contest_id);
    if (with_runs) {
        for (auto& r :
             tx.exec("SELECT " + std::string(kRunCols) + " FROM runs WHERE judgement_id = $1 ORDER BY id",
                     {jid})
                 .rows) {
            Run run = run_from(r);
            tx.event(run.contest_id, event_type::runs, run.id, encoder_->run(contest, run));
        }
    }
    tx.event(j->contest_id, event_type::judgements, j->id, encoder_->judgement(contest, *j));
}

// Makes `jid` the submission's current judgement, publishing the old one's demotion and the new one.
void SqlStore::make_current(Tx& tx, I submission_seq, I jid) {
    auto old =
        tx.exec("SELECT id FROM judgements WHERE submission_seq = $1 AND current = 1", {submission_seq});
    if (!old.empty() && old.rows[0].i64(0) == jid) {
        return;
    }
    if (!old.empty()) {
        I old_id = old.rows[0].i64(0);
        tx.exec("UPDATE judgements SET current = 0 WHERE id = $1", {old_id});
        publish_judgement(tx, old_id, false);
    }
    tx.exec("UPDATE judgements SET current = 1 WHERE id = $1", {jid});
    publish_judgement(tx, jid, true);
}

}  // namespace khue::store::sql
