#include "khue/judge/contest_time.hpp"

#include <charconv>
#include <cstdio>

namespace khue::judge::contest_time {
namespace {

// Reads exactly `width` decimal digits at text[pos]; advances pos.
bool digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
    if (pos + width > text.size()) {
        return false;
    }
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    out = value;
    pos += width;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

// Reads ".uuu..." as milliseconds, truncating beyond three digits; absent fraction is zero.
bool fraction(std::string_view text, std::size_t& pos, int& millis) {
    millis = 0;
    if (!expect(text, pos, '.')) {
        return true;
    }
    std::size_t start = pos;
    int scale = 100;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        millis += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
    }
    return pos > start;
}

}  // namespace

std::optional<TimePoint> parse_time(std::string_view text, std::chrono::minutes* offset) {
    using namespace std::chrono;
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    if (!digits(text, pos, 4, y) || !expect(text, pos, '-') || !digits(text, pos, 2, mo) ||
        !expect(text, pos, '-') || !digits(text, pos, 2, d) ||
        !(expect(text, pos, 'T') || expect(text, pos, 't') || expect(text, pos, ' ')) ||
        !digits(text, pos, 2, h) || !expect(text, pos, ':') || !digits(text, pos, 2, mi) ||
        !expect(text, pos, ':') || !digits(text, pos, 2, s) || !fraction(text, pos, ms)) {
        return std::nullopt;
    }
    year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || s > 60) {
        return std::nullopt;
    }
    minutes zone{0};
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
        // UTC
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int zh = 0, zm = 0;
        if (!digits(text, pos, 2, zh)) {
            return std::nullopt;
        }
        expect(text, pos, ':');
        if (pos < text.size() && !digits(text, pos, 2, zm)) {
            return std::nullopt;
        }
        if (zh > 23 || zm > 59) {
            return std::nullopt;
        }
        zone = minutes{sign * (zh * 60 + zm)};
    } else {
        return std::nullopt;  // TIME must carry a zone
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    if (offset != nullptr) {
        *offset = zone;
    }
    auto local = sys_days{date} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
    return time_point_cast<Millis>(local - zone);
}

std::string format_time(TimePoint t, std::chrono::minutes offset) {
    using namespace std::chrono;
    auto local = t + offset;
    auto day_point = floor<days>(local);
    year_month_day date{day_point};
    hh_mm_ss<Millis> tod{local - day_point};
    long off = offset.count();
    char sign = off < 0 ? '-' : '+';
    off = off < 0 ? -off : off;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02lld.%03lld%c%02ld:%02ld",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<long>(tod.hours().count()),
                  static_cast<long>(tod.minutes().count()), static_cast<long long>(tod.seconds().count()),
                  static_cast<long long>(tod.subseconds().count()), sign, off / 60, off % 60);
    return buffer;
}

std::optional<Millis> parse_reltime(std::string_view text) {
    std::size_t pos = 0;
    bool negative = expect(text, pos, '-');
    std::size_t colon = text.find(':', pos);
    if (colon == std::string_view::npos || colon == pos) {
        return std::nullopt;
    }
    long long hours = 0;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + colon, hours);
    if (ec != std::errc{} || end != text.data() + colon || hours < 0) {
        return std::nullopt;
    }
    pos = colon + 1;
    int m = 0, s = 0, ms = 0;
    if (!digits(text, pos, 2, m) || !expect(text, pos, ':') || !digits(text, pos, 2, s) ||
        !fraction(text, pos, ms) || pos != text.size() || m > 59 || s > 59) {
        return std::nullopt;
    }
    Millis value{((hours * 60 + m) * 60 + s) * 1000 + ms};
    return negative ? -value : value;
}

std::string format_reltime(Millis d) {
    bool negative = d.count() < 0;
    long long total = negative ? -d.count() : d.count();
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%lld:%02lld:%02lld.%03lld", negative ? "-" : "", total / 3600000,
                  total / 60000 % 60, total / 1000 % 60, total % 1000);
    return buffer;
}

}  // namespace khue::judge::contest_time
