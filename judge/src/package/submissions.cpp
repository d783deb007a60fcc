#include <algorithm>
#include <fstream>

#include "package/loader.hpp"
#include "package/yaml_support.hpp"

namespace khue::judge::package_detail {
namespace fs = std::filesystem;
namespace {

// Sources are scanned for @EXPECTED_RESULTS@ only this far: the comment sits near the top.
constexpr std::size_t kScanBytes = 1 << 20;
constexpr int kScanFiles = 64;

std::set<Verdict> read_verdicts(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    std::set<Verdict> out;
    for (const std::string& name : read_string_list(f, node, key)) {
        const auto v = parse_expected_verdict(name);
        if (!v) {
            fail(f, node, key, "unknown verdict '" + name + "' (expected AC, WA, TLE, RTE)");
        }
        out.insert(*v);
    }
    return out;
}

std::pair<double, double> read_score(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    if (node.IsSequence()) {
        if (node.size() != 2) {
            fail(f, node, key, "expected a number or a list of two numbers");
        }
        const double lo = read_number(f, node[0], key);
        const double hi = read_number(f, node[1], key);
        if (lo > hi) {
            fail(f, node, key, "range [" + std::to_string(lo) + ", " + std::to_string(hi) + "] is empty");
        }
        return {lo, hi};
    }
    const double v = read_number(f, node, key);
    return {v, v};
}

// use_for_time_limit: true (use the role the rules imply), false, lower, upper.
enum class TimeUseSetting { Unset, Derived, None, Lower, Upper };

TimeUseSetting read_time_use(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    if (!node) {
        return TimeUseSetting::Unset;
    }
    const std::string v = read_string(f, node, key);
    if (v == "lower") {
        return TimeUseSetting::Lower;
    }
    if (v == "upper") {
        return TimeUseSetting::Upper;
    }
    return read_bool(f, node, key) ? TimeUseSetting::Derived : TimeUseSetting::None;
}

// Fills the requirement keys of `rule` from `node`; returns false when none was present.
bool read_requirements(const YamlFile& f, const YAML::Node& node, const std::string& prefix,
                       ExpectationRule& rule) {
    bool any = false;
    if (const YAML::Node n = node["permitted"]) {
        rule.permitted = read_verdicts(f, n, prefix + "permitted");
        any = true;
    }
    if (const YAML::Node n = node["required"]) {
        rule.required = read_verdicts(f, n, prefix + "required");
        any = true;
    }
    if (const YAML::Node n = node["score"]) {
        rule.score = read_score(f, n, prefix + "score");
        any = true;
    }
    if (const YAML::Node n = node["message"]) {
        rule.message = read_string(f, n, prefix + "message");
        any = true;
    }
    return any;
}

struct YamlEntry {
    std::string pattern;
    YAML::Node node;
};

bool is_submission_key(const std::string& key) {
    for (const char* k : {"language", "entrypoint", "authors", "model_solution", "permitted", "required",
                          "score", "message", "use_for_time_limit"}) {
        if (key == k) {
            return true;
        }
    }
    return false;
}

std::string read_source_head(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text(kScanBytes, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

void apply_source_comments(Problem& p, ExampleSubmission& s) {
    std::vector<fs::path> files;
    if (s.program.is_directory) {
        for (auto it = fs::recursive_directory_iterator(s.program.path);
             it != fs::recursive_directory_iterator() && static_cast<int>(files.size()) < kScanFiles; ++it) {
            if (it->is_regular_file()) {
                files.push_back(it->path());
            }
        }
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(s.program.path);
    }
    for (const fs::path& file : files) {
        const std::string head = read_source_head(file);
        // Expectations matter to `verify` only: one bad annotation must not stop judging the problem.
        const auto malformed = [&](const std::invalid_argument& e) {
            const fs::path where = relative_to_root(p, file);
            p.warnings.push_back({where, 0, std::string(e.what()) + "; the annotation is ignored"});
            s.expectation_errors.push_back(where.generic_string() + ": " + e.what());
        };
        try {
            if (auto results = find_expected_results(head)) {
                s.expectation.final_verdict = std::move(results);
            }
        } catch (const std::invalid_argument& e) {
            malformed(e);
        }
        try {
            if (auto score = find_expected_score(head)) {
                ExpectationRule rule;
                rule.score = score;
                rule.origin = "@EXPECTED_SCORE@";
                s.expectation.rules.push_back(std::move(rule));
            }
        } catch (const std::invalid_argument& e) {
            malformed(e);
        }
        if (s.expectation.final_verdict) {
            return;
        }
    }
}

TimeLimitUse derive_time_use(const Expectation& e) {
    if (e.final_verdict) {
        if (*e.final_verdict == std::set<Verdict>{Verdict::TLE}) {
            return TimeLimitUse::Upper;
        }
        return e.final_verdict->count(Verdict::TLE) == 0 && e.final_verdict->count(Verdict::CE) == 0
                   ? TimeLimitUse::Lower
                   : TimeLimitUse::None;
    }
    TimeLimitUse use = TimeLimitUse::None;
    for (const ExpectationRule& r : e.rules) {
        if (r.required && *r.required == std::set<Verdict>{Verdict::TLE}) {
            return TimeLimitUse::Upper;
        }
        if (r.permitted && r.permitted->count(Verdict::TLE) == 0) {
            use = TimeLimitUse::Lower;
        }
    }
    return use;
}

}  // namespace

void load_submissions(Problem& p) {
    const fs::path dir = p.root / "submissions";
    if (!fs::is_directory(dir)) {
        p.warnings.push_back(
            {"submissions", 0, "missing: no example submissions to verify the package with"});
        return;
    }
    std::optional<YamlFile> yaml = read_yaml(p.root, "submissions/submissions.yaml");
    std::vector<YamlEntry> entries;
    if (yaml) {
        require_map(*yaml, yaml->root, "");
        for (const auto& kv : yaml->root) {
            const std::string pattern = read_string(*yaml, kv.first, "submissions.yaml key");
            require_map(*yaml, kv.second, pattern);
            entries.push_back({pattern, kv.second});
        }
    }
    for (const fs::directory_entry& folder_entry : sorted_entries(dir)) {
        if (!folder_entry.is_directory()) {
            continue;
        }
        const std::string folder = folder_entry.path().filename().string();
        for (const fs::directory_entry& e : sorted_entries(folder_entry.path())) {
            if (!e.is_directory() && !e.is_regular_file()) {
                continue;
            }
            ExampleSubmission s;
            s.folder = folder;
            s.name = folder + "/" + e.path().filename().string();
            s.program = Program{e.path(), e.is_directory(), e.path().filename().string()};

            std::optional<ExpectationRule> base = default_rule_for_folder(folder);
            TimeUseSetting time_use = TimeUseSetting::Unset;
            std::vector<ExpectationRule> extra;
            bool described = base.has_value();
            for (const YamlEntry& entry : entries) {
                const bool folder_key = entry.pattern == folder || entry.pattern == folder + "/";
                if (!folder_key && !glob_matches(entry.pattern, s.name)) {
                    continue;
                }
                described = true;
                const YamlFile& f = *yaml;
                const std::string prefix = entry.pattern + ".";
                ExpectationRule rule;
                rule.origin = "submissions.yaml " + entry.pattern;
                if (folder_key && base) {
                    // Naming the folder itself overrides its defaults key by key.
                    rule = *base;
                    rule.origin = "submissions.yaml " + entry.pattern;
                }
                if (read_requirements(f, entry.node, prefix, rule) || (folder_key && base)) {
                    if (folder_key && base) {
                        base = rule;
                    } else {
                        extra.push_back(rule);
                    }
                }
                if (const YAML::Node n = entry.node["language"]) {
                    s.language = read_string(f, n, prefix + "language");
                }
                if (const YAML::Node n = entry.node["entrypoint"]) {
                    s.entrypoint = read_string(f, n, prefix + "entrypoint");
                }
                if (const TimeUseSetting use =
                        read_time_use(f, entry.node["use_for_time_limit"], prefix + "use_for_time_limit");
                    use != TimeUseSetting::Unset) {
                    time_use = use;
                }
                for (const auto& kv : entry.node) {
                    const std::string key = read_string(f, kv.first, entry.pattern);
                    if (is_submission_key(key)) {
                        continue;
                    }
                    if (key.rfind("sample", 0) != 0 && key.rfind("secret", 0) != 0) {
                        p.warnings.push_back(
                            {f.file, line_of(kv.first), "unknown key '" + prefix + key + "' ignored"});
                        continue;
                    }
                    require_map(f, kv.second, prefix + key);
                    ExpectationRule scoped;
                    scoped.test_pattern = key;
                    scoped.origin = "submissions.yaml " + entry.pattern + " " + key;
                    if (read_requirements(f, kv.second, prefix + key + ".", scoped)) {
                        extra.push_back(std::move(scoped));
                    }
                }
            }
            if (base) {
                s.expectation.rules.push_back(*base);
            }
            for (ExpectationRule& r : extra) {
                s.expectation.rules.push_back(std::move(r));
            }
            apply_source_comments(p, s);
            if (!described && !s.expectation.final_verdict) {
                p.warnings.push_back(
                    {relative_to_root(p, e.path()), 0,
                     "folder '" + folder + "' promises nothing; only a judge error fails it"});
            }
            const TimeLimitUse derived = derive_time_use(s.expectation);
            switch (time_use) {
                case TimeUseSetting::None:
                    s.use_for_time_limit = TimeLimitUse::None;
                    break;
                case TimeUseSetting::Lower:
                    s.use_for_time_limit = TimeLimitUse::Lower;
                    break;
                case TimeUseSetting::Upper:
                    s.use_for_time_limit = TimeLimitUse::Upper;
                    break;
                case TimeUseSetting::Unset:
                case TimeUseSetting::Derived:
                    s.use_for_time_limit = derived;
                    break;
            }
            p.submissions.push_back(std::move(s));
        }
    }
    const bool any_accepted =
        std::any_of(p.submissions.begin(), p.submissions.end(), [](const ExampleSubmission& s) {
            return s.use_for_time_limit == TimeLimitUse::Lower || s.folder == "accepted";
        });
    if (!any_accepted) {
        p.warnings.push_back({"submissions", 0, "no accepted example submission to set the time limit with"});
    }
    std::sort(p.submissions.begin(), p.submissions.end(),
              [](const ExampleSubmission& a, const ExampleSubmission& b) { return a.name < b.name; });
}

}  // namespace khue::judge::package_detail
