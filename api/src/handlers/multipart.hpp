// multipart/form-data (RFC 7578) as the web pages' forms send it. Internal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace khue::api {

struct FormPart {
    std::string name;
    std::optional<std::string> filename;  // present for file fields
    std::string content_type;
    std::string data;
};

// Parses a whole body; nullopt (with `error` set) when the content type has no boundary or the body is not
// well-formed multipart.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                     std::string& error);

}  // namespace khue::api
