// The Contest API 2026-01 clarification object.
#include "khue/api/contest_api.hpp"
#include "khue/api/time.hpp"

#include <boost/json.hpp>

namespace khue::api {

namespace {

boost::json::value opt_string(const std::optional<std::string>& s) {
    return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

boost::json::value opt_ids(const std::optional<std::vector<std::string>>& ids) {
    if (!ids) {
        return nullptr;
    }
    boost::json::array a;
    for (const auto& id : *ids) {
        a.emplace_back(id);
    }
    return a;
}

}  // namespace

boost::json::object clarification_json(const store::Contest& c, const store::Clarification& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["from_team_id"] = opt_string(x.from_team_id);
    o["to_team_ids"] = opt_ids(x.to_team_ids);
    o["to_group_ids"] = opt_ids(x.to_group_ids);
    o["reply_to_id"] = opt_string(x.reply_to_id);
    o["problem_id"] = opt_string(x.problem_id);
    o["text"] = x.text;
    auto t = std::chrono::floor<Millis>(x.time);
    o["time"] = format_time(t, c.utc_offset);
    auto start = c.start_time ? std::chrono::floor<Millis>(*c.start_time) : t;
    o["contest_time"] = format_reltime(std::chrono::duration_cast<Millis>(t - start));
    return o;
}

}  // namespace khue::api
