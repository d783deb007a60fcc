#include <cstdio>

#include "khue/sandbox/result.hpp"

namespace khue::sandbox {

std::string_view to_string(Status s) {
    switch (s) {
        case Status::Exited:
            return "exited";
        case Status::Signaled:
            return "signaled";
        case Status::TimeLimit:
            return "time_limit";
        case Status::WallTimeLimit:
            return "wall_time_limit";
        case Status::MemoryLimit:
            return "memory_limit";
        case Status::OutputLimit:
            return "output_limit";
        case Status::SandboxError:
            return "sandbox_error";
    }
    return "sandbox_error";
}

std::string json_quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (unsigned char ch : s) {
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
                } else {
                    // Bytes >= 0x80 pass through: messages carry paths, which are byte strings; the judge
                    // treats them as opaque text.
                    out += static_cast<char>(ch);
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
