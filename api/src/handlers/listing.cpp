// Collections of the Contest API: filters, one object by id, JSON bodies.
#include "handlers/handlers.hpp"

namespace khue::api {

namespace json = boost::json;

namespace {

// ?<property>=<value> filters (the spec's ?<prop>_id=): an object stays when its property equals the value,
// or, for an array property (group_ids), contains it.
bool keeps(const json::object& item, const std::vector<std::pair<std::string, std::string>>& filters) {
    for (const auto& [k, v] : filters) {
        const json::value* f = item.if_contains(k);
        const json::value* list = item.if_contains(k + "s");
        bool match = false;
        if (f != nullptr && f->is_string()) {
            match = f->as_string() == v;
        } else if (list != nullptr && list->is_array()) {
            for (const auto& x : list->as_array()) {
                match = match || (x.is_string() && x.as_string() == v);
            }
        }
        if (!match) {
            return false;
        }
    }
    return true;
}

}  // namespace

Response listing(json::array items, const Call& call, std::string_view what) {
    if (!call.args.empty()) {
        const std::string& id = call.args.front();
        for (const auto& item : items) {
            const json::value* found = item.as_object().if_contains("id");
            if (found != nullptr && found->is_string() && found->as_string() == id) {
                return json_response(200, item);
            }
        }
        return error_response(404, "no " + std::string(what) + " with id '" + id + "'");
    }
    std::vector<std::pair<std::string, std::string>> filters;
    for (const auto& [k, v] : call.request.query) {
        if (k.ends_with("_id") || k == "id") {
            filters.emplace_back(k, v);
        }
    }
    if (filters.empty()) {
        return json_response(200, items);
    }
    json::array out;
    for (auto& item : items) {
        if (keeps(item.as_object(), filters)) {
            out.push_back(std::move(item));
        }
    }
    return json_response(200, out);
}

std::optional<json::object> json_body(const Request& request, std::string& error) {
    std::error_code ec;
    json::value v = json::parse(request.body, ec);
    if (ec || !v.is_object()) {
        error = "the body must be a JSON object";
        return std::nullopt;
    }
    return v.as_object();
}

}  // namespace khue::api
