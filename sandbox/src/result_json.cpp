#include <cstdio>

#include "khue/sandbox/result.hpp"

namespace khue::sandbox {

namespace {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (len == 0 || i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80) {
            return 0;
        }
    }
    // Overlong forms, surrogates and code points above U+10FFFF.
    if ((c == 0xe0 && byte(i + 1) < 0xa0) || (c == 0xed && byte(i + 1) >= 0xa0) ||
        (c == 0xf0 && byte(i + 1) < 0x90) || (c == 0xf4 && byte(i + 1) >= 0x90)) {
        return 0;
    }
    return len;
}

}  // namespace

std::string json_quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char ch = static_cast<unsigned char>(s[i]);
        switch (ch) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (ch < 0x20 || ch == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", ch);
                    out += buf;
                } else if (ch < 0x80) {
                    out += static_cast<char>(ch);
                } else if (std::size_t len = utf8_sequence(s, i)) {
                    out.append(s.substr(i, len));
                    i += len - 1;
                } else {
                    // Messages carry paths, which are byte strings; strict JSON parsers (Boost.JSON among
                    // them) reject invalid UTF-8, so a stray byte becomes U+FFFD.
                    out += "\\ufffd";
                }
        }
    }
    out += '"';
    return out;
}

namespace {

std::string seconds(Micros t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(t.count()) / 1e6);
    return buf;
}

template <typename T>
std::string optional_int(const std::optional<T>& v) {
    return v ? std::to_string(*v) : "null";
}

}  // namespace

std::string to_json(const RunResult& r) {
    std::string out = "{";
    out += "\"status\": " + json_quote(to_string(r.status));
    out += ", \"exit_code\": " + optional_int(r.exit_code);
    out += ", \"signal\": " + optional_int(r.signal);
    out += ", \"cpu_time\": " + seconds(r.cpu_time);
    out += ", \"wall_time\": " + seconds(r.wall_time);
    out += ", \"memory_kib\": " + std::to_string(r.peak_memory.in_kib());
    out += std::string(", \"oom_killed\": ") + (r.oom_killed ? "true" : "false");
    out += ", \"message\": " + json_quote(r.message);
    out += ", \"limits_backend\": " + json_quote(r.limits_backend);
    out += ", \"warnings\": [";
    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
        out += (i ? ", " : "") + json_quote(r.warnings[i]);
    }
    out += "]";
    out += ", \"box_id\": " + optional_int(r.box_id);
    out += "}\n";
    return out;
}

}  // namespace khue::sandbox
