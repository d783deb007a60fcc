// SqlStore, role ContestObjects: packages, contests, problems, organizations, groups, teams, accounts.
#include "sql/sql_store.hpp"

#include <boost/json.hpp>

#include "khue/judge/hash.hpp"
#include "sql/rows.hpp"

namespace khue::store::sql {

std::string SqlStore::put_package(std::string_view zip_bytes) {
    std::string hash = judge::sha256_hex(zip_bytes);
    transact(Mode::Durable, [&](Tx& tx) {
        tx.exec(
            "INSERT INTO packages (hash, bytes, size, created_at) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (hash) DO NOTHING",
            {text(hash), db::Blob{std::string(zip_bytes)}, I(zip_bytes.size()), to_us(Clock::now())});
    });
    return hash;
}

std::optional<std::string> SqlStore::get_package(std::string_view hash) {
    return read_one("SELECT bytes FROM packages WHERE hash = $1", {text(hash)},
                    [](const db::Row& r) { return r.blob(0); });
}

void SqlStore::upsert_contest(const Contest& c) {
    if (c.id.empty()) {
        throw StoreInvalid("a contest needs an id");
    }
    transact(Mode::Durable, [&](Tx& tx) {
        auto old = load_contest(tx, c.id);
        tx.exec(
            "INSERT INTO contests (id, name, formal_name, start_time, duration_ms, freeze_ms, thaw_time, "
            "scoreboard_type, penalty_ms, utc_offset_min, awards, practice) VALUES "
            "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, formal_name = excluded.formal_name, "
            "start_time = excluded.start_time, duration_ms = excluded.duration_ms, "
            "freeze_ms = excluded.freeze_ms, thaw_time = excluded.thaw_time, "
            "scoreboard_type = excluded.scoreboard_type, penalty_ms = excluded.penalty_ms, "
            "utc_offset_min = excluded.utc_offset_min, awards = excluded.awards, practice = "
            "excluded.practice",
            {text(c.id), text(c.name), text(c.formal_name), opt_time(c.start_time), I(c.duration.count()),
             c.scoreboard_freeze_duration ? Value{I(c.scoreboard_freeze_duration->count())} : Value{},
             opt_time(c.scoreboard_thaw_time), text(to_string(c.scoreboard_type)), I(c.penalty_time.count()),
             I(c.utc_offset.count()), text(c.awards), I(c.practice ? 1 : 0)});
        auto now = load_contest(tx, c.id);
        std::string data = encoder_->contest(*now);
        if (!old || encoder_->contest(*old) != data) {
            tx.event(c.id, event_type::contest, std::nullopt, data);
        }
        if (!old) {
            tx.event(c.id, event_type::state, std::nullopt, encoder_->state(*now));
        }
    });
}

std::optional<Contest> SqlStore::get_contest(std::string_view id) {
    return read_one("SELECT " + std::string(kContestCols) + " FROM contests WHERE id = $1", {text(id)},
                    contest_from);
}

std::vector<Contest> SqlStore::list_contests() {
    return read_all("SELECT " + std::string(kContestCols) + " FROM contests ORDER BY id", {}, contest_from);
}

void SqlStore::update_contest_state(std::string_view contest_id, const ContestState& s) {
    transact(Mode::Durable, [&](Tx& tx) {
        auto old = require_contest(tx, contest_id);
        if (old.state == s) {
            return;
        }
        tx.exec(
            "UPDATE contests SET started = $2, frozen = $3, ended = $4, thawed = $5, finalized = $6, "
            "end_of_updates = $7 WHERE id = $1",
            {text(contest_id), opt_time(s.started), opt_time(s.frozen), opt_time(s.ended), opt_time(s.thawed),
             opt_time(s.finalized), opt_time(s.end_of_updates)});
        old.state = s;
        tx.event(old.id, event_type::state, std::nullopt, encoder_->state(old));
    });
}

void SqlStore::upsert_problem(const Problem& p) {
    transact(Mode::Durable, [&](Tx& tx) {
        require_contest(tx, p.contest_id);
        if (p.id.empty()) {
            throw StoreInvalid("a problem of contest '" + p.contest_id + "' has no id");
        }
        if (tx.exec("SELECT 1 FROM packages WHERE hash = $1", {text(p.package_hash)}).empty()) {
            throw StoreInvalid("problem '" + p.id + "': package " + p.package_hash +
                               " is not stored (put_package first)");
        }
        auto old = tx.exec(
            "SELECT " + std::string(kProblemCols) + " FROM problems WHERE contest_id = $1 AND id = $2",
            {text(p.contest_id), text(p.id)});
        tx.exec(
            "INSERT INTO problems (" + std::string(kProblemCols) +
                ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (contest_id, id) "
                "DO "
                "UPDATE SET label = excluded.label, name = excluded.name, ordinal = excluded.ordinal, "
                "rgb = excluded.rgb, color = excluded.color, time_limit_us = excluded.time_limit_us, "
                "memory_bytes = excluded.memory_bytes, output_bytes = excluded.output_bytes, "
                "code_bytes = excluded.code_bytes, test_data_count = excluded.test_data_count, "
                "max_score = excluded.max_score, package_hash = excluded.package_hash",
            {text(p.contest_id), text(p.id), text(p.label), text(p.name), I(p.ordinal), text(p.rgb),
             text(p.color), seconds_to_us(p.time_limit), I(p.memory_limit.count()), I(p.output_limit.count()),
             I(p.code_limit.count()), I(p.test_data_count), db::opt(p.max_score), text(p.package_hash)});
        std::string data = encoder_->problem(p);
        if (old.empty() || encoder_->problem(problem_from(old.rows[0])) != data ||
            old.rows[0].str(13) != p.package_hash) {
            tx.event(p.contest_id, event_type::problems, p.id, data);
        }
    });
}

std::optional<Problem> SqlStore::get_problem(std::string_view contest_id, std::string_view id) {
    return read_one(
        "SELECT " + std::string(kProblemCols) + " FROM problems WHERE contest_id = $1 AND id = $2",
        {text(contest_id), text(id)}, problem_from);
}

std::vector<Problem> SqlStore::list_problems(std::string_view contest_id) {
    return read_all(
        "SELECT " + std::string(kProblemCols) + " FROM problems WHERE contest_id = $1 ORDER BY ordinal, id",
        {text(contest_id)}, problem_from);
}

void SqlStore::upsert_organization(const Organization& o) {
    transact(Mode::Durable, [&](Tx& tx) { put_organization(tx, o); });
}

void SqlStore::put_organization(Tx& tx, const Organization& o) {
    {
        require_contest(tx, o.contest_id);
        auto old =
            tx.exec("SELECT name, formal_name, country FROM organizations WHERE contest_id = $1 AND id = $2",
                    {text(o.contest_id), text(o.id)});
        if (!old.empty() && old.rows[0].str(0) == o.name && old.rows[0].str(1) == o.formal_name &&
            old.rows[0].str(2) == o.country) {
            return;
        }
        tx.exec(
            "INSERT INTO organizations (contest_id, id, name, formal_name, country) VALUES "
            "($1,$2,$3,$4,$5) "
            "ON CONFLICT (contest_id, id) DO UPDATE SET name = excluded.name, "
            "formal_name = excluded.formal_name, country = excluded.country",
            {text(o.contest_id), text(o.id), text(o.name), text(o.formal_name), text(o.country)});
        tx.event(o.contest_id, event_type::organizations, o.id, encoder_->organization(o));
    }
}

std::vector<Organization> SqlStore::list_organizations(std::string_view contest_id) {
    return read_all(
        "SELECT contest_id, id, name, formal_name, country FROM organizations WHERE contest_id = $1 ORDER BY "
        "id",
        {text(contest_id)}, [](const db::Row& r) {
            return Organization{r.str(0), r.str(1), r.str(2), r.str(3), r.str(4)};
        });
}

void SqlStore::upsert_group(const Group& g) {
    transact(Mode::Durable, [&](Tx& tx) { put_group(tx, g); });
}

void SqlStore::put_group(Tx& tx, const Group& g) {
    {
        require_contest(tx, g.contest_id);
        auto old = tx.exec("SELECT name, hidden FROM team_groups WHERE contest_id = $1 AND id = $2",
                           {text(g.contest_id), text(g.id)});
        if (!old.empty() && old.rows[0].str(0) == g.name && (old.rows[0].i64(1) != 0) == g.hidden) {
            return;
        }
        tx.exec(
            "INSERT INTO team_groups (contest_id, id, name, hidden) VALUES ($1,$2,$3,$4) "
            "ON CONFLICT (contest_id, id) DO UPDATE SET name = excluded.name, hidden = excluded.hidden",
            {text(g.contest_id), text(g.id), text(g.name), I(g.hidden)});
        tx.event(g.contest_id, event_type::groups, g.id, encoder_->group(g));
    }
}

std::vector<Group> SqlStore::list_groups(std::string_view contest_id) {
    return read_all("SELECT contest_id, id, name, hidden FROM team_groups WHERE contest_id = $1 ORDER BY id",
                    {text(contest_id)}, [](const db::Row& r) {
                        return Group{r.str(0), r.str(1), r.str(2), r.i64(3) != 0};
                    });
}

void SqlStore::upsert_team(const Team& t) {
    transact(Mode::Durable, [&](Tx& tx) { put_team(tx, t); });
}

void SqlStore::put_team(Tx& tx, const Team& t) {
    {
        require_contest(tx, t.contest_id);
        if (t.id.empty()) {
            throw StoreInvalid("a team of contest '" + t.contest_id + "' has no id");
        }
        boost::json::array groups;
        for (const auto& g : t.group_ids) {
            groups.emplace_back(g);
        }
        auto old =
            tx.exec("SELECT " + std::string(kTeamCols) + " FROM teams WHERE contest_id = $1 AND id = $2",
                    {text(t.contest_id), text(t.id)});
        std::string data = encoder_->team(t);
        if (!old.empty() && encoder_->team(team_from(old.rows[0])) == data) {
            return;
        }
        tx.exec("INSERT INTO teams (" + std::string(kTeamCols) +
                    ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (contest_id, id) DO UPDATE SET "
                    "name = excluded.name, label = excluded.label, display_name = excluded.display_name, "
                    "organization_id = excluded.organization_id, group_ids = excluded.group_ids, "
                    "hidden = excluded.hidden",
                {text(t.contest_id), text(t.id), text(t.name), text(t.label), text(t.display_name),
                 opt_text(t.organization_id), text(boost::json::serialize(groups)), I(t.hidden)});
        tx.event(t.contest_id, event_type::teams, t.id, data);
    }
}

std::optional<Team> SqlStore::get_team(std::string_view contest_id, std::string_view id) {
    return read_one("SELECT " + std::string(kTeamCols) + " FROM teams WHERE contest_id = $1 AND id = $2",
                    {text(contest_id), text(id)}, team_from);
}

std::vector<Team> SqlStore::list_teams(std::string_view contest_id) {
    return read_all("SELECT " + std::string(kTeamCols) + " FROM teams WHERE contest_id = $1 ORDER BY id",
                    {text(contest_id)}, team_from);
}

void SqlStore::upsert_account(const Account& a) {
    transact(Mode::Durable, [&](Tx& tx) { put_account(tx, a); });
}

void SqlStore::put_account(Tx& tx, const Account& a) {
    if (a.id.empty() || a.username.empty()) {
        throw StoreInvalid("an account needs an id and a username");
    }
    {
        auto other = tx.exec("SELECT id FROM accounts WHERE username = $1 AND id <> $2",
                             {text(a.username), text(a.id)});
        if (!other.empty()) {
            throw StoreInvalid("username '" + a.username + "' already belongs to account '" +
                               other.rows[0].str(0) + "'");
        }
        tx.exec("INSERT INTO accounts (" + std::string(kAccountCols) +
                    ") VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (id) DO UPDATE SET username = "
                    "excluded.username, "
                    "password_hash = excluded.password_hash, type = excluded.type, "
                    "contest_id = excluded.contest_id, team_id = excluded.team_id, name = excluded.name",
                {text(a.id), text(a.username), text(a.password_hash), text(to_string(a.type)),
                 opt_text(a.contest_id), opt_text(a.team_id), text(a.name)});
    }
}

std::optional<Account> SqlStore::get_account(std::string_view id) {
    return read_one("SELECT " + std::string(kAccountCols) + " FROM accounts WHERE id = $1", {text(id)},
                    account_from);
}

std::optional<Account> SqlStore::get_account_by_username(std::string_view username) {
    return read_one("SELECT " + std::string(kAccountCols) + " FROM accounts WHERE username = $1",
                    {text(username)}, account_from);
}

std::vector<Account> SqlStore::list_accounts(std::optional<std::string_view> contest_id) {
    if (contest_id) {
        // The joined accounts appear with the contest and team they have here.
        return read_all(
            "SELECT " + std::string(kAccountCols) +
                " FROM accounts WHERE contest_id = $1 OR contest_id IS NULL UNION ALL "
                "SELECT a.id, a.username, a.password_hash, a.type, m.contest_id, m.team_id, a.name "
                "FROM account_contests m JOIN accounts a ON a.id = m.account_id "
                "WHERE m.contest_id = $1 AND (a.contest_id IS NULL OR a.contest_id <> $1) "
                "ORDER BY 1",
            {text(*contest_id)}, account_from);
    }
    return read_all("SELECT " + std::string(kAccountCols) + " FROM accounts ORDER BY id", {}, account_from);
}

void SqlStore::add_account_contest(const AccountContest& m) {
    transact(Mode::Durable, [&](Tx& tx) {
        require_contest(tx, m.contest_id);
        if (tx.exec("SELECT 1 FROM accounts WHERE id = $1", {text(m.account_id)}).empty()) {
            throw StoreInvalid("no account '" + m.account_id + "' to join to contest '" + m.contest_id + "'");
        }
        tx.exec(
            "INSERT INTO account_contests (account_id, contest_id, team_id) VALUES ($1, $2, $3) "
            "ON CONFLICT (account_id, contest_id) DO UPDATE SET team_id = excluded.team_id",
            {text(m.account_id), text(m.contest_id), opt_text(m.team_id)});
    });
}

std::vector<AccountContest> SqlStore::list_account_contests(std::string_view account_id) {
    auto row = [](const db::Row& r) { return AccountContest{r.str(0), r.str(1), r.opt_str(2)}; };
    auto own =
        read_all("SELECT id, contest_id, team_id FROM accounts WHERE id = $1 AND contest_id IS NOT NULL",
                 {text(account_id)}, row);
    auto joined = read_all(
        "SELECT m.account_id, m.contest_id, m.team_id FROM account_contests m JOIN accounts a ON "
        "a.id = m.account_id WHERE m.account_id = $1 AND (a.contest_id IS NULL OR a.contest_id <> "
        "m.contest_id) ORDER BY m.contest_id",
        {text(account_id)}, row);
    own.insert(own.end(), joined.begin(), joined.end());
    return own;
}

std::optional<Contest> SqlStore::load_contest(Tx& tx, std::string_view id) {
    return query_one(tx, "SELECT " + std::string(kContestCols) + " FROM contests WHERE id = $1", {text(id)},
                     contest_from);
}

Contest SqlStore::require_contest(Tx& tx, std::string_view id) {
    auto c = load_contest(tx, id);
    if (!c) {
        throw StoreInvalid("no contest '" + std::string(id) + "'");
    }
    return *c;
}

}  // namespace khue::store::sql
