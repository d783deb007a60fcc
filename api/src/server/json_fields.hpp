// Typed reads of an event's JSON data; absent or mistyped fields read as empty. Internal to the server.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace khue::api {

inline const boost::json::value* field(const boost::json::value* v, std::string_view name) {
    if (v == nullptr || !v->is_object()) {
        return nullptr;
    }
    return v->as_object().if_contains(name);
}

inline std::string string_field(const boost::json::value* v, std::string_view name) {
    const boost::json::value* f = field(v, name);
    return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string{};
}

inline std::optional<double> number_field(const boost::json::value* v, std::string_view name) {
    const boost::json::value* f = field(v, name);
    if (f == nullptr || !f->is_number()) {
        return std::nullopt;
    }
    return f->to_number<double>();
}

inline bool bool_field(const boost::json::value* v, std::string_view name) {
    const boost::json::value* f = field(v, name);
    return f != nullptr && f->is_bool() && f->as_bool();
}

}  // namespace khue::api
