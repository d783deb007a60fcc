#include "handlers/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace khue::api {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Value of `key=` in a header such as `form-data; name="x"; filename="y"` (quoted or bare).
std::optional<std::string> header_param(std::string_view header, std::string_view key) {
    std::string low = lower(header);
    std::size_t pos = 0;
    while ((pos = low.find(key, pos)) != std::string::npos) {
        bool starts = pos == 0 || low[pos - 1] == ';' || low[pos - 1] == ' ';
        std::size_t eq = pos + key.size();
        if (!starts || eq >= low.size() || low[eq] != '=') {
            pos = eq;
            continue;
        }
        std::size_t v = eq + 1;
        if (v < header.size() && header[v] == '"') {
            std::string value;
            for (std::size_t i = v + 1; i < header.size(); ++i) {
                if (header[i] == '\\' && i + 1 < header.size()) {
                    value += header[++i];
                } else if (header[i] == '"') {
                    return value;
                } else {
                    value += header[i];
                }
            }
            return std::nullopt;
        }
        std::size_t end = header.find(';', v);
        return std::string(header.substr(v, end == std::string_view::npos ? end : end - v));
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                     std::string& error) {
    auto boundary = header_param(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 200) {
        error = "multipart/form-data without a boundary";
        return std::nullopt;
    }
    std::string delimiter = "--" + *boundary;
    std::size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos) {
        error = "the form body holds no part";
        return std::nullopt;
    }
    std::vector<FormPart> parts;
    for (;;) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") {
            return parts;  // the closing delimiter
        }
        if (body.substr(pos, 2) != "\r\n") {
            error = "malformed multipart delimiter line";
            return std::nullopt;
        }
        pos += 2;
        std::size_t headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos) {
            error = "a form part has no end of headers";
            return std::nullopt;
        }
        FormPart part;
        std::string_view headers = body.substr(pos, headers_end - pos);
        std::size_t line_start = 0;
        bool has_disposition = false;
        while (line_start <= headers.size()) {
            std::size_t line_end = headers.find("\r\n", line_start);
            if (line_end == std::string_view::npos) {
                line_end = headers.size();
            }
            std::string_view line = headers.substr(line_start, line_end - line_start);
            std::size_t colon = line.find(':');
            if (colon != std::string_view::npos) {
                std::string name = lower(line.substr(0, colon));
                std::string_view value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ') {
                    value.remove_prefix(1);
                }
                if (name == "content-disposition") {
                    has_disposition = true;
                    part.name = header_param(value, "name").value_or("");
                    part.filename = header_param(value, "filename");
                } else if (name == "content-type") {
                    part.content_type = std::string(value);
                }
            }
            line_start = line_end + 2;
        }
        if (!has_disposition) {
            error = "a form part has no Content-Disposition";
            return std::nullopt;
        }
        std::size_t data_start = headers_end + 4;
        std::size_t next = body.find("\r\n" + delimiter, data_start);
        if (next == std::string_view::npos) {
            error = "the form body ends inside a part";
            return std::nullopt;
        }
        part.data = std::string(body.substr(data_start, next - data_start));
        parts.push_back(std::move(part));
        if (parts.size() > 64) {
            error = "more than 64 form parts";
            return std::nullopt;
        }
        pos = next + 2;
    }
}

}  // namespace khue::api
