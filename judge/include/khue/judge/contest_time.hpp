// Contest API time types (CCS specs 2026-01): TIME is ISO 8601 with a zone, RELTIME is (-)h:mm:ss(.uuu).
// The one parser and formatter of both, low enough for the store and the API to share it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace khue::judge::contest_time {

// Absolute instants keep millisecond precision: the API prints at most three decimals.
using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Millis>;

// Parses "2025-10-04T08:30:00+07:00", "...Z", "...+0700", with optional fractional seconds; nullopt when
// malformed. The zone offset found is stored in *offset when given, so output can be printed in the
// organiser's zone.
std::optional<TimePoint> parse_time(std::string_view text, std::chrono::minutes* offset = nullptr);
// Prints a TIME in the given zone offset, always with milliseconds: "2025-10-04T08:30:00.000+07:00".
std::string format_time(TimePoint t, std::chrono::minutes offset = std::chrono::minutes{0});

// Parses "h:mm:ss", "-h:mm:ss.uuu"; nullopt when malformed (minutes and seconds must be below 60).
std::optional<Millis> parse_reltime(std::string_view text);
// Prints "h:mm:ss.uuu" (negative values get a leading '-').
std::string format_reltime(Millis d);

}  // namespace khue::judge::contest_time
