#include "app.hpp"

#include <spdlog/spdlog.h>

namespace khue::api {

void Metrics::count(unsigned status) {
    std::lock_guard lock(mutex);
    ++requests_by_status[status];
}

std::string Metrics::render(ContestRegistry& contests) {
    std::string out;
    auto line = [&](const std::string& name, const std::string& labels, double value) {
        out += name;
        if (!labels.empty()) {
            out += "{" + labels + "}";
        }
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, " %.17g\n", value);
        out += buffer;
    };
    out +=
        "# HELP khue_http_requests_total HTTP requests answered, by status.\n"
        "# TYPE khue_http_requests_total counter\n";
    {
        std::lock_guard lock(mutex);
        for (const auto& [status, n] : requests_by_status) {
            line("khue_http_requests_total", "status=\"" + std::to_string(status) + "\"",
                 static_cast<double>(n));
        }
    }
    out += "# HELP khue_http_connections Open HTTP connections.\n# TYPE khue_http_connections gauge\n";
    line("khue_http_connections", "", static_cast<double>(connections.load()));
    out +=
        "# HELP khue_event_feed_clients Connected event-feed streams.\n# TYPE khue_event_feed_clients "
        "gauge\n";
    line("khue_event_feed_clients", "", static_cast<double>(feed_clients.load()));
    out += "# TYPE khue_event_feed_lines_sent_total counter\n";
    line("khue_event_feed_lines_sent_total", "", static_cast<double>(feed_lines_sent.load()));
    out +=
        "# HELP khue_submissions_total Submission requests, by outcome.\n# TYPE khue_submissions_total "
        "counter\n";
    line("khue_submissions_total", "outcome=\"accepted\"", static_cast<double>(submissions_accepted.load()));
    line("khue_submissions_total", "outcome=\"rejected\"", static_cast<double>(submissions_rejected.load()));
    try {
        auto q = contests.db().queue_stats();
        out += "# HELP khue_queue_depth Judging jobs waiting, by priority.\n# TYPE khue_queue_depth gauge\n";
        line("khue_queue_depth", "priority=\"live\"", static_cast<double>(q.queued));
        line("khue_queue_depth", "priority=\"rejudge\"", static_cast<double>(q.queued_rejudge));
        out += "# HELP khue_judging_running Jobs being judged now.\n# TYPE khue_judging_running gauge\n";
        line("khue_judging_running", "", static_cast<double>(q.running));
        std::size_t active = 0, slots = 0;
        for (const auto& h : contests.db().list_hosts()) {
            if (store::Clock::now() - h.last_seen > std::chrono::minutes{1}) {
                continue;  // a host that stopped reporting is not judging anything
            }
            slots += static_cast<std::size_t>(h.slots);
            for (const auto& s : h.slot_status) {
                active += s.submission_id ? 1 : 0;
            }
        }
        out +=
            "# HELP khue_workers Judging slots on live hosts, and those busy now.\n# TYPE khue_workers "
            "gauge\n";
        line("khue_workers", "state=\"total\"", static_cast<double>(slots));
        line("khue_workers", "state=\"active\"", static_cast<double>(active));
    } catch (const std::exception& e) {
        spdlog::warn("metrics: {}", e.what());
    }
    JudgingMetrics judging;
    for (ContestService* service : contests.all()) {
        judging.merge(service->judging_counts());
    }
    out += judging.render();
    for (const auto& source : sources) {
        out += source();
    }
    return out;
}

}  // namespace khue::api
