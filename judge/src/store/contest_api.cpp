#include "khue/judge/store/contest_api.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>

namespace khue::judge::store {

std::string format_time(TimePoint t, std::chrono::minutes utc_offset) {
    using namespace std::chrono;
    auto local = floor<milliseconds>(t) + utc_offset;
    auto day = floor<days>(local);
    year_month_day ymd{day};
    hh_mm_ss hms{local - day};
    long off = utc_offset.count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ld%c%02ld:%02ld", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                  long(hms.minutes().count()), long(hms.seconds().count()), long(hms.subseconds().count()),
                  off < 0 ? '-' : '+', std::labs(off) / 60, std::labs(off) % 60);
    return buf;
}

std::string format_reltime(std::chrono::milliseconds d) {
    bool negative = d.count() < 0;
    long long ms = std::llabs(d.count());
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%lld:%02lld:%02lld.%03lld", negative ? "-" : "", ms / 3'600'000,
                  ms / 60'000 % 60, ms / 1000 % 60, ms % 1000);
    return buf;
}

namespace {

boost::json::value opt_time(const std::optional<TimePoint>& t, const Contest& c) {
    if (!t) {
        return nullptr;
    }
    return boost::json::value(format_time(*t, c.utc_offset));
}

// Contest time of `t`: relative to the start, or to `t` itself when the contest has no start time yet.
std::string contest_time(const Contest& c, TimePoint t) {
    auto start = c.start_time.value_or(t);
    return format_reltime(std::chrono::duration_cast<std::chrono::milliseconds>(t - start));
}

}  // namespace

boost::json::object contest_json(const Contest& c) {
    boost::json::object o;
    o["id"] = c.id;
    o["name"] = c.name;
    o["formal_name"] = c.formal_name.empty() ? c.name : c.formal_name;
    o["start_time"] = opt_time(c.start_time, c);
    o["duration"] = format_reltime(c.duration);
    if (c.scoreboard_freeze_duration) {
        o["scoreboard_freeze_duration"] = format_reltime(*c.scoreboard_freeze_duration);
    }
    o["scoreboard_thaw_time"] = opt_time(c.scoreboard_thaw_time, c);
    o["scoreboard_type"] = c.scoreboard_type;
    o["penalty_time"] = format_reltime(c.penalty_time);
    return o;
}

boost::json::object state_json(const Contest& c) {
    boost::json::object o;
    o["started"] = opt_time(c.state.started, c);
    o["frozen"] = opt_time(c.state.frozen, c);
    o["ended"] = opt_time(c.state.ended, c);
    o["thawed"] = opt_time(c.state.thawed, c);
    o["finalized"] = opt_time(c.state.finalized, c);
    o["end_of_updates"] = opt_time(c.state.end_of_updates, c);
    return o;
}

boost::json::object problem_json(const Problem& p) {
    boost::json::object o;
    o["id"] = p.id;
    o["label"] = p.label;
    o["name"] = p.name;
    o["ordinal"] = p.ordinal;
    if (!p.rgb.empty()) {
        o["rgb"] = p.rgb;
    }
    if (!p.color.empty()) {
        o["color"] = p.color;
    }
    o["time_limit"] = p.time_limit.count();
    o["memory_limit"] = p.memory_limit.in_mib();
    o["output_limit"] = p.output_limit.in_mib();
    o["code_limit"] = p.code_limit.in_kib();
    o["test_data_count"] = p.test_data_count;
    if (p.max_score) {
        o["max_score"] = *p.max_score;
    }
    return o;
}

boost::json::object organization_json(const Organization& org) {
    boost::json::object o;
    o["id"] = org.id;
    o["name"] = org.name;
    o["formal_name"] = org.formal_name.empty() ? org.name : org.formal_name;
    if (!org.country.empty()) {
        o["country"] = org.country;
    }
    return o;
}

boost::json::object group_json(const Group& g) {
    boost::json::object o;
    o["id"] = g.id;
    o["name"] = g.name;
    o["hidden"] = g.hidden;
    return o;
}

boost::json::object team_json(const Team& t) {
    boost::json::object o;
    o["id"] = t.id;
    o["name"] = t.name;
    o["label"] = t.label.empty() ? t.id : t.label;
    o["display_name"] = t.display_name.empty() ? t.name : t.display_name;
    o["organization_id"] =
        t.organization_id ? boost::json::value(*t.organization_id) : boost::json::value(nullptr);
    boost::json::array groups;
    for (const auto& g : t.group_ids) {
        groups.emplace_back(g);
    }
    o["group_ids"] = std::move(groups);
    o["hidden"] = t.hidden;
    return o;
}

boost::json::object account_json(const Account& a) {
    boost::json::object o;
    o["id"] = a.id;
    o["username"] = a.username;
    o["type"] = a.type;
    o["team_id"] = a.team_id ? boost::json::value(*a.team_id) : boost::json::value(nullptr);
    if (!a.name.empty()) {
        o["name"] = a.name;
    }
    return o;
}

boost::json::object submission_json(const Contest& c, const Submission& s) {
    boost::json::object o;
    o["id"] = s.id;
    o["language_id"] = s.language_id;
    o["problem_id"] = s.problem_id;
    o["team_id"] = s.team_id;
    o["time"] = format_time(s.time, c.utc_offset);
    o["contest_time"] = contest_time(c, s.time);
    o["entry_point"] = s.entry_point ? boost::json::value(*s.entry_point) : boost::json::value(nullptr);
    return o;
}

boost::json::object judgement_json(const Contest& c, const Judgement& j) {
    boost::json::object o;
    o["id"] = j.id;
    o["submission_id"] = j.submission_id;
    o["judgement_type_id"] =
        j.verdict ? boost::json::value(std::string(to_string(*j.verdict))) : boost::json::value(nullptr);
    if (j.score) {
        o["score"] = *j.score;
    }
    o["current"] = j.current;
    o["start_time"] = format_time(j.start_time, c.utc_offset);
    o["start_contest_time"] = contest_time(c, j.start_time);
    o["end_time"] = opt_time(j.end_time, c);
    o["end_contest_time"] =
        j.end_time ? boost::json::value(contest_time(c, *j.end_time)) : boost::json::value(nullptr);
    o["max_run_time"] =
        j.max_run_time ? boost::json::value(j.max_run_time->count()) : boost::json::value(nullptr);
    return o;
}

boost::json::object run_json(const Contest& c, const Run& r) {
    boost::json::object o;
    o["id"] = r.id;
    o["judgement_id"] = r.judgement_id;
    o["ordinal"] = r.ordinal;
    o["judgement_type_id"] = std::string(to_string(r.verdict));
    o["time"] = format_time(r.time, c.utc_offset);
    o["contest_time"] = contest_time(c, r.time);
    o["run_time"] = r.run_time.count();
    if (!r.test_name.empty()) {
        o["test_name"] = r.test_name;  // Khue extension: which test case ("sample/1")
    }
    return o;
}

}  // namespace khue::judge::store
