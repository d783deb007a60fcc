// What the checker adapters (kattis.cpp, themis.cpp) share: reading a number a checker printed, and saying
// how a checker's process ended. Internal to judge/src/check.
#pragma once
#include "khue/judge/types.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace khue::judge::check_text {

// A finite number with nothing but white space around it; nullopt otherwise.
inline std::optional<double> parse_number(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return std::nullopt;
    }
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// "exited with code 3", "killed by signal 11", or the run status's name.
inline std::string describe_exit(const RunReport& run) {
    switch (run.status) {
        case RunStatus::Exited:
            return "exited with code " + std::to_string(run.exit_code);
        case RunStatus::Signaled:
            return "killed by signal " + std::to_string(run.signal);
        default:
            return std::string(to_string(run.status));
    }
}

}  // namespace khue::judge::check_text
