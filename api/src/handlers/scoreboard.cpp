// The scoreboard (jury or public view, cached by the contest service).
#include "handlers/handlers.hpp"

namespace khue::api {

namespace json = boost::json;

Response get_scoreboard(Call& c) {
    auto view = c.who.sees_all() && c.request.param("public") != "true" ? ScoreboardView::Jury
                                                                        : ScoreboardView::Public;
    Response r;
    r.encoded = c.service.scoreboard(view, c.request.param("group_id").value_or(""));
    return r;
}

}  // namespace khue::api
