// GET event-feed: checks the parameters and hands the connection to the session, which streams the lines the
// visibility policy lets this client see (ContestService::lines_since).
#include "handlers/handlers.hpp"

#include <boost/algorithm/string/split.hpp>

namespace khue::api {

Response get_event_feed(Call& c) {
    Response r;
    r.content_type = "application/x-ndjson";
    FeedStream feed;
    feed.who = c.who;
    feed.service = &c.service;
    if (auto token = c.request.param("since_token")) {
        try {
            std::size_t used = 0;
            feed.since_token = std::stoll(*token, &used);
            if (used != token->size() || feed.since_token < 0) {
                throw std::invalid_argument("");
            }
        } catch (const std::exception&) {
            return error_response(400, "since_token '" + *token + "' is not a token this feed gave out");
        }
        // Past the log's end: never given out (asked of the store, which every server of the contest shares).
        if (feed.since_token > c.service.db().latest_token()) {
            return error_response(400, "since_token '" + *token + "' is not a token this feed gave out");
        }
    }
    if (auto types = c.request.param("types")) {
        std::vector<std::string> names;
        boost::algorithm::split(names, *types, [](char ch) { return ch == ','; });
        for (auto& n : names) {
            if (!n.empty()) {
                feed.types.insert(std::move(n));
            }
        }
    }
    feed.stream = c.request.param("stream") != "false";
    r.feed = std::move(feed);
    return r;
}

}  // namespace khue::api
