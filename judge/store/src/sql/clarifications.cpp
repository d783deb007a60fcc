// SqlStore, role Clarifications: questions, answers, announcements, and the jury's claims on questions.
#include "sql/sql_store.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace khue::store::sql {

namespace {

constexpr std::string_view kClarCols =
    "c.contest_id, c.id, c.from_team_id, c.to_team_ids, c.to_group_ids, c.reply_to_id, c.problem_id, c.text, "
    "c.time, c.sender, c.claimed_by, c.claimed_at, "
    "(SELECT count(*) FROM clarifications r WHERE r.contest_id = c.contest_id AND r.reply_to_id = c.id)";

Value id_list(const std::optional<std::vector<std::string>>& ids) {
    if (!ids) {
        return Value{};
    }
    boost::json::array a;
    for (const auto& id : *ids) {
        a.emplace_back(id);
    }
    return Value{boost::json::serialize(a)};
}

std::optional<std::vector<std::string>> parse_id_list(const std::optional<std::string>& text) {
    if (!text) {
        return std::nullopt;
    }
    std::error_code ec;
    auto v = boost::json::parse(*text, ec);
    std::vector<std::string> out;
    if (!ec && v.is_array()) {
        for (const auto& x : v.as_array()) {
            if (x.is_string()) {
                out.emplace_back(x.as_string());
            }
        }
    }
    return out;
}

Clarification clarification_from(const db::Row& r) {
    Clarification c;
    c.contest_id = r.str(0);
    c.id = r.str(1);
    c.from_team_id = r.opt_str(2);
    c.to_team_ids = parse_id_list(r.opt_str(3));
    c.to_group_ids = parse_id_list(r.opt_str(4));
    c.reply_to_id = r.opt_str(5);
    c.problem_id = r.opt_str(6);
    c.text = r.str(7);
    c.time = from_us(r.i64(8));
    c.sender = r.str(9);
    c.claimed_by = r.opt_str(10);
    c.claimed_at = opt_time(r.opt_i64(11));
    c.answered = r.i64(12) > 0;
    return c;
}

std::optional<Clarification> load(Tx& tx, std::string_view contest_id, std::string_view id) {
    return query_one(
        tx,
        "SELECT " + std::string(kClarCols) + " FROM clarifications c WHERE c.contest_id = $1 AND c.id = $2",
        {text(contest_id), text(id)}, clarification_from);
}

}  // namespace

Clarification SqlStore::add_clarification(const NewClarification& nc) {
    if (nc.text.empty()) {
        throw StoreInvalid("a clarification needs a text");
    }
    if (nc.from_team_id && (nc.to_team_ids || nc.to_group_ids)) {
        throw StoreInvalid("a team's clarification cannot be sent to teams or groups");
    }
    return transact(Mode::Durable, [&](Tx& tx) {
        Contest contest = require_contest(tx, nc.contest_id);
        auto must_exist = [&](std::string_view table, std::string_view what, const std::string& id) {
            if (tx.exec("SELECT 1 FROM " + std::string(table) + " WHERE contest_id = $1 AND id = $2",
                        {text(nc.contest_id), text(id)})
                    .empty()) {
                throw StoreInvalid("no " + std::string(what) + " '" + id + "' in contest '" + nc.contest_id +
                                   "'");
            }
        };
        if (nc.from_team_id) {
            must_exist("teams", "team", *nc.from_team_id);
        }
        for (const auto& t : nc.to_team_ids.value_or(std::vector<std::string>{})) {
            must_exist("teams", "team", t);
        }
        for (const auto& g : nc.to_group_ids.value_or(std::vector<std::string>{})) {
            must_exist("team_groups", "group", g);
        }
        if (nc.problem_id) {
            must_exist("problems", "problem", *nc.problem_id);
        }
        if (nc.reply_to_id) {
            must_exist("clarifications", "clarification", *nc.reply_to_id);
        }
        Clarification c;
        c.contest_id = nc.contest_id;
        if (nc.id) {
            c.id = *nc.id;
            if (load(tx, nc.contest_id, c.id)) {
                throw StoreInvalid("clarification '" + c.id + "' already exists");
            }
        } else {
            do {
                c.id = std::to_string(next_counter(tx, "clarification:" + nc.contest_id));
            } while (load(tx, nc.contest_id, c.id));
        }
        c.from_team_id = nc.from_team_id;
        c.to_team_ids = nc.to_team_ids;
        c.to_group_ids = nc.to_group_ids;
        c.reply_to_id = nc.reply_to_id;
        c.problem_id = nc.problem_id;
        c.text = nc.text;
        c.time = nc.time.value_or(Clock::now());
        c.sender = nc.sender;
        tx.exec(
            "INSERT INTO clarifications (contest_id, id, from_team_id, to_team_ids, to_group_ids, "
            "reply_to_id, "
            "problem_id, text, time, sender) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            {text(c.contest_id), text(c.id), opt_text(c.from_team_id), id_list(c.to_team_ids),
             id_list(c.to_group_ids), opt_text(c.reply_to_id), opt_text(c.problem_id), text(c.text),
             to_us(c.time), text(c.sender)});
        if (c.reply_to_id && !c.from_team_id) {
            // Answered: the claim has done its work.
            tx.exec(
                "UPDATE clarifications SET claimed_by = NULL, claimed_at = NULL WHERE contest_id = $1 AND "
                "id = $2",
                {text(c.contest_id), text(*c.reply_to_id)});
        }
        tx.event(c.contest_id, event_type::clarifications, c.id, encoder_->clarification(contest, c));
        return c;
    });
}

std::optional<Clarification> SqlStore::get_clarification(std::string_view contest_id, std::string_view id) {
    return transact(Mode::Read, [&](Tx& tx) { return load(tx, contest_id, id); });
}

std::vector<Clarification> SqlStore::list_clarifications(std::string_view contest_id) {
    return read_all("SELECT " + std::string(kClarCols) +
                        " FROM clarifications c WHERE c.contest_id = $1 ORDER BY c.time, c.seq",
                    {text(contest_id)}, clarification_from);
}

ClaimResult SqlStore::claim_clarification(std::string_view contest_id, std::string_view id,
                                          std::string_view username, bool release, bool steal) {
    return transact(Mode::Durable, [&](Tx& tx) {
        // Two judges claiming at once: the row lock (PostgreSQL) or the write lock (SQLite) orders them.
        tx.exec(
            "SELECT 1 FROM clarifications WHERE contest_id = $1 AND id = $2" + std::string(tx.for_update()),
            {text(contest_id), text(id)});
        auto c = load(tx, contest_id, id);
        if (!c) {
            throw StoreInvalid("no clarification '" + std::string(id) + "' in contest '" +
                               std::string(contest_id) + "'");
        }
        if (!c->from_team_id) {
            throw StoreInvalid("clarification '" + std::string(id) + "' is not a team's question");
        }
        bool mine = c->claimed_by && *c->claimed_by == username;
        if (c->claimed_by && !mine && !steal) {
            return ClaimResult{false, c->claimed_by};
        }
        if (release) {
            tx.exec(
                "UPDATE clarifications SET claimed_by = NULL, claimed_at = NULL WHERE contest_id = $1 AND "
                "id = $2",
                {text(contest_id), text(id)});
            return ClaimResult{true, std::nullopt};
        }
        tx.exec(
            "UPDATE clarifications SET claimed_by = $3, claimed_at = $4 WHERE contest_id = $1 AND id = $2",
            {text(contest_id), text(id), text(username), to_us(Clock::now())});
        return ClaimResult{true, std::string(username)};
    });
}

}  // namespace khue::store::sql
