#include "khue/judge/expectations.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace khue::judge {
namespace {

std::set<Verdict> set_of(std::initializer_list<Verdict> vs) {
    return std::set<Verdict>(vs);
}

bool in_set(Verdict v, const std::set<Verdict>& set) {
    if (set.count(v) != 0) {
        return true;
    }
    return (v == Verdict::MLE || v == Verdict::OLE) && set.count(Verdict::RTE) != 0;
}

std::string set_text(const std::set<Verdict>& set) {
    std::string out = "[";
    for (const Verdict v : set) {
        if (out.size() > 1) {
            out += ", ";
        }
        out += to_string(v);
    }
    return out + "]";
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

// Expands `{a,b}` alternatives (nesting allowed) into plain patterns.
std::vector<std::string> expand_braces(const std::string& pattern) {
    const std::size_t open = pattern.find('{');
    if (open == std::string::npos) {
        return {pattern};
    }
    int depth = 0;
    std::size_t close = std::string::npos;
    std::vector<std::size_t> commas;
    for (std::size_t i = open; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            ++depth;
        } else if (pattern[i] == '}') {
            if (--depth == 0) {
                close = i;
                break;
            }
        } else if (pattern[i] == ',' && depth == 1) {
            commas.push_back(i);
        }
    }
    if (close == std::string::npos) {
        return {pattern};  // an unbalanced brace is a literal character
    }
    std::vector<std::string> out;
    std::size_t start = open + 1;
    commas.push_back(close);
    for (const std::size_t end : commas) {
        const std::string alternative =
            pattern.substr(0, open) + pattern.substr(start, end - start) + pattern.substr(close + 1);
        for (std::string& e : expand_braces(alternative)) {
            out.push_back(std::move(e));
        }
        start = end + 1;
    }
    return out;
}

// `*` matches any run of characters within one component.
bool component_matches(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t star_t = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_t = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++star_t;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

std::vector<std::string_view> components(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        if (end > start) {
            out.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

bool plain_glob_matches(std::string_view pattern, std::string_view path) {
    const auto pc = components(pattern);
    const auto tc = components(path);
    if (pc.empty() || pc.size() > tc.size()) {
        return false;
    }
    for (std::size_t i = 0; i < pc.size(); ++i) {
        if (!component_matches(pc[i], tc[i])) {
            return false;
        }
    }
    return true;
}

std::optional<double> number(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) {
        return std::nullopt;
    }
    return v;
}

std::string rest_of_line_after(std::string_view source, std::string_view marker, bool& found) {
    const std::size_t at = source.find(marker);
    found = at != std::string_view::npos;
    if (!found) {
        return {};
    }
    std::size_t start = at + marker.size();
    std::size_t end = source.find('\n', start);
    if (end == std::string_view::npos) {
        end = source.size();
    }
    std::string line(source.substr(start, end - start));
    // Block-comment closers written on the same line are not part of the value.
    for (const std::string_view closer : {"*/", "-->", "*)", "}"}) {
        if (const std::size_t c = line.find(closer); c != std::string::npos) {
            line.erase(c);
        }
    }
    return line;
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view path) {
    for (const std::string& p : expand_braces(std::string(pattern))) {
        if (plain_glob_matches(p, path)) {
            return true;
        }
    }
    return false;
}

std::optional<ExpectationRule> default_rule_for_folder(std::string_view folder) {
    using V = Verdict;
    ExpectationRule r;
    r.origin = "folder " + std::string(folder);
    if (folder == "accepted") {
        r.permitted = set_of({V::AC});
    } else if (folder == "rejected") {
        r.required = set_of({V::RTE, V::TLE, V::WA});
    } else if (folder == "wrong_answer") {
        r.permitted = set_of({V::AC, V::WA});
        r.required = set_of({V::WA});
    } else if (folder == "time_limit_exceeded") {
        r.permitted = set_of({V::AC, V::TLE});
        r.required = set_of({V::TLE});
    } else if (folder == "run_time_error") {
        r.permitted = set_of({V::AC, V::RTE});
        r.required = set_of({V::RTE});
    } else if (folder == "brute_force") {
        r.permitted = set_of({V::AC, V::RTE, V::TLE});
        r.required = set_of({V::RTE, V::TLE});
    } else if (folder == "partially_accepted") {
        // Legacy: a scoring submission that gets some score; the score itself is not promised.
    } else {
        return std::nullopt;
    }
    return r;
}

std::optional<Verdict> parse_expected_verdict(std::string_view name) {
    const std::string u = upper(name);
    if (auto v = verdict_from_string(u)) {
        return v;
    }
    static const std::pair<std::string_view, Verdict> kAliases[] = {
        {"CORRECT", Verdict::AC},         {"ACCEPTED", Verdict::AC},
        {"WRONG-ANSWER", Verdict::WA},    {"WRONG_ANSWER", Verdict::WA},
        {"NO-OUTPUT", Verdict::WA},       {"TIMELIMIT", Verdict::TLE},
        {"TIME-LIMIT", Verdict::TLE},     {"TIME_LIMIT_EXCEEDED", Verdict::TLE},
        {"RUN-ERROR", Verdict::RTE},      {"RUN_TIME_ERROR", Verdict::RTE},
        {"RUN-TIME-ERROR", Verdict::RTE}, {"COMPILER-ERROR", Verdict::CE},
        {"COMPILE-ERROR", Verdict::CE},   {"OUTPUT-LIMIT", Verdict::OLE},
        {"MEMORY-LIMIT", Verdict::MLE},
    };
    for (const auto& [alias, v] : kAliases) {
        if (u == alias) {
            return v;
        }
    }
    return std::nullopt;
}

std::optional<std::set<Verdict>> find_expected_results(std::string_view source) {
    bool found = false;
    const std::string line = rest_of_line_after(source, "@EXPECTED_RESULTS@:", found);
    if (!found) {
        return std::nullopt;
    }
    std::set<Verdict> out;
    std::string token;
    auto flush = [&] {
        if (token.empty()) {
            return;
        }
        const auto v = parse_expected_verdict(token);
        if (!v) {
            throw std::invalid_argument("@EXPECTED_RESULTS@: unknown verdict '" + token + "'");
        }
        out.insert(*v);
        token.clear();
    };
    for (const char c : line) {
        if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
            flush();
        } else {
            token += c;
        }
    }
    flush();
    if (out.empty()) {
        throw std::invalid_argument("@EXPECTED_RESULTS@: names no verdict");
    }
    return out;
}

std::optional<std::pair<double, double>> find_expected_score(std::string_view source) {
    bool found = false;
    const std::string line = rest_of_line_after(source, "@EXPECTED_SCORE@:", found);
    if (!found) {
        return std::nullopt;
    }
    if (const auto v = number(line)) {
        return std::pair{*v, *v};
    }
    // A range "lo-hi": split at a '-' that follows a digit, so that a sign is not mistaken for it.
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '-' && (std::isdigit(static_cast<unsigned char>(line[i - 1])) || line[i - 1] == ' ')) {
            const auto lo = number(std::string_view(line).substr(0, i));
            const auto hi = number(std::string_view(line).substr(i + 1));
            if (lo && hi && *lo <= *hi) {
                return std::pair{*lo, *hi};
            }
        }
    }
    throw std::invalid_argument("@EXPECTED_SCORE@: expected a number or a range lo-hi, got '" + line + "'");
}

MatchResult match_expectation(const Expectation& expectation, const JudgedSubmission& judged) {
    MatchResult result;
    auto fail = [&](std::string why) {
        result.ok = false;
        result.failures.push_back(std::move(why));
    };
    if (expectation.final_verdict) {
        const Verdict got = judged.compiled ? judged.verdict : Verdict::CE;
        if (!in_set(got, *expectation.final_verdict)) {
            fail("@EXPECTED_RESULTS@: expected one of " + set_text(*expectation.final_verdict) + ", got " +
                 std::string(to_string(got)));
        }
    } else if (!judged.compiled) {
        fail("compile error");
        return result;
    }
    for (const JudgedTest& t : judged.tests) {
        if (t.verdict == Verdict::JE) {
            fail("judge error on " + t.name);
        }
    }
    if (!judged.compiled) {
        return result;
    }
    for (const ExpectationRule& rule : expectation.rules) {
        const std::string scope = rule.test_pattern.empty() ? "" : " on " + rule.test_pattern;
        std::vector<const JudgedTest*> covered;
        for (const JudgedTest& t : judged.tests) {
            if (rule.test_pattern.empty() || glob_matches(rule.test_pattern, t.name)) {
                covered.push_back(&t);
            }
        }
        if (expectation.final_verdict) {
            // DOMjudge-style expectations only speak about the final verdict and the score.
            covered.clear();
        }
        if (rule.permitted && !expectation.final_verdict) {
            for (const JudgedTest* t : covered) {
                if (!in_set(t->verdict, *rule.permitted)) {
                    fail(rule.origin + ": " + t->name + " got " + std::string(to_string(t->verdict)) +
                         ", permitted " + set_text(*rule.permitted));
                    break;
                }
            }
        }
        if (rule.required && !expectation.final_verdict) {
            const bool any = std::any_of(covered.begin(), covered.end(), [&](const JudgedTest* t) {
                return in_set(t->verdict, *rule.required);
            });
            if (!any) {
                fail(rule.origin + ": no test" + scope + " got one of " + set_text(*rule.required));
            }
        }
        if (rule.message && !expectation.final_verdict) {
            const bool any = std::any_of(covered.begin(), covered.end(), [&](const JudgedTest* t) {
                return t->judge_message.find(*rule.message) != std::string::npos;
            });
            if (!any) {
                fail(rule.origin + ": no judge message" + scope + " contains '" + *rule.message + "'");
            }
        }
        if (rule.score) {
            bool have = judged.score.has_value() && rule.test_pattern.empty();
            double got = have ? *judged.score : 0.0;
            for (const auto& [name, score] : judged.group_scores) {
                if (!rule.test_pattern.empty() && name == rule.test_pattern) {
                    have = true;
                    got = score;
                }
            }
            const auto [lo, hi] = *rule.score;
            if (!have) {
                fail(rule.origin + ": no score" + scope + " to compare with the expected one");
            } else if (got < lo - 1e-9 || got > hi + 1e-9) {
                const std::string want = lo == hi
                                             ? std::to_string(lo)
                                             : "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
                fail(rule.origin + ": score" + scope + " " + std::to_string(got) + ", expected " + want);
            }
        }
    }
    return result;
}

}  // namespace khue::judge
