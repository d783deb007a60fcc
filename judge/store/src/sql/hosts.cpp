// SqlStore, role Hosts: heartbeats of the judging hosts and their slots.
#include "sql/sql_store.hpp"

#include <boost/json.hpp>

#include "sql/rows.hpp"

namespace khue::store::sql {

namespace {

JudgeHost host_from(const db::Row& r) {
    JudgeHost h;
    h.host = r.str(0);
    h.slots = static_cast<int>(r.i64(1));
    h.last_seen = from_us(r.i64(3));
    boost::json::value status = boost::json::parse(r.str(2));
    for (const auto& v : status.as_array()) {
        const auto& o = v.as_object();
        SlotStatus s;
        s.slot = static_cast<int>(o.at("slot").as_int64());
        if (o.at("submission_id").is_string()) {
            s.submission_id = std::string(o.at("submission_id").as_string());
        }
        if (o.at("judgement_id").is_string()) {
            s.judgement_id = std::string(o.at("judgement_id").as_string());
        }
        if (o.at("since").is_int64()) {
            s.since = from_us(o.at("since").as_int64());
        }
        h.slot_status.push_back(std::move(s));
    }
    return h;
}

}  // namespace

void SqlStore::heartbeat(const JudgeHost& host) {
    boost::json::array slots;
    for (const auto& s : host.slot_status) {
        boost::json::object o;
        o["slot"] = s.slot;
        o["submission_id"] = s.submission_id ? boost::json::value(*s.submission_id) : nullptr;
        o["judgement_id"] = s.judgement_id ? boost::json::value(*s.judgement_id) : nullptr;
        o["since"] = s.since ? boost::json::value(to_us(*s.since)) : nullptr;
        slots.push_back(std::move(o));
    }
    transact(Mode::Write, [&](Tx& tx) {
        tx.exec(
            "INSERT INTO judge_hosts (host, slots, slot_status, last_seen) VALUES ($1,$2,$3,$4) "
            "ON CONFLICT (host) DO UPDATE SET slots = excluded.slots, slot_status = "
            "excluded.slot_status, "
            "last_seen = excluded.last_seen",
            {text(host.host), I(host.slots), text(boost::json::serialize(slots)), to_us(Clock::now())});
    });
}

std::vector<JudgeHost> SqlStore::list_hosts() {
    return read_all("SELECT host, slots, slot_status, last_seen FROM judge_hosts ORDER BY host", {},
                    host_from);
}

}  // namespace khue::store::sql
