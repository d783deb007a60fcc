// After the contest, and keeping the data safe: the contest package export (the console's button) and when
// the last backup was taken (docs/deployment.md).
#include "handlers/handlers.hpp"

#include "contest/export.hpp"
#include "khue/api/contest_api.hpp"

namespace khue::api {

namespace json = boost::json;

Response get_contest_export(Call& c) {
    ExportReport report;
    auto entries = contest_package_entries(c.app, c.service, report);
    auto r = text_response(200, "application/zip", zip_bytes(entries));
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + c.service.contest_id() + "-package.zip\"");
    return r;
}

Response get_backups(Call& c) {
    auto last = c.service.db().last_backup();
    json::value out = nullptr;
    if (last) {
        out = json::object{{"time", format_time(std::chrono::floor<Millis>(last->time))},
                           {"target", last->target},
                           {"bytes", last->bytes}};
    }
    return json_response(200, json::object{{"last", out}});
}

}  // namespace khue::api
