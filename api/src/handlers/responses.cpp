#include "app.hpp"

namespace khue::api {

std::optional<std::string> Request::param(std::string_view name) const {
    for (const auto& [k, v] : query) {
        if (k == name) {
            return v;
        }
    }
    return std::nullopt;
}

Response json_response(unsigned status, const boost::json::value& value) {
    Response r;
    r.status = status;
    r.body = std::make_shared<const std::string>(boost::json::serialize(value));
    return r;
}

Response error_response(unsigned status, std::string_view message) {
    return json_response(status, boost::json::object{{"code", status}, {"message", message}});
}

Response text_response(unsigned status, std::string content_type, std::string body) {
    Response r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::make_shared<const std::string>(std::move(body));
    return r;
}

}  // namespace khue::api
