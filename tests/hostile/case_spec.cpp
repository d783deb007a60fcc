#include "case_spec.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace khue::hostile {
namespace {

constexpr std::array kExpectKeys = {"status",    "exit_code",  "signal",     "cpu_time",
                                    "wall_time", "memory_kib", "oom_killed", "box_exit"};
constexpr std::array kCheckKeys = {"stdout-size", "stderr-size", "stdout-lacks", "stdout-has",
                                   "stderr-lacks"};
constexpr std::array kHostFixtures = {"listener", "victim", "pty-stdin", "neighbour"};
constexpr std::array kStatuses = {"exited",       "signaled",     "time_limit",   "wall_time_limit",
                                  "memory_limit", "output_limit", "sandbox_error"};

template <std::size_t N>
bool one_of(std::string_view s, const std::array<const char*, N>& set) {
    for (std::string_view x : set) {
        if (s == x) {
            return true;
        }
    }
    return false;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::optional<double> number(std::string_view s) {
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

Fill parse_fill(std::string_view value, const std::string& where) {
    auto words = split_words(value, where);
    Fill f;
    if (words.size() != 2 || !number(words[0]) || !number(words[1])) {
        throw CaseFormatError(where + ": expected COUNT LENGTH, got '" + std::string(value) + "'");
    }
    f.count = std::atoi(words[0].c_str());
    f.length = std::atoi(words[1].c_str());
    if (f.count <= 0 || f.length <= 0) {
        throw CaseFormatError(where + ": COUNT and LENGTH must be positive");
    }
    return f;
}

}  // namespace

bool compare(double actual, Op op, double wanted) {
    switch (op) {
        case Op::Eq:
            return actual == wanted;
        case Op::Ne:
            return actual != wanted;
        case Op::Ge:
            return actual >= wanted;
        case Op::Le:
            return actual <= wanted;
        case Op::Gt:
            return actual > wanted;
        case Op::Lt:
            return actual < wanted;
    }
    return false;
}

std::vector<std::string> split_words(std::string_view text, std::string_view where) {
    std::vector<std::string> words;
    std::string cur;
    bool in_word = false;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
            in_word = true;
        } else if ((c == ' ' || c == '\t') && !quoted) {
            if (in_word) {
                words.push_back(std::move(cur));
                cur.clear();
                in_word = false;
            }
        } else {
            cur += c;
            in_word = true;
        }
    }
    if (quoted) {
        throw CaseFormatError(std::string(where) + ": unterminated double quote");
    }
    if (in_word) {
        words.push_back(std::move(cur));
    }
    return words;
}

std::vector<Term> parse_terms(std::string_view text, std::string_view where) {
    std::vector<Term> terms;
    for (const std::string& word : split_words(text, where)) {
        // Two-character operators first so that ">=" is not read as ">" followed by "=value".
        static constexpr std::array<std::pair<std::string_view, Op>, 6> kOps = {
            {{"!=", Op::Ne}, {">=", Op::Ge}, {"<=", Op::Le}, {"=", Op::Eq}, {">", Op::Gt}, {"<", Op::Lt}}};
        Term t;
        t.text = word;
        std::size_t at = std::string::npos;
        std::size_t len = 0;
        for (auto [sym, op] : kOps) {
            auto pos = word.find(sym);
            if (pos != std::string::npos && (pos < at || (pos == at && sym.size() > len))) {
                at = pos;
                len = sym.size();
                t.op = op;
            }
        }
        if (at == std::string::npos || at == 0 || at + len == word.size()) {
            throw CaseFormatError(std::string(where) + ": expected KEY=VALUE or KEY>=NUMBER, got '" + word +
                                  "'");
        }
        t.key = word.substr(0, at);
        std::string rest = word.substr(at + len);
        if (t.op == Op::Eq || t.op == Op::Ne) {
            for (std::size_t from = 0;;) {
                auto bar = rest.find('|', from);
                t.values.push_back(
                    rest.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
                if (bar == std::string::npos) {
                    break;
                }
                from = bar + 1;
            }
        } else {
            if (!number(rest)) {
                throw CaseFormatError(std::string(where) + ": '" + word + "' compares with a non-number");
            }
            t.values.push_back(rest);
        }
        terms.push_back(std::move(t));
    }
    return terms;
}

CaseSpec parse_case(const std::filesystem::path& file) {
    CaseSpec spec;
    spec.source = file;
    std::string filename = file.filename().string();
    spec.name = filename;
    for (char& c : spec.name) {
        if (c == '.' || c == '-') {
            c = '_';
        }
    }
    std::string ext = file.extension().string();
    if (ext == ".c") {
        spec.language = Language::C;
    } else if (ext == ".sh") {
        spec.language = Language::Shell;
    } else if (ext == ".py") {
        spec.language = Language::Python;
    } else {
        throw CaseFormatError(file.string() + ": unknown case language '" + ext +
                              "' (expected .c, .sh or .py)");
    }
    std::ifstream in(file);
    if (!in) {
        throw CaseFormatError(file.string() + ": cannot open");
    }
    bool has_expect = false;
    std::string line;
    for (int lineno = 1; std::getline(in, line); ++lineno) {
        std::string where = file.string() + ":" + std::to_string(lineno);
        std::string_view l = trim(line);
        if (l.starts_with("//")) {
            l.remove_prefix(2);
        } else if (l.starts_with("#")) {
            l.remove_prefix(1);
        } else {
            continue;
        }
        l = trim(l);
        if (!l.starts_with("khue-")) {
            continue;
        }
        auto colon = l.find(':');
        if (colon == std::string_view::npos) {
            throw CaseFormatError(where + ": directive without ':'");
        }
        std::string_view key = l.substr(5, colon - 5);
        std::string_view value = trim(l.substr(colon + 1));
        if (key == "expect") {
            auto terms = parse_terms(value, where);
            spec.first.expect.insert(spec.first.expect.end(), terms.begin(), terms.end());
            has_expect = true;
        } else if (key == "args") {
            auto words = split_words(value, where);
            spec.first.args.insert(spec.first.args.end(), words.begin(), words.end());
        } else if (key == "check") {
            auto terms = parse_terms(value, where);
            spec.first.checks.insert(spec.first.checks.end(), terms.begin(), terms.end());
        } else if (key == "then") {
            spec.then.emplace().args = split_words(value, where);
        } else if (key == "then-expect" || key == "then-check") {
            if (!spec.then) {
                throw CaseFormatError(where + ": khue-" + std::string(key) + " before khue-then");
            }
            auto terms = parse_terms(value, where);
            auto& dest = key == "then-expect" ? spec.then->expect : spec.then->checks;
            dest.insert(dest.end(), terms.begin(), terms.end());
        } else if (key == "host") {
            for (const std::string& word : split_words(value, where)) {
                if (!one_of(word, kHostFixtures)) {
                    throw CaseFormatError(where + ": unknown host fixture '" + word +
                                          "' (expected listener, victim, pty-stdin or neighbour)");
                }
                spec.host.insert(word);
            }
        } else if (key == "cflags") {
            spec.cflags = split_words(value, where);
        } else if (key == "argv") {
            spec.argv_fill = parse_fill(value, where);
        } else if (key == "bigenv") {
            spec.env_fill = parse_fill(value, where);
        } else if (key == "box-env") {
            // The environment khue-box itself runs with (e.g. SUDO_UID=1000: a sudo caller), on top of the
            // runner's.
            for (const std::string& word : split_words(value, where)) {
                if (word.find('=') == std::string::npos || word.front() == '=') {
                    throw CaseFormatError(where + ": khue-box-env expects NAME=VALUE words, got '" + word +
                                          "'");
                }
                spec.box_env.push_back(word);
            }
        } else if (key == "timeout") {
            auto v = number(value);
            if (!v || *v < 1 || *v > 120) {
                throw CaseFormatError(where + ": timeout must be 1..120 seconds");
            }
            spec.timeout = std::chrono::seconds{static_cast<long>(*v)};
        } else {
            throw CaseFormatError(where + ": unknown directive 'khue-" + std::string(key) + "'");
        }
    }
    if (!has_expect) {
        throw CaseFormatError(file.string() + ": no khue-expect line");
    }
    for (const RunSpec* run : {&spec.first, spec.then ? &*spec.then : nullptr}) {
        if (run == nullptr) {
            continue;
        }
        for (const Term& t : run->expect) {
            if (!one_of(t.key, kExpectKeys)) {
                throw CaseFormatError(file.string() + ": unknown result key '" + t.key + "' in '" + t.text +
                                      "'");
            }
            if (t.key == "status") {
                for (const auto& v : t.values) {
                    if (!one_of(v, kStatuses)) {
                        throw CaseFormatError(file.string() + ": unknown status '" + v + "'");
                    }
                }
            }
        }
        for (const Term& t : run->checks) {
            if (!one_of(t.key, kCheckKeys)) {
                throw CaseFormatError(file.string() + ": unknown host check '" + t.key + "'");
            }
        }
    }
    return spec;
}

std::vector<std::string> unmet_terms(const std::vector<Term>& terms, const Outcome& outcome) {
    std::vector<std::string> unmet;
    std::string status;
    if (outcome.has_result) {
        auto it = outcome.fields.find("status");
        status = it == outcome.fields.end() ? "" : it->second;
    } else if (outcome.box_exit == 1) {
        status = "sandbox_error";
    }
    for (const Term& t : terms) {
        std::string actual;
        if (t.key == "box_exit") {
            actual = std::to_string(outcome.box_exit);
        } else if (t.key == "status") {
            actual = status;
        } else {
            if ((t.key == "exit_code" && status != "exited") || (t.key == "signal" && status != "signaled")) {
                continue;
            }
            if (!outcome.has_result) {
                // Without a result only the status can be judged; a sandbox error that the case allows is
                // fine.
                continue;
            }
            auto it = outcome.fields.find(t.key);
            if (it == outcome.fields.end()) {
                unmet.push_back(t.text + ": the result has no field " + t.key);
                continue;
            }
            actual = it->second;
        }
        bool ok = false;
        if (t.op == Op::Eq || t.op == Op::Ne) {
            bool any = false;
            for (const auto& v : t.values) {
                auto a = number(actual);
                auto w = number(v);
                any = any || (a && w ? *a == *w : actual == v);
            }
            ok = (t.op == Op::Eq) == any;
        } else {
            auto a = number(actual);
            ok = a && compare(*a, t.op, *number(t.values.front()));
        }
        if (!ok) {
            unmet.push_back(t.text + ": got " + t.key + "=" + (actual.empty() ? "(none)" : actual));
        }
    }
    return unmet;
}

}  // namespace khue::hostile
