// SqlStore, role EventLog: appending and reading events, waiting for new ones.
#include "sql/sql_store.hpp"

#include "sql/rows.hpp"

namespace khue::store::sql {

std::int64_t SqlStore::append_event(std::string_view contest_id, std::string_view type,
                                    std::optional<std::string_view> id,
                                    std::optional<std::string_view> data) {
    std::int64_t token = 0;
    transact(Mode::Durable, [&](Tx& tx) {
        tx.event(std::string(contest_id), std::string(type),
                 id ? std::optional<std::string>(std::string(*id)) : std::nullopt,
                 data ? std::optional<std::string>(std::string(*data)) : std::nullopt);
        tx.last_token = &token;
    });
    return token;
}

std::vector<Event> SqlStore::read_events(std::string_view contest_id, std::int64_t since, std::size_t limit) {
    return read_all(
        "SELECT token, contest_id, type, obj_id, data, time FROM events "
        "WHERE contest_id = $1 AND token > $2 ORDER BY token LIMIT $3",
        {text(contest_id), since, I(limit)}, [](const db::Row& r) {
            return Event{r.i64(0), r.str(1), r.str(2), r.opt_str(3), r.opt_str(4), from_us(r.i64(5))};
        });
}

std::int64_t SqlStore::latest_token() {
    auto max = read_one("SELECT max(token) FROM events", {}, [](const db::Row& r) { return r.opt_i64(0); });
    return max && *max ? **max : I{0};
}

bool SqlStore::wait_for_event(std::int64_t after, milliseconds timeout) {
    wants_events_ = true;  // from now on the listener wakes this process on every event (PostgreSQL)
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto seen = notifier_->now();
        if (latest_token() > after) {
            return true;
        }
        auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= milliseconds(0)) {
            return false;
        }
        bool woke = notifier_->wait(
            seen, [](const Notifier::Generations& g) { return g.events; }, std::min(left, safety_poll()));
        if (woke && notifier_->now().interrupts != seen.interrupts) {
            return latest_token() > after;
        }
    }
}

}  // namespace khue::store::sql
