// SqlStore, role Submissions: submissions, their judgements and runs.
#include "sql/sql_store.hpp"

#include "sql/rows.hpp"

namespace khue::store::sql {

Submission SqlStore::add_submission(const NewSubmission& ns) {
    return transact(Mode::Durable, [&](Tx& tx) {
        Contest contest = require_contest(tx, ns.contest_id);
        if (tx.exec("SELECT 1 FROM teams WHERE contest_id = $1 AND id = $2",
                    {text(ns.contest_id), text(ns.team_id)})
                .empty()) {
            throw StoreInvalid("contest '" + ns.contest_id + "' has no team '" + ns.team_id + "'");
        }
        if (tx.exec("SELECT 1 FROM problems WHERE contest_id = $1 AND id = $2",
                    {text(ns.contest_id), text(ns.problem_id)})
                .empty()) {
            throw StoreInvalid("contest '" + ns.contest_id + "' has no problem '" + ns.problem_id + "'");
        }
        if (ns.language_id.empty()) {
            throw StoreInvalid("a submission needs a language");
        }
        if (ns.files.empty()) {
            throw StoreInvalid("a submission needs at least one file");
        }
        Submission s;
        s.contest_id = ns.contest_id;
        s.team_id = ns.team_id;
        s.problem_id = ns.problem_id;
        s.language_id = ns.language_id;
        s.entry_point = ns.entry_point;
        s.time = ns.time.value_or(Clock::now());
        if (ns.id) {
            if (!submission_seq(tx, ns.contest_id, *ns.id).has_value()) {
                s.id = *ns.id;
            } else {
                throw StoreInvalid("contest '" + ns.contest_id + "' already has a submission '" + *ns.id +
                                   "'");
            }
        } else {
            // Numbers, skipping any an importer already used.
            do {
                s.id = std::to_string(next_counter(tx, "submission:" + ns.contest_id));
            } while (submission_seq(tx, ns.contest_id, s.id).has_value());
        }
        I seq = tx.exec(
                      "INSERT INTO submissions (contest_id, id, team_id, problem_id, language_id, "
                      "entry_point, "
                      "time) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING seq",
                      {text(s.contest_id), text(s.id), text(s.team_id), text(s.problem_id),
                       text(s.language_id), opt_text(s.entry_point), to_us(s.time)})
                    .rows.at(0)
                    .i64(0);
        for (std::size_t i = 0; i < ns.files.size(); ++i) {
            tx.exec("INSERT INTO submission_files (submission_seq, idx, name, bytes) VALUES ($1,$2,$3,$4)",
                    {seq, I(i), text(ns.files[i].name), db::Blob{ns.files[i].bytes}});
        }
        enqueue(tx, seq, s.contest_id, s.team_id, JobPriority::Live, std::nullopt, std::nullopt);
        tx.event(s.contest_id, event_type::submissions, s.id, encoder_->submission(contest, s));
        s.files = ns.files;
        return s;
    });
}

std::optional<Submission> SqlStore::get_submission(std::string_view contest_id, std::string_view id) {
    return transact(Mode::Read, [&](Tx& tx) -> std::optional<Submission> {
        auto r = tx.exec("SELECT " + std::string(kSubmissionCols) +
                             " FROM submissions s WHERE s.contest_id = $1 AND s.id = $2",
                         {text(contest_id), text(id)});
        if (r.empty()) {
            return std::nullopt;
        }
        Submission s = submission_from(r.rows[0]);
        for (auto& f :
             tx.exec("SELECT name, bytes FROM submission_files WHERE submission_seq = $1 ORDER BY idx",
                     {r.rows[0].i64(0)})
                 .rows) {
            s.files.push_back({f.str(0), f.blob(1)});
        }
        return s;
    });
}

std::vector<Submission> SqlStore::list_submissions(const SubmissionFilter& f) {
    std::string sql =
        "SELECT " + std::string(kSubmissionCols) + " FROM submissions s WHERE s.contest_id = $1";
    std::vector<Value> params{text(f.contest_id)};
    and_equals(sql, params, "s.team_id", f.team_id);
    and_equals(sql, params, "s.problem_id", f.problem_id);
    and_equals(sql, params, "s.language_id", f.language_id);
    return read_all(sql + " ORDER BY s.seq", params, submission_from);
}

std::vector<Judgement> SqlStore::list_judgements(const JudgementFilter& f) {
    std::string sql =
        "SELECT " + std::string(kJudgementCols) +
        " FROM judgements j JOIN submissions s ON s.seq = j.submission_seq WHERE j.contest_id = $1";
    std::vector<Value> params{text(f.contest_id)};
    and_equals(sql, params, "s.id", f.submission_id);
    if (f.current_only) {
        sql += " AND j.current = 1";
    }
    if (!f.include_invalid) {
        sql += " AND j.valid = 1";
    }
    return read_all(sql + " ORDER BY j.id", params, judgement_from);
}

std::optional<Judgement> SqlStore::current_judgement(std::string_view contest_id,
                                                     std::string_view submission_id) {
    return read_one("SELECT " + std::string(kJudgementCols) +
                        " FROM judgements j JOIN submissions s ON s.seq = j.submission_seq "
                        "WHERE s.contest_id = $1 AND s.id = $2 AND j.current = 1",
                    {text(contest_id), text(submission_id)}, judgement_from);
}

std::vector<Run> SqlStore::list_runs(std::string_view contest_id,
                                     std::optional<std::string_view> judgement_id) {
    if (!judgement_id) {
        return read_all("SELECT " + std::string(kRunCols) + " FROM runs WHERE contest_id = $1 ORDER BY id",
                        {text(contest_id)}, run_from);
    }
    auto jid = try_parse_id(*judgement_id);
    if (!jid) {
        return {};
    }
    return read_all("SELECT " + std::string(kRunCols) +
                        " FROM runs WHERE contest_id = $1 AND judgement_id = $2 ORDER BY id",
                    {text(contest_id), *jid}, run_from);
}

std::optional<I> SqlStore::submission_seq(Tx& tx, std::string_view contest_id, std::string_view id) {
    return query_one(tx, "SELECT seq FROM submissions WHERE contest_id = $1 AND id = $2",
                     {text(contest_id), text(id)}, [](const db::Row& r) { return r.i64(0); });
}

I SqlStore::next_counter(Tx& tx, const std::string& name) {
    return tx
        .exec(
            "INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET "
            "value = counters.value + 1 RETURNING value",
            {text(name)})
        .rows.at(0)
        .i64(0);
}

std::optional<Judgement> SqlStore::load_judgement(Tx& tx, I id) {
    return query_one(tx,
                     "SELECT " + std::string(kJudgementCols) +
                         " FROM judgements j JOIN submissions s ON s.seq = j.submission_seq WHERE j.id = $1",
                     {id}, judgement_from);
}

}  // namespace khue::store::sql
