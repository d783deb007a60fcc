// The scoreboard (jury or public view, cached by the contest service).
#include "handlers/handlers.hpp"

namespace khue::api {

namespace json = boost::json;

Response get_scoreboard(Call& c) {
    // ?view=frozen (jury): the public board as the freeze left it, also after the thaw, for the resolver.
    if (auto view = c.request.param("view"); view && *view != "frozen") {
        return error_response(400,
                              "unknown scoreboard view '" + *view + "': the only one is 'frozen' (jury)");
    }
    if (c.request.param("view") == "frozen") {
        if (!c.who.sees_all()) {
            return error_response(403, "the frozen scoreboard is the jury's (the resolver's start)");
        }
        Response r;
        r.body = c.service.frozen_scoreboard(c.request.param("group_id").value_or(""));
        return r;
    }
    auto view = c.who.sees_all() && c.request.param("public") != "true" ? ScoreboardView::Jury
                                                                        : ScoreboardView::Public;
    Response r;
    r.encoded = c.service.scoreboard(view, c.request.param("group_id").value_or(""));
    return r;
}

}  // namespace khue::api
