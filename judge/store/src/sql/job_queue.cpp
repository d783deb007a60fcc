// SqlStore, role JobQueue: claims with leases, completion fenced by the judgement id, fair queueing.
#include "sql/sql_store.hpp"

#include <spdlog/spdlog.h>

#include "sql/rows.hpp"

namespace khue::store::sql {

std::optional<Job> SqlStore::claim_job(const ClaimOptions& options) {
    if (options.owner.empty()) {
        throw StoreInvalid("claim_job needs an owner name");
    }
    auto deadline = std::chrono::steady_clock::now() + options.wait;
    for (;;) {
        auto seen = notifier_->now();
        if (auto job = claim_once(options)) {
            return job;
        }
        auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= milliseconds(0)) {
            return std::nullopt;
        }
        // Woken at once by a commit that adds a job; the poll only catches expired leases and, for
        // SQLite, jobs added by other processes.
        notifier_->wait(
            seen, [](const Notifier::Generations& g) { return g.jobs; }, std::min(left, safety_poll()));
        if (notifier_->now().interrupts != seen.interrupts) {
            return std::nullopt;
        }
    }
}

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

CompleteStatus SqlStore::complete_job(const Lease& lease, const JudgementResult& result) {
    auto jid = parse_id(lease.judgement_id, "judgement");
    return transact(Mode::Durable, [&](Tx& tx) {
        // A rejudging's row is locked before the job's, in the order apply/cancel_rejudging() lock them,
        // so that completing and deciding serialize (apply either sees this job done, or is seen here as
        // applied) without deadlocking.
        std::optional<std::string> rejudging_state;
        auto rj_of = tx.exec("SELECT rejudging_id FROM jobs WHERE id = $1", {lease.job_id});
        if (!rj_of.empty() && !rj_of.rows[0].is_null(0)) {
            auto st = tx.exec("SELECT state FROM rejudgings WHERE id = $1" + std::string(tx.for_update()),
                              {rj_of.rows[0].i64(0)});
            if (!st.empty()) {
                rejudging_state = st.rows[0].str(0);
            }
        }
        auto job = tx.exec(
            "SELECT state, judgement_id, owner, priority, rejudging_id, submission_seq, contest_id "
            "FROM jobs WHERE id = $1" +
                std::string(tx.for_update()),
            {lease.job_id});
        if (job.empty() || job.rows[0].opt_i64(1) != jid || job.rows[0].str(2) != lease.owner) {
            return CompleteStatus::LeaseLost;
        }
        const auto& row = job.rows[0];
        std::string state = row.str(0);
        if (state == "done") {
            return CompleteStatus::AlreadyRecorded;
        }
        if (state != "claimed") {
            return CompleteStatus::LeaseLost;
        }
        auto now = Clock::now();
        std::optional<Seconds> max_run;
        for (const auto& r : result.runs) {
            max_run = std::max(max_run.value_or(Seconds(0)), r.cpu_time);
        }
        tx.exec(
            "UPDATE judgements SET verdict = $2, score = $3, max_score = $4, end_time = $5, "
            "max_run_time_us = $6, compile_ok = $7, compile_output = $8 WHERE id = $1",
            {jid, text(to_string(result.verdict)), db::opt(result.score), db::opt(result.max_score),
             to_us(now), max_run ? Value{seconds_to_us(*max_run)} : Value{}, I(result.compile_ok),
             text(result.compile_output)});
        for (std::size_t i = 0; i < result.runs.size(); ++i) {
            const RunResult& r = result.runs[i];
            tx.exec(
                "INSERT INTO runs (contest_id, judgement_id, ordinal, verdict, time, run_time_us, "
                "wall_time_us, "
                "memory_bytes, test_name, grp, message) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
                {text(row.str(6)), jid, I(i + 1), text(to_string(r.verdict)), to_us(now),
                 seconds_to_us(r.cpu_time), seconds_to_us(r.wall_time), I(r.memory.count()),
                 text(r.test_name), text(r.group), text(r.message)});
        }
        tx.defer("UPDATE jobs SET state = 'done', finished_at = $2 WHERE id = $1",
                 {lease.job_id, to_us(now)});
        bool publish = row.i64(3) == I(JobPriority::Live);
        if (rejudging_state == "applied") {
            make_current(tx, row.i64(5), jid);
            publish = false;  // make_current published it
        }
        if (publish) {
            publish_judgement(tx, jid, true);
        }
        return CompleteStatus::Recorded;
    });
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

std::optional<Job> SqlStore::claim_once(const ClaimOptions& options) {
    return transact(Mode::Write, [&](Tx& tx) -> std::optional<Job> {
        auto now = Clock::now();
        for (auto& r : tx.exec("SELECT id, judgement_id, owner FROM jobs WHERE state = 'claimed' AND "
                               "lease_expires < $1 ORDER BY id LIMIT 20" +
                                   std::string(tx.skip_locked()),
                               {to_us(now)})
                           .rows) {
            spdlog::warn("store: lease of job {} held by {} expired; requeued", r.i64(0), r.str(2));
            tx.exec("UPDATE jobs SET crashes = crashes + 1, crash_reason = $2 WHERE id = $1",
                    {r.i64(0), text("its worker stopped renewing the lease (killed or lost)")});
            requeue(tx, r.i64(0), r.i64(1));
        }
        // The next job (locked, skipping jobs other claimers hold) and what the worker needs of it, in one
        // round trip.
        auto info = tx.exec(
            "SELECT x.submission_seq, x.contest_id, x.team_id, x.priority, x.rejudging_id, "
            "x.attempts, x.enqueued_at, s.id, s.problem_id, s.language_id, p.package_hash, x.crashes, "
            "x.crash_reason, x.id "
            "FROM jobs x JOIN submissions s ON s.seq = x.submission_seq LEFT JOIN problems p ON "
            "p.contest_id = s.contest_id AND p.id = s.problem_id WHERE x.id = (SELECT id FROM jobs WHERE "
            "state = 'queued' ORDER BY priority, fair_seq, id LIMIT 1" +
            std::string(tx.skip_locked()) + ")");
        if (info.empty()) {
            return std::nullopt;
        }
        const auto& r = info.rows.at(0);
        I job_id = r.i64(13);
        auto priority = r.i64(3) == I(JobPriority::Live) ? JobPriority::Live : JobPriority::Rejudge;
        bool current = priority == JobPriority::Live;
        auto expires = now + options.lease;
        I jid = tx.exec(
                      "INSERT INTO judgements (contest_id, submission_seq, current, valid, start_time, "
                      "rejudging_id, judged_by, compile_ok, compile_output, job_id) "
                      "VALUES ($1, $2, $3, 1, $4, $5, $6, 1, '', $7) RETURNING id",
                      {text(r.str(1)), r.i64(0), I(current), to_us(now), db::opt(r.opt_i64(4)),
                       text(options.owner), job_id})
                    .rows.at(0)
                    .i64(0);
        tx.defer(
            "UPDATE jobs SET state = 'claimed', owner = $2, judgement_id = $3, lease_expires = $4, "
            "attempts = attempts + 1, claimed_at = $5 WHERE id = $1",
            {job_id, text(options.owner), jid, to_us(expires), to_us(now)});
        if (current) {
            publish_judgement(tx, jid, false);
        }
        Job job;
        job.lease = Lease{job_id, std::to_string(jid), options.owner, expires};
        job.priority = priority;
        job.contest_id = r.str(1);
        job.team_id = r.str(2);
        job.rejudging_id = r.opt_str(4);
        job.attempt = static_cast<int>(r.i64(5)) + 1;
        job.enqueued_at = from_us(r.i64(6));
        job.claimed_at = now;
        job.submission_id = r.str(7);
        job.problem_id = r.str(8);
        job.language_id = r.str(9);
        job.package_hash = r.str(10);
        job.crashes = static_cast<int>(r.i64(11));
        job.crash_reason = r.opt_str(12).value_or("");
        return job;
    });
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
