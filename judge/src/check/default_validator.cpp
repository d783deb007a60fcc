#include "khue/judge/default_validator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace khue::judge {
namespace {

// Team tokens up to this long are always read whole (see default_validate).
constexpr std::size_t kMinTokenCap = std::size_t{1} << 20;

constexpr std::array<bool, 256> kSpaceTable = [] {
    std::array<bool, 256> t{};
    for (const unsigned char c : {' ', '\n', '\r', '\t', '\f', '\v'}) {
        t[c] = true;
    }
    return t;
}();

bool is_space(char c) {
    return kSpaceTable[static_cast<unsigned char>(c)];
}

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// The float grammar of the package format: optional sign, digits with an optional '.', optional exponent.
// Stricter than strtod on purpose: "inf", "nan", hex floats and "0x" must not count as numbers.
bool is_format_float(const std::string& s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        ++i;
    }
    std::size_t int_digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        ++i;
        ++int_digits;
    }
    std::size_t frac_digits = 0;
    if (i < n && s[i] == '.') {
        ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            ++i;
            ++frac_digits;
        }
    }
    if (int_digits == 0 && frac_digits == 0) {
        return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            ++i;
        }
        std::size_t exp_digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            ++i;
            ++exp_digits;
        }
        if (exp_digits == 0) {
            return false;
        }
    }
    return i == n;
}

std::optional<double> parse_float(const std::string& s) {
    if (!is_format_float(s)) {
        return std::nullopt;
    }
    // strtod reads the C locale's '.' (Khue never calls setlocale) and saturates huge exponents to ±inf,
    // which still compares equal to an identical huge answer below.
    return std::strtod(s.c_str(), nullptr);
}

// Quotes a token or a whitespace run for a message: bounded, with control characters escaped.
std::string quote(const std::string& s) {
    constexpr std::size_t kMax = 40;
    std::string out = "'";
    for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
        const char c = s[i];
        switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\v':
                out += "\\v";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                    std::array<char, 8> hex{};
                    std::snprintf(hex.data(), hex.size(), "\\x%02x", static_cast<unsigned>(c) & 0xffU);
                    out += hex.data();
                } else {
                    out += c;
                }
        }
    }
    if (s.size() > kMax) {
        out += "...";
    }
    out += "'";
    if (s.size() > kMax) {
        out += " (" + std::to_string(s.size()) + " bytes)";
    }
    return out;
}

enum class SegmentKind { Token, Space, End };

struct Segment {
    SegmentKind kind = SegmentKind::End;
    std::string text;
    std::uint64_t line = 1;           // line where the segment starts
    std::uint64_t token_in_line = 0;  // 1-based index among tokens on that line (tokens only)
    bool truncated = false;           // longer than the reader's cap; `text` holds the first bytes only
};

// Reads a stream in fixed chunks and cuts it into alternating whitespace runs and tokens, counting lines,
// so that a large output is never held whole.
class SegmentReader {
  public:
    SegmentReader(std::istream& in, bool keep_space) : in_(in), keep_space_(keep_space) {}

    Segment next() {
        Segment seg;
        seg.line = line_;
        int c = peek();
        if (c < 0) {
            seg.kind = SegmentKind::End;
            return seg;
        }
        const bool space = is_space(static_cast<char>(c));
        seg.kind = space ? SegmentKind::Space : SegmentKind::Token;
        if (!space) {
            seg.token_in_line = ++token_in_line_;
        }
        // Consume the run a buffer at a time: appending ranges, not characters, keeps this near memory speed.
        while (peek() >= 0) {
            std::size_t end = pos_;
            while (end < len_ && is_space(buffer_[end]) == space) {
                if (buffer_[end] == '\n') {
                    ++line_;
                    token_in_line_ = 0;
                }
                ++end;
            }
            if (!space || keep_space_) {
                const std::size_t room = cap_ - std::min(cap_, seg.text.size());
                const std::size_t n = std::min(room, end - pos_);
                seg.text.append(buffer_.data() + pos_, n);
                seg.truncated = seg.truncated || n < end - pos_;
            }
            const bool run_ended = end < len_;
            pos_ = end;
            if (run_ended) {
                break;
            }
        }
        return seg;
    }

    // Next token, skipping whitespace.
    Segment next_token() {
        Segment seg = next();
        while (seg.kind == SegmentKind::Space) {
            seg = next();
        }
        return seg;
    }

    std::uint64_t line() const { return line_; }
    // Longest segment text kept; the rest of a longer run is consumed but not stored.
    void set_cap(std::size_t cap) { cap_ = cap; }

  private:
    int peek() {
        if (pos_ == len_) {
            if (eof_) {
                return -1;
            }
            in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
            len_ = static_cast<std::size_t>(in_.gcount());
            pos_ = 0;
            if (len_ == 0) {
                eof_ = true;
                return -1;
            }
        }
        return static_cast<unsigned char>(buffer_[pos_]);
    }

    std::istream& in_;
    bool keep_space_;
    std::array<char, 1 << 16> buffer_{};
    std::size_t pos_ = 0;
    std::size_t len_ = 0;
    bool eof_ = false;
    std::uint64_t line_ = 1;
    std::uint64_t token_in_line_ = 0;
    std::size_t cap_ = static_cast<std::size_t>(-1);
};

std::string where(const Segment& team_seg) {
    if (team_seg.kind == SegmentKind::Token) {
        return "line " + std::to_string(team_seg.line) + " token " + std::to_string(team_seg.token_in_line);
    }
    return "line " + std::to_string(team_seg.line);
}

CheckResult wrong(std::string message) {
    CheckResult r;
    r.status = CheckStatus::WrongAnswer;
    r.judge_message = std::move(message);
    return r;
}

bool tokens_equal(const std::string& a, const std::string& b, bool case_sensitive) {
    if (a.size() != b.size()) {
        return false;
    }
    if (case_sensitive) {
        return a == b;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

// nullopt when the tokens match; otherwise why not.
std::optional<std::string> compare_tokens(const std::string& judge, const std::string& team,
                                          const DefaultValidatorOptions& o) {
    const bool tolerant = o.float_absolute_tolerance || o.float_relative_tolerance;
    if (tolerant) {
        if (const auto a = parse_float(judge)) {
            const auto t = parse_float(team);
            if (!t) {
                return "expected a number near " + quote(judge) + ", got " + quote(team);
            }
            if (*t == *a) {
                return std::nullopt;  // also covers identical saturated huge values
            }
            // A saturated (out of range) value equals only an identical one: inf - x never counts as close.
            if (std::isinf(*t) || std::isinf(*a)) {
                return "expected " + quote(judge) + ", got " + quote(team) +
                       " (out of the range of a double)";
            }
            const double diff = std::fabs(*t - *a);
            if (o.float_absolute_tolerance && diff <= *o.float_absolute_tolerance) {
                return std::nullopt;
            }
            if (o.float_relative_tolerance && diff <= *o.float_relative_tolerance * std::fabs(*a)) {
                return std::nullopt;
            }
            std::ostringstream msg;
            msg.precision(6);
            msg << "expected " << quote(judge) << ", got " << quote(team) << " (difference " << diff
                << " is beyond the tolerance)";
            return msg.str();
        }
    }
    if (tokens_equal(judge, team, o.case_sensitive)) {
        return std::nullopt;
    }
    return "expected " + quote(judge) + ", got " + quote(team);
}

}  // namespace

std::vector<std::string> split_validator_flags(std::string_view flags) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : flags) {
        if (is_space(c)) {
            if (!current.empty()) {
                out.push_back(std::move(current));
                current.clear();
            }
        } else {
            current += c;
        }
    }
    if (!current.empty()) {
        out.push_back(std::move(current));
    }
    return out;
}

DefaultValidatorOptions parse_default_validator_args(const std::vector<std::string>& args) {
    DefaultValidatorOptions o;
    bool saw_abs = false;
    bool saw_rel = false;
    bool saw_both = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& flag = args[i];
        if (flag == "case_sensitive") {
            o.case_sensitive = true;
        } else if (flag == "space_change_sensitive") {
            o.space_change_sensitive = true;
        } else if (flag == "float_absolute_tolerance" || flag == "float_relative_tolerance" ||
                   flag == "float_tolerance") {
            if (i + 1 == args.size()) {
                throw ValidatorFlagsError("default validator flag '" + flag + "' needs a number after it");
            }
            const std::string& value_text = args[++i];
            const auto value = parse_float(value_text);
            if (!value || !std::isfinite(*value) || *value < 0) {
                throw ValidatorFlagsError("default validator flag '" + flag +
                                          "' needs a non-negative number, got '" + value_text + "'");
            }
            bool& seen = flag == "float_tolerance"            ? saw_both
                         : flag == "float_absolute_tolerance" ? saw_abs
                                                              : saw_rel;
            if (seen) {
                throw ValidatorFlagsError("default validator flag '" + flag + "' is given twice");
            }
            seen = true;
            if (saw_both && (saw_abs || saw_rel)) {
                throw ValidatorFlagsError(
                    "float_tolerance cannot be combined with float_absolute_tolerance or "
                    "float_relative_tolerance");
            }
            if (flag != "float_relative_tolerance") {
                o.float_absolute_tolerance = *value;
            }
            if (flag != "float_absolute_tolerance") {
                o.float_relative_tolerance = *value;
            }
        } else {
            throw ValidatorFlagsError("unknown default validator flag '" + flag +
                                      "' (known: case_sensitive, space_change_sensitive, "
                                      "float_absolute_tolerance, float_relative_tolerance, float_tolerance)");
        }
    }
    return o;
}

CheckResult default_validate(std::istream& team, std::istream& judge,
                             const DefaultValidatorOptions& options) {
    SegmentReader team_reader(team, options.space_change_sensitive);
    SegmentReader judge_reader(judge, options.space_change_sensitive);
    std::uint64_t judge_tokens = 0;
    for (;;) {
        const Segment j = options.space_change_sensitive ? judge_reader.next() : judge_reader.next_token();
        // A team token far longer than the answer's cannot match; not storing it bounds memory whatever the
        // output limit (the format allows rejecting unreasonably large output).
        team_reader.set_cap(std::max<std::size_t>(4 * j.text.size(), kMinTokenCap));
        const Segment t = options.space_change_sensitive ? team_reader.next() : team_reader.next_token();
        if (t.truncated) {
            return wrong(where(t) + ": " + (t.kind == SegmentKind::Space ? "whitespace" : "token") +
                         " longer than " +
                         std::to_string(std::max<std::size_t>(4 * j.text.size(), kMinTokenCap)) +
                         " bytes, expected " + quote(j.text));
        }
        if (j.kind == SegmentKind::End && t.kind == SegmentKind::End) {
            CheckResult ok;
            ok.status = CheckStatus::Accepted;
            return ok;
        }
        if (j.kind == SegmentKind::End) {
            if (t.kind == SegmentKind::Space) {
                return wrong(where(t) + ": extra whitespace " + quote(t.text) +
                             " after the end of the answer");
            }
            return wrong(where(t) + ": extra output " + quote(t.text) + " after the answer's " +
                         std::to_string(judge_tokens) + " tokens");
        }
        if (j.kind == SegmentKind::Token) {
            ++judge_tokens;
        }
        if (t.kind == SegmentKind::End) {
            if (j.kind == SegmentKind::Space) {
                return wrong(where(t) + ": output ended, expected whitespace " + quote(j.text));
            }
            return wrong(where(t) + ": output ended, expected " + quote(j.text) + " (answer token " +
                         std::to_string(judge_tokens) + ")");
        }
        if (j.kind != t.kind) {
            if (j.kind == SegmentKind::Space) {
                return wrong(where(t) + ": expected whitespace " + quote(j.text) + ", got " + quote(t.text));
            }
            return wrong(where(t) + ": expected " + quote(j.text) + ", got whitespace " + quote(t.text));
        }
        if (j.kind == SegmentKind::Space) {
            if (j.text != t.text) {
                return wrong(where(t) + ": whitespace differs: expected " + quote(j.text) + ", got " +
                             quote(t.text));
            }
            continue;
        }
        if (auto why = compare_tokens(j.text, t.text, options)) {
            return wrong(where(t) + ": " + *why);
        }
    }
}

CheckResult default_validate_files(const std::filesystem::path& team_output,
                                   const std::filesystem::path& judge_answer,
                                   const DefaultValidatorOptions& options) {
    std::ifstream team(team_output, std::ios::binary);
    std::ifstream judge(judge_answer, std::ios::binary);
    if (!team || !judge) {
        CheckResult r;
        r.status = CheckStatus::JudgeError;
        r.judge_message = "default validator cannot read " + (team ? judge_answer : team_output).string();
        return r;
    }
    return default_validate(team, judge, options);
}

}  // namespace khue::judge
