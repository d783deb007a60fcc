// Conversions between records and SQL values, shared by every role of SqlStore. Times are stored as
// microseconds since the epoch, durations as microseconds, ids of judgements, runs and rejudgings as
// integers.
#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db.hpp"
#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store::sql {

using db::Value;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using I = std::int64_t;

inline I to_us(TimePoint t) {
    return std::chrono::duration_cast<microseconds>(t.time_since_epoch()).count();
}
inline TimePoint from_us(I us) {
    return TimePoint(std::chrono::duration_cast<Clock::duration>(microseconds(us)));
}
inline Value opt_time(const std::optional<TimePoint>& t) {
    return t ? Value{to_us(*t)} : Value{};
}
inline std::optional<TimePoint> opt_time(const std::optional<I>& us) {
    return us ? std::optional(from_us(*us)) : std::nullopt;
}
inline I seconds_to_us(Seconds s) {
    return std::chrono::duration_cast<microseconds>(s).count();
}
inline Seconds us_to_seconds(I us) {
    return std::chrono::duration_cast<Seconds>(microseconds(us));
}
inline Value text(std::string_view s) {
    return Value{std::string(s)};
}
inline Value opt_text(const std::optional<std::string>& s) {
    return s ? Value{*s} : Value{};
}
inline Verdict parse_verdict(const std::string& s) {
    auto v = judge::verdict_from_string(s);
    if (!v) {
        throw StoreError("store: unknown verdict '" + s + "' in the database");
    }
    return *v;
}
inline I parse_id(std::string_view id, std::string_view what) {
    I value = 0;
    auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || ptr != id.data() + id.size()) {
        throw StoreInvalid(std::string(what) + " id '" + std::string(id) + "' is not a number");
    }
    return value;
}
inline std::optional<I> try_parse_id(std::string_view id) {
    I value = 0;
    auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || ptr != id.data() + id.size()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace khue::store::sql
