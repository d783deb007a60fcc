// Khue's operational endpoints: the judging status (queue and hosts) for the jury, and /metrics.
#include "handlers/handlers.hpp"

#include "khue/api/contest_api.hpp"

namespace khue::api {

namespace json = boost::json;

Response get_judging_status(Call& c) {
    auto q = c.service.db().queue_stats();
    json::array hosts;
    for (const auto& h : c.service.db().list_hosts()) {
        json::array slots;
        for (const auto& slot : h.slot_status) {
            json::object o{{"slot", slot.slot}};
            o["submission_id"] = slot.submission_id ? json::value(*slot.submission_id) : nullptr;
            slots.push_back(std::move(o));
        }
        hosts.push_back(json::object{{"host", h.host},
                                     {"slots", h.slots},
                                     {"slot_status", std::move(slots)},
                                     {"last_seen", format_time(std::chrono::floor<Millis>(h.last_seen))}});
    }
    return json_response(200, json::object{{"queue", json::object{{"queued", q.queued},
                                                                  {"running", q.running},
                                                                  {"queued_rejudge", q.queued_rejudge}}},
                                           {"hosts", std::move(hosts)}});
}

Response get_metrics(Call& c) {
    return text_response(200, "text/plain; version=0.0.4", c.app.metrics.render(c.app.contests));
}

}  // namespace khue::api
