// SqlStore, role Rejudgings: create, preview, apply, cancel.
#include "sql/sql_store.hpp"

#include "sql/rows.hpp"

namespace khue::store::sql {

Rejudging SqlStore::create_rejudging(const RejudgeSelection& sel, std::string_view reason) {
    return transact(Mode::Durable, [&](Tx& tx) {
        require_contest(tx, sel.contest_id);
        std::string sql =
            "SELECT s.seq, s.team_id, j.id FROM submissions s JOIN judgements j ON j.submission_seq = "
            "s.seq "
            "AND j.current = 1 WHERE s.contest_id = $1 AND j.verdict IS NOT NULL AND NOT EXISTS (SELECT "
            "1 FROM "
            "jobs x WHERE x.submission_seq = s.seq AND x.state IN ('queued', 'claimed'))";
        std::vector<Value> params{text(sel.contest_id)};
        and_equals(sql, params, "s.id", sel.submission_id);
        and_equals(sql, params, "s.problem_id", sel.problem_id);
        and_equals(sql, params, "s.team_id", sel.team_id);
        and_equals(sql, params, "s.language_id", sel.language_id);
        if (sel.current_verdict) {
            and_equals(sql, params, "j.verdict", std::string(judge::to_string(*sel.current_verdict)));
        }
        sql += " ORDER BY s.seq";
        auto picked = tx.exec(sql, params);
        if (picked.empty()) {
            throw StoreInvalid("the rejudging selects no judged submission of contest '" + sel.contest_id +
                               "'");
        }
        auto now = Clock::now();
        I id = tx.exec(
                     "INSERT INTO rejudgings (contest_id, reason, state, created_at, submission_count) "
                     "VALUES ($1, $2, 'created', $3, $4) RETURNING id",
                     {text(sel.contest_id), text(reason), to_us(now), I(picked.rows.size())})
                   .rows.at(0)
                   .i64(0);
        for (auto& r : picked.rows) {
            enqueue(tx, r.i64(0), sel.contest_id, r.str(1), JobPriority::Rejudge, id, r.i64(2));
        }
        return Rejudging{
            std::to_string(id), sel.contest_id,    std::string(reason), RejudgingState::Created, now,
            std::nullopt,       picked.rows.size()};
    });
}

std::optional<Rejudging> SqlStore::get_rejudging(std::string_view id) {
    auto rid = try_parse_id(id);
    if (!rid) {
        return std::nullopt;
    }
    return read_one("SELECT " + std::string(kRejudgingCols) + " FROM rejudgings WHERE id = $1", {*rid},
                    rejudging_from);
}

std::vector<Rejudging> SqlStore::list_rejudgings(std::string_view contest_id) {
    return read_all(
        "SELECT " + std::string(kRejudgingCols) + " FROM rejudgings WHERE contest_id = $1 ORDER BY id",
        {text(contest_id)}, rejudging_from);
}

std::vector<RejudgePreviewRow> SqlStore::preview_rejudging(std::string_view id) {
    I rid = parse_id(id, "rejudging");
    return read_all(
        "SELECT s.id, x.prev_judgement_id, pj.verdict, x.judgement_id, nj.verdict, x.state "
        "FROM jobs x JOIN submissions s ON s.seq = x.submission_seq "
        "LEFT JOIN judgements pj ON pj.id = x.prev_judgement_id "
        "LEFT JOIN judgements nj ON nj.id = x.judgement_id "
        "WHERE x.rejudging_id = $1 ORDER BY s.seq",
        {rid}, [](const db::Row& r) {
            RejudgePreviewRow row;
            row.submission_id = r.str(0);
            row.old_judgement_id = r.opt_str(1);
            if (auto v = r.opt_str(2)) {
                row.old_verdict = parse_verdict(*v);
            }
            row.new_judgement_id = r.opt_str(3);
            if (auto v = r.opt_str(4); v && r.str(5) == "done") {
                row.new_verdict = parse_verdict(*v);
            }
            return row;
        });
}

void SqlStore::apply_rejudging(std::string_view id) {
    I rid = parse_id(id, "rejudging");
    transact(Mode::Durable, [&](Tx& tx) {
        decide_rejudging(tx, rid, RejudgingState::Applied);
        for (auto& r : tx.exec("SELECT submission_seq, judgement_id FROM jobs WHERE rejudging_id = $1 AND "
                               "state = 'done' ORDER BY id",
                               {rid})
                           .rows) {
            make_current(tx, r.i64(0), r.i64(1));
        }
    });
}

void SqlStore::cancel_rejudging(std::string_view id) {
    I rid = parse_id(id, "rejudging");
    transact(Mode::Durable, [&](Tx& tx) {
        decide_rejudging(tx, rid, RejudgingState::Cancelled);
        tx.exec(
            "UPDATE judgements SET valid = 0 WHERE id IN (SELECT judgement_id FROM jobs WHERE "
            "rejudging_id = $1 "
            "AND judgement_id IS NOT NULL)",
            {rid});
        tx.exec(
            "UPDATE jobs SET state = 'cancelled' WHERE rejudging_id = $1 AND state IN ('queued', "
            "'claimed')",
            {rid});
    });
}

void SqlStore::decide_rejudging(Tx& tx, I rid, RejudgingState to) {
    auto r = tx.exec("SELECT state FROM rejudgings WHERE id = $1" + std::string(tx.for_update()), {rid});
    if (r.empty()) {
        throw StoreInvalid("no rejudging '" + std::to_string(rid) + "'");
    }
    if (r.rows[0].str(0) != "created") {
        throw StoreInvalid("rejudging " + std::to_string(rid) + " is already " + r.rows[0].str(0));
    }
    tx.exec("UPDATE rejudgings SET state = $2, decided_at = $3 WHERE id = $1",
            {rid, text(rejudging_state_text(to)), to_us(Clock::now())});
}

}  // namespace khue::store::sql
