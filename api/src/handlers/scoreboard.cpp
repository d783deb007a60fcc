// The scoreboard (jury or public view, cached by the contest service) and the awards derived from it.
#include "handlers/handlers.hpp"

namespace khue::api {

namespace json = boost::json;

namespace {

json::array awards(ContestService& service, const Principal& who) {
    auto view = who.sees_all() ? ScoreboardView::Jury : ScoreboardView::Public;
    auto standings = service.standings(view);
    std::map<std::string, json::array> first;
    json::array winners;
    bool pass_fail = service.contest().scoreboard_type != store::ScoreboardType::Score;
    for (const auto& row : standings->rows) {
        for (const auto& cell : row.problems) {
            if (cell.first_to_solve) {
                first[cell.problem_id].emplace_back(row.team_id);
            }
        }
        if (row.rank == 1 && (pass_fail ? row.num_solved > 0 : row.score > 0)) {
            winners.emplace_back(row.team_id);
        }
    }
    json::array out;
    if (!winners.empty()) {
        out.push_back(json::object{{"id", "winner"}, {"citation", "Contest winner"}, {"team_ids", winners}});
    }
    for (auto& [problem, teams] : first) {
        out.push_back(json::object{{"id", "first-to-solve-" + problem},
                                   {"citation", "First to solve problem " + problem},
                                   {"team_ids", std::move(teams)}});
    }
    return out;
}

}  // namespace

Response get_scoreboard(Call& c) {
    auto view = c.who.sees_all() && c.request.param("public") != "true" ? ScoreboardView::Jury
                                                                        : ScoreboardView::Public;
    Response r;
    r.body = c.service.scoreboard(view, c.request.param("group_id").value_or(""));
    return r;
}

Response get_awards(Call& c) {
    return listing(awards(c.service, c.who), c, "award");
}

}  // namespace khue::api
