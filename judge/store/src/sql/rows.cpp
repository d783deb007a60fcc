#include "sql/rows.hpp"

#include <boost/json.hpp>

#include "sql/values.hpp"

namespace khue::store::sql {

Contest contest_from(const db::Row& r) {
    Contest c;
    c.id = r.str(0);
    c.name = r.str(1);
    c.formal_name = r.str(2);
    c.start_time = opt_time(r.opt_i64(3));
    c.duration = milliseconds(r.i64(4));
    if (auto f = r.opt_i64(5)) {
        c.scoreboard_freeze_duration = milliseconds(*f);
    }
    c.scoreboard_thaw_time = opt_time(r.opt_i64(6));
    auto type = r.str(7);
    if (auto parsed = scoreboard_type_from_string(type)) {
        c.scoreboard_type = *parsed;
    } else {
        throw StoreError("store: unknown scoreboard type '" + type + "' of contest '" + c.id + "'");
    }
    c.penalty_time = milliseconds(r.i64(8));
    c.utc_offset = std::chrono::minutes(r.i64(9));
    c.state.started = opt_time(r.opt_i64(10));
    c.state.frozen = opt_time(r.opt_i64(11));
    c.state.ended = opt_time(r.opt_i64(12));
    c.state.thawed = opt_time(r.opt_i64(13));
    c.state.finalized = opt_time(r.opt_i64(14));
    c.state.end_of_updates = opt_time(r.opt_i64(15));
    c.awards = r.str(16);
    c.practice = r.i64(17) != 0;
    return c;
}

Problem problem_from(const db::Row& r) {
    Problem p;
    p.contest_id = r.str(0);
    p.id = r.str(1);
    p.label = r.str(2);
    p.name = r.str(3);
    p.ordinal = static_cast<int>(r.i64(4));
    p.rgb = r.str(5);
    p.color = r.str(6);
    p.time_limit = us_to_seconds(r.i64(7));
    p.memory_limit = Bytes{static_cast<std::uint64_t>(r.i64(8))};
    p.output_limit = Bytes{static_cast<std::uint64_t>(r.i64(9))};
    p.code_limit = Bytes{static_cast<std::uint64_t>(r.i64(10))};
    p.test_data_count = static_cast<int>(r.i64(11));
    p.max_score = r.opt_f64(12);
    p.package_hash = r.str(13);
    return p;
}

Team team_from(const db::Row& r) {
    Team t;
    t.contest_id = r.str(0);
    t.id = r.str(1);
    t.name = r.str(2);
    t.label = r.str(3);
    t.display_name = r.str(4);
    t.organization_id = r.opt_str(5);
    boost::json::value groups = boost::json::parse(r.str(6));
    for (const auto& g : groups.as_array()) {
        t.group_ids.emplace_back(g.as_string());
    }
    t.hidden = r.i64(7) != 0;
    return t;
}

Account account_from(const db::Row& r) {
    Account a;
    a.id = r.str(0);
    a.username = r.str(1);
    a.password_hash = r.str(2);
    auto type = r.str(3);
    if (auto parsed = account_type_from_string(type)) {
        a.type = *parsed;
    } else {
        throw StoreError("store: unknown account type '" + type + "' of account '" + a.id + "'");
    }
    a.contest_id = r.opt_str(4);
    a.team_id = r.opt_str(5);
    a.name = r.str(6);
    return a;
}

Submission submission_from(const db::Row& r) {
    // Column 0 is the internal sequence number.
    return Submission{r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.opt_str(6), from_us(r.i64(7)), {}};
}

Judgement judgement_from(const db::Row& r) {
    Judgement j;
    j.id = r.str(0);
    j.contest_id = r.str(1);
    j.submission_id = r.str(2);
    if (auto v = r.opt_str(3)) {
        j.verdict = parse_verdict(*v);
    }
    j.score = r.opt_f64(4);
    j.max_score = r.opt_f64(5);
    j.current = r.i64(6) != 0;
    j.valid = r.i64(7) != 0;
    j.start_time = from_us(r.i64(8));
    j.end_time = opt_time(r.opt_i64(9));
    if (auto m = r.opt_i64(10)) {
        j.max_run_time = us_to_seconds(*m);
    }
    j.rejudging_id = r.opt_str(11);
    j.judged_by = r.str(12);
    j.compile_ok = r.i64(13) != 0;
    j.compile_output = r.str(14);
    return j;
}

Run run_from(const db::Row& r) {
    Run run;
    run.id = r.str(0);
    run.contest_id = r.str(1);
    run.judgement_id = r.str(2);
    run.ordinal = static_cast<int>(r.i64(3));
    run.verdict = parse_verdict(r.str(4));
    run.time = from_us(r.i64(5));
    run.run_time = us_to_seconds(r.i64(6));
    run.wall_time = us_to_seconds(r.i64(7));
    run.memory = Bytes{static_cast<std::uint64_t>(r.i64(8))};
    run.test_name = r.str(9);
    run.group = r.str(10);
    run.message = r.str(11);
    return run;
}

std::string_view rejudging_state_text(RejudgingState s) {
    switch (s) {
        case RejudgingState::Created:
            return "created";
        case RejudgingState::Applied:
            return "applied";
        case RejudgingState::Cancelled:
            return "cancelled";
    }
    return "created";
}

RejudgingState rejudging_state_from(const std::string& s) {
    if (s == "applied") {
        return RejudgingState::Applied;
    }
    if (s == "cancelled") {
        return RejudgingState::Cancelled;
    }
    return RejudgingState::Created;
}

Rejudging rejudging_from(const db::Row& r) {
    Rejudging rj;
    rj.id = r.str(0);
    rj.contest_id = r.str(1);
    rj.reason = r.str(2);
    rj.state = rejudging_state_from(r.str(3));
    rj.created_at = from_us(r.i64(4));
    rj.decided_at = opt_time(r.opt_i64(5));
    rj.submission_count = static_cast<std::size_t>(r.i64(6));
    return rj;
}

}  // namespace khue::store::sql
