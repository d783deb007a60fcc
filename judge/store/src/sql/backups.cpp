// SqlStore, role Backups (the record of backups taken), and import_judgement (role Submissions, for importers
// of contest packages with their results): the pieces of the store that serve keeping and moving data.
#include "sql/sql_store.hpp"

#include "sql/rows.hpp"

namespace khue::store::sql {

void SqlStore::record_backup(const BackupRecord& backup) {
    transact(Mode::Durable, [&](Tx& tx) {
        tx.exec("INSERT INTO backups (time, target, bytes) VALUES ($1, $2, $3)",
                {to_us(backup.time), text(backup.target), I(backup.bytes)});
    });
}

std::optional<BackupRecord> SqlStore::last_backup() {
    return read_one("SELECT time, target, bytes FROM backups ORDER BY time DESC, id DESC LIMIT 1", {},
                    [](const db::Row& r) {
                        return BackupRecord{from_us(r.i64(0)), r.str(1), r.i64(2)};
                    });
}

Judgement SqlStore::import_judgement(std::string_view contest_id, std::string_view submission_id,
                                     TimePoint start_time, TimePoint end_time,
                                     const JudgementResult& result) {
    return transact(Mode::Durable, [&](Tx& tx) {
        auto seq = submission_seq(tx, contest_id, submission_id);
        if (!seq) {
            throw StoreInvalid("contest '" + std::string(contest_id) + "' has no submission '" +
                               std::string(submission_id) + "'");
        }
        if (!tx.exec("SELECT 1 FROM judgements WHERE submission_seq = $1", {*seq}).empty()) {
            throw StoreInvalid("submission '" + std::string(submission_id) + "' already has a judgement");
        }
        auto job =
            tx.exec("SELECT id FROM jobs WHERE submission_seq = $1 AND state = 'queued' ORDER BY id LIMIT 1" +
                        std::string(tx.for_update()),
                    {*seq});
        std::optional<Seconds> max_run;
        for (const auto& r : result.runs) {
            max_run = std::max(max_run.value_or(Seconds(0)), r.cpu_time);
        }
        I job_id = job.empty() ? I{0} : job.rows[0].i64(0);
        I jid =
            tx.exec(
                  "INSERT INTO judgements (contest_id, submission_seq, verdict, score, max_score, current, "
                  "valid, start_time, end_time, max_run_time_us, judged_by, compile_ok, compile_output, "
                  "job_id) VALUES ($1, $2, $3, $4, $5, 1, 1, $6, $7, $8, 'import', $9, $10, $11) "
                  "RETURNING id",
                  {text(contest_id), *seq, text(to_string(result.verdict)), db::opt(result.score),
                   db::opt(result.max_score), to_us(start_time), to_us(end_time),
                   max_run ? Value{seconds_to_us(*max_run)} : Value{}, I(result.compile_ok),
                   text(result.compile_output), job_id})
                .rows.at(0)
                .i64(0);
        for (std::size_t i = 0; i < result.runs.size(); ++i) {
            const RunResult& r = result.runs[i];
            tx.exec(
                "INSERT INTO runs (contest_id, judgement_id, ordinal, verdict, time, run_time_us, "
                "wall_time_us, "
                "memory_bytes, test_name, grp, message) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
                {text(contest_id), jid, I(i + 1), text(to_string(r.verdict)), to_us(end_time),
                 seconds_to_us(r.cpu_time), seconds_to_us(r.wall_time), I(r.memory.count()),
                 text(r.test_name), text(r.group), text(r.message)});
        }
        if (!job.empty()) {
            tx.exec("UPDATE jobs SET state = 'done', judgement_id = $2, finished_at = $3 WHERE id = $1",
                    {job_id, jid, to_us(end_time)});
        }
        publish_judgement(tx, jid, true);
        auto stored = load_judgement(tx, jid);
        return *stored;
    });
}

}  // namespace khue::store::sql
