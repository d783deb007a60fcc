#include "server/scoreboard_cache.hpp"

#include "khue/api/time.hpp"

#include <boost/json.hpp>

namespace khue::api {

namespace json = boost::json;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

std::shared_ptr<const EncodedBody> ScoreboardCache::find(const std::string& key,
                                                         std::uint64_t version) const {
    auto it = entries_.find(key);
    return it != entries_.end() && it->second.first == version ? it->second.second : nullptr;
}

void ScoreboardCache::keep(const std::string& key, std::uint64_t version,
                           std::shared_ptr<const EncodedBody> body) {
    if (entries_.size() >= kMaxEntries && !entries_.contains(key)) {
        entries_.clear();
    }
    entries_[key] = {version, std::move(body)};
}

std::string scoreboard_text(const Standings& standings, bool pass_fail, const store::Contest& contest,
                            const std::string& state_json, store::TimePoint time) {
    auto reltime = [](Millis m) { return format_reltime(m); };
    json::object board;
    board["time"] = format_time(std::chrono::floor<Millis>(time), contest.utc_offset);
    board["contest_time"] =
        reltime(contest.start_time ? duration_cast<milliseconds>(time - *contest.start_time) : Millis{0});
    board["state"] = json::parse(state_json);
    json::array rows;
    rows.reserve(standings.rows.size());
    for (const auto& r : standings.rows) {
        json::object row;
        row["rank"] = r.rank;
        row["team_id"] = r.team_id;
        json::object score;
        if (pass_fail) {
            score["num_solved"] = r.num_solved;
            score["total_time"] = reltime(r.total_time);
        } else {
            score["score"] = r.score;
        }
        // 2026-01: always present, null exactly when nothing is solved (scored).
        score["time"] = r.last_time ? json::value(reltime(*r.last_time)) : json::value(nullptr);
        row["score"] = std::move(score);
        json::array problems;
        problems.reserve(r.problems.size());
        for (const auto& c : r.problems) {
            json::object p;
            p["problem_id"] = c.problem_id;
            p["num_judged"] = c.num_judged;
            p["num_pending"] = c.num_pending;
            p["solved"] = c.solved;
            if (!pass_fail) {
                p["score"] = c.score;
            }
            if (c.time && (c.solved || !pass_fail)) {
                p["time"] = reltime(*c.time);
            }
            if (c.first_to_solve) {
                p["first_to_solve"] = true;
            }
            problems.push_back(std::move(p));
        }
        row["problems"] = std::move(problems);
        rows.push_back(std::move(row));
    }
    board["rows"] = std::move(rows);
    return json::serialize(board);
}

}  // namespace khue::api
