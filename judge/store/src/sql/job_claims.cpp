// SqlStore, role JobQueue: claims and completions, batched. A claim of n jobs is three round trips on
// PostgreSQL whatever n is (BEGIN + expired leases + the pick with everything the worker and the events need;
// the n judgements; the jobs' updates + events + COMMIT); a completion of n jobs without runs is two (BEGIN +
// each job's lock and what its event needs; the updates + events + COMMIT), three with runs (their ids are
// needed for their events). Events are encoded from what the transaction already holds instead of being read
// back, with times rounded to the microsecond as the database keeps them, so that they are byte for byte what
// publish_judgement() would encode from the stored rows.
#include <spdlog/spdlog.h>

#include <set>

#include "sql/rows.hpp"
#include "sql/sql_store.hpp"

namespace khue::store::sql {
namespace {

// `cols` ("a, b, c") with every column prefixed by `alias.`.
std::string prefixed(std::string_view cols, std::string_view alias) {
    std::string out;
    std::size_t start = 0;
    while (start < cols.size()) {
        auto comma = cols.find(',', start);
        auto part = cols.substr(start, comma == std::string_view::npos ? cols.npos : comma - start);
        while (!part.empty() && part.front() == ' ') {
            part.remove_prefix(1);
        }
        if (!out.empty()) {
            out += ", ";
        }
        out += std::string(alias) + "." + std::string(part);
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

const std::string& contest_cols() {
    static const std::string cols = prefixed(kContestCols, "c");
    return cols;
}
std::size_t contest_col_count() {
    return static_cast<std::size_t>(std::count(kContestCols.begin(), kContestCols.end(), ',')) + 1;
}

// Now, at the precision the database keeps.
TimePoint db_now() {
    return from_us(to_us(Clock::now()));
}

}  // namespace

std::vector<Job> SqlStore::claim_jobs(const std::vector<std::string>& owners, milliseconds lease,
                                      milliseconds wait) {
    if (owners.empty()) {
        throw StoreInvalid("claim_jobs needs at least one owner name");
    }
    if (std::any_of(owners.begin(), owners.end(), [](const std::string& o) { return o.empty(); })) {
        throw StoreInvalid("claim_job needs an owner name");
    }
    if (std::set<std::string>(owners.begin(), owners.end()).size() != owners.size()) {
        throw StoreInvalid("claim_jobs: an owner is named twice in one claim");
    }
    auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        auto seen = notifier_->now();
        if (auto jobs = claim_once(owners, lease); !jobs.empty()) {
            return jobs;
        }
        auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= milliseconds(0)) {
            return {};
        }
        // Woken at once by a commit that adds a job (this process: the notifier; others: NOTIFY on
        // PostgreSQL, the wake-up file on SQLite); the poll only catches expired leases and lost wake-ups.
        notifier_->wait(
            seen, [](const Notifier::Generations& g) { return g.jobs; }, std::min(left, safety_poll()));
        if (notifier_->now().interrupts != seen.interrupts) {
            return {};
        }
    }
}

std::vector<Job> SqlStore::claim_once(const std::vector<std::string>& owners, milliseconds lease) {
    return transact(Mode::Write, [&](Tx& tx) -> std::vector<Job> {
        const auto now = db_now();
        // Expired leases, and the next jobs (locked, skipping jobs other claimers hold) with what the worker
        // and the judgement's event need of them, in one round trip.
        const db::Statement pick{
            "SELECT x.submission_seq, x.contest_id, x.team_id, x.priority, x.rejudging_id, x.attempts, "
            "x.enqueued_at, s.id, s.problem_id, s.language_id, p.package_hash, x.crashes, x.crash_reason, "
            "x.id, " +
                contest_cols() +
                " FROM jobs x JOIN submissions s ON s.seq = x.submission_seq JOIN contests c ON c.id = "
                "x.contest_id LEFT JOIN problems p ON p.contest_id = s.contest_id AND p.id = s.problem_id "
                "WHERE x.id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority, fair_seq, id "
                "LIMIT $1" +
                std::string(tx.skip_locked()) + ") ORDER BY x.priority, x.fair_seq, x.id",
            {I(owners.size())}};
        auto first = tx.exec_many({
            {"SELECT id, judgement_id, owner FROM jobs WHERE state = 'claimed' AND lease_expires < $1 ORDER "
             "BY "
             "id LIMIT 20" +
                 std::string(tx.skip_locked()),
             {to_us(now)}},
            pick,
        });
        for (auto& r : first[0].rows) {
            spdlog::warn("store: lease of job {} held by {} expired; requeued", r.i64(0), r.str(2));
            tx.exec("UPDATE jobs SET crashes = crashes + 1, crash_reason = $2 WHERE id = $1",
                    {r.i64(0), text("its worker stopped renewing the lease (killed or lost)")});
            requeue(tx, r.i64(0), r.i64(1));
        }
        if (!first[0].empty()) {
            // Requeued jobs take their place in the queue: pick again (rare; rows this transaction locked in
            // the first pick are not skipped).
            first[1] = tx.exec(pick.sql, pick.params);
        }
        const auto& picked = first[1].rows;
        if (picked.empty()) {
            return {};
        }
        const auto expires = now + lease;
        std::vector<db::Statement> inserts;
        for (std::size_t i = 0; i < picked.size(); ++i) {
            const auto& r = picked[i];
            const bool current = r.i64(3) == I(JobPriority::Live);
            inserts.push_back(
                {"INSERT INTO judgements (contest_id, submission_seq, current, valid, start_time, "
                 "rejudging_id, judged_by, compile_ok, compile_output, job_id) "
                 "VALUES ($1, $2, $3, 1, $4, $5, $6, 1, '', $7) RETURNING id",
                 {text(r.str(1)), r.i64(0), I(current), to_us(now), db::opt(r.opt_i64(4)), text(owners[i]),
                  r.i64(13)}});
        }
        auto ids = tx.exec_many(inserts);
        std::vector<Job> jobs;
        jobs.reserve(picked.size());
        for (std::size_t i = 0; i < picked.size(); ++i) {
            const auto& r = picked[i];
            const I job_id = r.i64(13);
            const I jid = ids[i].rows.at(0).i64(0);
            const auto priority = r.i64(3) == I(JobPriority::Live) ? JobPriority::Live : JobPriority::Rejudge;
            tx.defer(
                "UPDATE jobs SET state = 'claimed', owner = $2, judgement_id = $3, lease_expires = $4, "
                "attempts = attempts + 1, claimed_at = $5 WHERE id = $1",
                {job_id, text(owners[i]), jid, to_us(expires), to_us(now)});
            Job job;
            job.lease = Lease{job_id, std::to_string(jid), owners[i], expires};
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
            if (priority == JobPriority::Live) {
                // The judgement as inserted above (what load_judgement() would read back).
                Judgement j;
                j.id = job.lease.judgement_id;
                j.contest_id = job.contest_id;
                j.submission_id = job.submission_id;
                j.current = true;
                j.valid = true;
                j.start_time = now;
                j.rejudging_id = job.rejudging_id;
                j.judged_by = owners[i];
                const Contest contest = contest_from(r.slice(14, contest_col_count()));
                tx.event(j.contest_id, event_type::judgements, j.id, encoder_->judgement(contest, j));
            }
            jobs.push_back(std::move(job));
        }
        return jobs;
    });
}

std::vector<CompleteStatus> SqlStore::complete_jobs(const std::vector<Completion>& batch) {
    std::vector<I> jids;
    std::set<I> job_ids;
    for (const auto& c : batch) {
        jids.push_back(parse_id(c.lease.judgement_id, "judgement"));
        if (!job_ids.insert(c.lease.job_id).second) {
            throw StoreInvalid("complete_jobs: job " + std::to_string(c.lease.job_id) +
                               " twice in one batch");
        }
    }
    if (batch.empty()) {
        return {};
    }
    return transact(Mode::Durable, [&](Tx& tx) {
        // Per job, a rejudging's row is locked before the job's, in the order apply/cancel_rejudging() lock
        // them, so that completing and deciding serialize (apply either sees this job done, or is seen here
        // as applied) without deadlocking. A job's rejudging never changes, so reading it unlocked is safe.
        std::vector<db::Statement> checks;
        for (const auto& c : batch) {
            checks.push_back(
                {"SELECT state FROM rejudgings WHERE id = (SELECT rejudging_id FROM jobs WHERE id = "
                 "$1)" +
                     std::string(tx.for_update()),
                 {c.lease.job_id}});
            checks.push_back(
                {"SELECT x.state, x.judgement_id, x.owner, x.priority, x.submission_seq, x.contest_id, s.id, "
                 "j.current, j.valid, j.start_time, j.rejudging_id, j.judged_by, " +
                     contest_cols() +
                     " FROM jobs x JOIN judgements j ON j.id = x.judgement_id JOIN submissions s ON s.seq = "
                     "x.submission_seq JOIN contests c ON c.id = x.contest_id WHERE x.id = $1" +
                     tx.for_update_of("x"),
                 {c.lease.job_id}});
        }
        auto checked = tx.exec_many(checks);
        const auto now = db_now();
        std::vector<CompleteStatus> statuses(batch.size(), CompleteStatus::LeaseLost);
        struct Recorded {
            std::size_t index;
            bool applied;  // of an applied rejudging: becomes current with make_current()
            std::size_t first_run;
        };
        std::vector<Recorded> recorded;
        std::vector<db::Statement> writes;  // the judgements' updates, then every run's insert
        std::vector<db::Statement> runs;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto& c = batch[i];
            const auto& job = checked[2 * i + 1];
            if (job.empty() || job.rows[0].opt_i64(1) != jids[i] || job.rows[0].str(2) != c.lease.owner) {
                continue;  // LeaseLost
            }
            const auto& row = job.rows[0];
            const std::string state = row.str(0);
            if (state == "done") {
                statuses[i] = CompleteStatus::AlreadyRecorded;
                continue;
            }
            if (state != "claimed") {
                continue;
            }
            statuses[i] = CompleteStatus::Recorded;
            const auto& rj = checked[2 * i];
            const bool applied = !rj.empty() && rj.rows[0].str(0) == "applied";
            const JudgementResult& result = c.result;
            std::optional<Seconds> max_run;
            for (const auto& r : result.runs) {
                max_run = std::max(max_run.value_or(Seconds(0)), r.cpu_time);
            }
            writes.push_back(
                {"UPDATE judgements SET verdict = $2, score = $3, max_score = $4, end_time = $5, "
                 "max_run_time_us = $6, compile_ok = $7, compile_output = $8 WHERE id = $1",
                 {jids[i], text(to_string(result.verdict)), db::opt(result.score), db::opt(result.max_score),
                  to_us(now), max_run ? Value{seconds_to_us(*max_run)} : Value{}, I(result.compile_ok),
                  text(result.compile_output)}});
            recorded.push_back({i, applied, runs.size()});
            for (std::size_t k = 0; k < result.runs.size(); ++k) {
                const RunResult& r = result.runs[k];
                runs.push_back(
                    {"INSERT INTO runs (contest_id, judgement_id, ordinal, verdict, time, run_time_us, "
                     "wall_time_us, memory_bytes, test_name, grp, message) VALUES ($1,$2,$3,$4,$5,$6,"
                     "$7,$8,$9,$10,$11) RETURNING id",
                     {text(row.str(5)), jids[i], I(k + 1), text(to_string(r.verdict)), to_us(now),
                      seconds_to_us(r.cpu_time), seconds_to_us(r.wall_time), I(r.memory.count()),
                      text(r.test_name), text(r.group), text(r.message)}});
            }
        }
        // Runs' ids are needed for their events, and make_current() reads the stored judgement: then the
        // writes go now, in one round trip; otherwise they travel with the COMMIT.
        const bool any_applied =
            std::any_of(recorded.begin(), recorded.end(), [](const Recorded& r) { return r.applied; });
        std::vector<db::Result> run_ids;
        if (!runs.empty() || any_applied) {
            const std::size_t updates = writes.size();
            writes.insert(writes.end(), runs.begin(), runs.end());
            auto results = tx.exec_many(writes);
            run_ids.assign(results.begin() + static_cast<std::ptrdiff_t>(updates), results.end());
        } else {
            for (auto& w : writes) {
                tx.defer(std::move(w.sql), std::move(w.params));
            }
        }
        for (const Recorded& rec : recorded) {
            const auto& c = batch[rec.index];
            const auto& row = checked[2 * rec.index + 1].rows[0];
            tx.defer("UPDATE jobs SET state = 'done', finished_at = $2 WHERE id = $1",
                     {c.lease.job_id, to_us(now)});
            if (rec.applied) {
                make_current(tx, row.i64(4), jids[rec.index]);  // publishes it
                continue;
            }
            if (row.i64(3) != I(JobPriority::Live)) {
                continue;  // a rejudging's judgement is published when (if) the rejudging is applied
            }
            const Contest contest = contest_from(row.slice(12, contest_col_count()));
            const JudgementResult& result = c.result;
            // The runs and the judgement as stored above (what publish_judgement() would read back).
            std::optional<Seconds> max_run;
            for (std::size_t k = 0; k < result.runs.size(); ++k) {
                const RunResult& r = result.runs[k];
                Run run;
                run.id = run_ids.at(rec.first_run + k).rows.at(0).str(0);
                run.contest_id = row.str(5);
                run.judgement_id = c.lease.judgement_id;
                run.ordinal = static_cast<int>(k + 1);
                run.verdict = r.verdict;
                run.time = now;
                run.run_time = us_to_seconds(seconds_to_us(r.cpu_time));
                run.wall_time = us_to_seconds(seconds_to_us(r.wall_time));
                run.memory = r.memory;
                run.test_name = r.test_name;
                run.group = r.group;
                run.message = r.message;
                tx.event(run.contest_id, event_type::runs, run.id, encoder_->run(contest, run));
                max_run = std::max(max_run.value_or(Seconds(0)), r.cpu_time);
            }
            Judgement j;
            j.id = c.lease.judgement_id;
            j.contest_id = row.str(5);
            j.submission_id = row.str(6);
            j.verdict = result.verdict;
            j.score = result.score;
            j.max_score = result.max_score;
            j.current = row.i64(7) != 0;
            j.valid = row.i64(8) != 0;
            j.start_time = from_us(row.i64(9));
            j.end_time = now;
            if (max_run) {
                j.max_run_time = us_to_seconds(seconds_to_us(*max_run));
            }
            j.rejudging_id = row.opt_str(10);
            j.judged_by = row.str(11);
            j.compile_ok = result.compile_ok;
            j.compile_output = result.compile_output;
            tx.event(j.contest_id, event_type::judgements, j.id, encoder_->judgement(contest, j));
        }
        return statuses;
    });
}

}  // namespace khue::store::sql
