#include "khue/api/contest_api.hpp"

#include "khue/api/time.hpp"
#include "khue/judge/language.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace khue::api {

namespace {

// The store keeps nanoseconds; the Contest API prints milliseconds.
std::string format_time(store::TimePoint t, std::chrono::minutes utc_offset) {
    return api::format_time(std::chrono::floor<Millis>(t), utc_offset);
}

boost::json::value opt_time(const std::optional<store::TimePoint>& t, const store::Contest& c) {
    if (!t) {
        return nullptr;
    }
    return boost::json::value(format_time(*t, c.utc_offset));
}

// Contest time of `t`: relative to the start, or to `t` itself when the contest has no start time yet.
std::string contest_time(const store::Contest& c, store::TimePoint t) {
    auto start = c.start_time.value_or(t);
    return format_reltime(std::chrono::duration_cast<std::chrono::milliseconds>(t - start));
}

// Durations in seconds are integer multiples of 0.001 (2026-01).
double seconds_ms(double seconds) {
    return std::round(seconds * 1000.0) / 1000.0;
}

}  // namespace

namespace {

boost::json::object judgement_type(const char* id, const char* name, bool penalty, bool solved) {
    return {{"id", id}, {"name", name}, {"penalty", penalty}, {"solved", solved}};
}

}  // namespace

boost::json::array judgement_types_json() {
    return {judgement_type("AC", "Accepted", false, true),
            judgement_type("WA", "Wrong Answer", true, false),
            judgement_type("TLE", "Time Limit Exceeded", true, false),
            judgement_type("MLE", "Memory Limit Exceeded", true, false),
            judgement_type("RTE", "Run-Time Error", true, false),
            judgement_type("OLE", "Output Limit Exceeded", true, false),
            judgement_type("CE", "Compile Error", false, false),
            judgement_type("JE", "Judging Error", false, false)};
}

boost::json::array languages_json() {
    boost::json::array out;
    for (const auto& l : judge::default_languages().all()) {
        boost::json::array extensions;
        for (const auto& e : l.extensions) {
            extensions.emplace_back(e);
        }
        out.push_back(boost::json::object{{"id", l.id},
                                          {"name", l.name},
                                          {"entry_point_required", false},
                                          {"extensions", std::move(extensions)}});
    }
    return out;
}

boost::json::object submission_files_ref(const std::string& contest_id, const std::string& submission_id) {
    return {{"href", "contests/" + contest_id + "/submissions/" + submission_id + "/files"},
            {"filename", "submission-" + submission_id + ".zip"},
            {"mime", "application/zip"}};
}

boost::json::object contest_json(const store::Contest& c) {
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
    o["scoreboard_type"] = store::to_string(c.scoreboard_type);
    o["penalty_time"] = format_reltime(c.penalty_time);
    return o;
}

boost::json::object state_json(const store::Contest& c) {
    boost::json::object o;
    o["started"] = opt_time(c.state.started, c);
    o["frozen"] = opt_time(c.state.frozen, c);
    o["ended"] = opt_time(c.state.ended, c);
    o["thawed"] = opt_time(c.state.thawed, c);
    o["finalized"] = opt_time(c.state.finalized, c);
    o["end_of_updates"] = opt_time(c.state.end_of_updates, c);
    return o;
}

boost::json::object problem_json(const store::Problem& p) {
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
    o["time_limit"] = seconds_ms(p.time_limit.count());
    o["memory_limit"] = p.memory_limit.in_mib();
    o["output_limit"] = p.output_limit.in_mib();
    o["code_limit"] = p.code_limit.in_kib();
    o["test_data_count"] = p.test_data_count;
    if (p.max_score) {
        o["max_score"] = *p.max_score;
    }
    return o;
}

boost::json::object organization_json(const store::Organization& org) {
    boost::json::object o;
    o["id"] = org.id;
    o["name"] = org.name;
    o["formal_name"] = org.formal_name.empty() ? org.name : org.formal_name;
    if (!org.country.empty()) {
        o["country"] = org.country;
    }
    return o;
}

boost::json::object group_json(const store::Group& g) {
    boost::json::object o;
    o["id"] = g.id;
    o["name"] = g.name;
    o["hidden"] = g.hidden;
    return o;
}

boost::json::object team_json(const store::Team& t) {
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

boost::json::object account_json(const store::Account& a) {
    boost::json::object o;
    o["id"] = a.id;
    o["username"] = a.username;
    o["type"] = store::to_string(a.type);
    o["team_id"] = a.team_id ? boost::json::value(*a.team_id) : boost::json::value(nullptr);
    if (!a.name.empty()) {
        o["name"] = a.name;
    }
    return o;
}

boost::json::object submission_json(const store::Contest& c, const store::Submission& s) {
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

boost::json::object judgement_json(const store::Contest& c, const store::Judgement& j) {
    boost::json::object o;
    o["id"] = j.id;
    o["submission_id"] = j.submission_id;
    o["judgement_type_id"] = j.verdict ? boost::json::value(std::string(judge::to_string(*j.verdict)))
                                       : boost::json::value(nullptr);
    if (j.score) {
        o["score"] = *j.score;
    }
    o["current"] = j.current;
    o["start_time"] = format_time(j.start_time, c.utc_offset);
    o["start_contest_time"] = contest_time(c, j.start_time);
    o["end_time"] = opt_time(j.end_time, c);
    o["end_contest_time"] =
        j.end_time ? boost::json::value(contest_time(c, *j.end_time)) : boost::json::value(nullptr);
    o["max_run_time"] = j.max_run_time ? boost::json::value(seconds_ms(j.max_run_time->count()))
                                       : boost::json::value(nullptr);
    return o;
}

boost::json::object run_json(const store::Contest& c, const store::Run& r) {
    boost::json::object o;
    o["id"] = r.id;
    o["judgement_id"] = r.judgement_id;
    o["ordinal"] = r.ordinal;
    o["judgement_type_id"] = std::string(judge::to_string(r.verdict));
    o["time"] = format_time(r.time, c.utc_offset);
    o["contest_time"] = contest_time(c, r.time);
    o["run_time"] = seconds_ms(r.run_time.count());
    if (!r.test_name.empty()) {
        o["test_name"] = r.test_name;  // Khue extension: which test case ("sample/1")
    }
    return o;
}

namespace {

class ContestApiEncoder final : public store::EventEncoder {
  public:
    std::string contest(const store::Contest& c) const override { return text(contest_json(c)); }
    std::string state(const store::Contest& c) const override { return text(state_json(c)); }
    std::string problem(const store::Problem& p) const override { return text(problem_json(p)); }
    std::string organization(const store::Organization& o) const override {
        return text(organization_json(o));
    }
    std::string group(const store::Group& g) const override { return text(group_json(g)); }
    std::string team(const store::Team& t) const override { return text(team_json(t)); }
    std::string submission(const store::Contest& c, const store::Submission& s) const override {
        return text(submission_json(c, s));
    }
    std::string judgement(const store::Contest& c, const store::Judgement& j) const override {
        return text(judgement_json(c, j));
    }
    std::string run(const store::Contest& c, const store::Run& r) const override {
        return text(run_json(c, r));
    }
    std::string clarification(const store::Contest& c, const store::Clarification& x) const override {
        return text(clarification_json(c, x));
    }

  private:
    static std::string text(const boost::json::object& o) { return boost::json::serialize(o); }
};

}  // namespace

std::shared_ptr<const store::EventEncoder> contest_api_encoder() {
    static const auto encoder = std::make_shared<const ContestApiEncoder>();
    return encoder;
}

}  // namespace khue::api
