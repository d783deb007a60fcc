#include <fstream>
#include <set>
#include <sstream>

#include "package/file_io_yaml.hpp"
#include "package/loader.hpp"
#include "package/yaml_support.hpp"

namespace khue::judge::package_detail {
namespace {

struct TypeFlags {
    bool scoring = false;
    bool pass_fail = false;
    bool interactive = false;
    bool multi_pass = false;
    bool submit_answer = false;
};

void read_type(const YamlFile& f, const YAML::Node& node, Problem& p) {
    TypeFlags t;
    const std::vector<std::string> types = read_string_list(f, node, "type");
    if (types.empty()) {
        fail(f, node, "type", "expected at least one problem type");
    }
    if (p.version == FormatVersion::Legacy && types.size() != 1) {
        fail(f, node, "type", "a legacy package has one type: pass-fail or scoring");
    }
    std::set<std::string> seen;
    for (const std::string& type : types) {
        if (!seen.insert(type).second) {
            fail(f, node, "type", "'" + type + "' is listed twice");
        }
        if (type == "pass-fail") {
            t.pass_fail = true;
        } else if (type == "scoring") {
            t.scoring = true;
        } else if (p.version != FormatVersion::Legacy && type == "interactive") {
            t.interactive = true;
        } else if (p.version != FormatVersion::Legacy && type == "multi-pass") {
            t.multi_pass = true;
        } else if (p.version != FormatVersion::Legacy && type == "submit-answer") {
            t.submit_answer = true;
        } else {
            fail(f, node, "type",
                 "unknown problem type '" + type + "' (expected " +
                     (p.version == FormatVersion::Legacy
                          ? std::string("pass-fail or scoring")
                          : std::string("pass-fail, scoring, interactive, multi-pass, submit-answer")) +
                     ")");
        }
    }
    if (t.pass_fail && t.scoring) {
        fail(f, node, "type", "pass-fail and scoring exclude each other");
    }
    if (t.submit_answer && (t.interactive || t.multi_pass)) {
        fail(f, node, "type", "submit-answer excludes interactive and multi-pass");
    }
    p.scoring = t.scoring;
    p.interactive = t.interactive;
    p.multi_pass = t.multi_pass;
    p.submit_answer = t.submit_answer;
}

// Legacy `validation: default | custom [score] [interactive]`, and DOMjudge's `custom multi-pass`.
// Returns whether a custom validator is required.
bool read_validation(const YamlFile& f, const YAML::Node& node, Problem& p) {
    const std::string text = read_string(f, node, "validation");
    std::istringstream words(text);
    std::string word;
    words >> word;
    if (word == "default") {
        if (words >> word) {
            fail(f, node, "validation", "'default' takes no options, got '" + text + "'");
        }
        return false;
    }
    if (word != "custom") {
        fail(f, node, "validation",
             "expected 'default' or 'custom [score] [interactive]', got '" + text + "'");
    }
    while (words >> word) {
        if (word == "score") {
            p.scoring = true;
        } else if (word == "interactive") {
            p.interactive = true;
        } else if (word == "multi-pass") {
            p.multi_pass = true;
        } else {
            fail(f, node, "validation", "unknown option '" + word + "' after 'custom'");
        }
    }
    return true;
}

void read_limits(const YamlFile& f, const YAML::Node& limits, Problem& p) {
    require_map(f, limits, "limits");
    warn_unknown_keys(
        f, limits,
        {"time_limit", "time_multipliers", "time_resolution", "time_multiplier", "time_safety_margin",
         "memory", "output", "code", "compilation_time", "compilation_memory", "validation_time",
         "validation_memory", "validation_output", "validation_passes"},
        "limits.", p.warnings);
    ProblemLimits& l = p.limits;
    auto mib_of = [&](const char* key) {
        return mib(
            static_cast<std::uint64_t>(read_positive_integer(f, limits[key], std::string("limits.") + key)));
    };
    auto seconds_of = [&](const char* key) {
        return Seconds{read_positive(f, limits[key], std::string("limits.") + key)};
    };
    if (limits["time_limit"]) {
        l.time_limit = seconds_of("time_limit");
    }
    if (const YAML::Node m = limits["time_multipliers"]) {
        require_map(f, m, "limits.time_multipliers");
        warn_unknown_keys(f, m, {"ac_to_time_limit", "time_limit_to_tle"}, "limits.time_multipliers.",
                          p.warnings);
        for (const auto& [key, field] : {std::pair{"ac_to_time_limit", &l.ac_to_time_limit},
                                         std::pair{"time_limit_to_tle", &l.time_limit_to_tle}}) {
            if (m[key]) {
                const std::string name = std::string("limits.time_multipliers.") + key;
                *field = read_number(f, m[key], name);
                if (*field < 1) {
                    fail(f, m[key], name, "must be at least 1, got " + describe(m[key]));
                }
            }
        }
    }
    if (limits["time_resolution"]) {
        l.time_resolution = seconds_of("time_resolution");
    }
    if (limits["time_multiplier"]) {
        l.time_multiplier = read_positive(f, limits["time_multiplier"], "limits.time_multiplier");
    }
    if (limits["time_safety_margin"]) {
        l.time_safety_margin = read_positive(f, limits["time_safety_margin"], "limits.time_safety_margin");
    }
    if (limits["memory"]) {
        l.memory = mib_of("memory");
    }
    if (limits["output"]) {
        l.output = mib_of("output");
    }
    if (limits["code"]) {
        l.code = kib(static_cast<std::uint64_t>(read_positive_integer(f, limits["code"], "limits.code")));
    }
    if (limits["compilation_time"]) {
        l.compilation_time = seconds_of("compilation_time");
    }
    if (limits["compilation_memory"]) {
        l.compilation_memory = mib_of("compilation_memory");
    }
    if (limits["validation_time"]) {
        l.validation_time = seconds_of("validation_time");
    }
    if (limits["validation_memory"]) {
        l.validation_memory = mib_of("validation_memory");
    }
    if (limits["validation_output"]) {
        l.validation_output = mib_of("validation_output");
    }
    if (limits["validation_passes"]) {
        const long long passes =
            read_positive_integer(f, limits["validation_passes"], "limits.validation_passes");
        if (passes < 2 || passes > 1000) {
            fail(f, limits["validation_passes"], "limits.validation_passes",
                 "expected an integer from 2 to 1000, got " + describe(limits["validation_passes"]));
        }
        l.validation_passes = static_cast<int>(passes);
    }
}

void read_names(const YamlFile& f, const YAML::Node& node, Problem& p) {
    if (node.IsScalar()) {
        p.names["en"] = node.Scalar();
        return;
    }
    if (!node.IsMap()) {
        fail(f, node, "name", "expected a string or a map from language code to name, got " + describe(node));
    }
    for (const auto& kv : node) {
        const std::string lang = read_string(f, kv.first, "name");
        p.names[lang] = read_string(f, kv.second, "name." + lang);
    }
}

// A person is "Name <mail>" or a map with `name`; keep the display text only.
void read_people(const YamlFile& f, const YAML::Node& node, const std::string& key,
                 std::vector<std::string>& out) {
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
    } else if (node.IsMap() && node["name"]) {
        out.push_back(read_string(f, node["name"], key + ".name"));
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) {
            read_people(f, item, key, out);
        }
    } else if (!node.IsNull()) {
        fail(f, node, key, "expected a person or a list of persons, got " + describe(node));
    }
}

void read_source(const YamlFile& f, const YAML::Node& node, Problem& p) {
    if (node.IsScalar()) {
        p.source = node.Scalar();
    } else if (node.IsMap() && node["name"]) {
        p.source = read_string(f, node["name"], "source.name");
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) {
            const std::string one = item.IsMap() && item["name"] ? read_string(f, item["name"], "source.name")
                                                                 : read_string(f, item, "source");
            p.source += (p.source.empty() ? "" : ", ") + one;
        }
    } else if (!node.IsNull()) {
        fail(f, node, "source",
             "expected a string, a map with name and url, or a list, got " + describe(node));
    }
}

void read_khue_extension(const YamlFile& f, const YAML::Node& node, Problem& p) {
    require_map(f, node, "khue");
    warn_unknown_keys(f, node, {"checker_protocol", "file_io"}, "khue.", p.warnings);
    if (const YAML::Node proto = node["checker_protocol"]) {
        const std::string value = read_string(f, proto, "khue.checker_protocol");
        if (value == "testlib") {
            p.checker_protocol = CheckerProtocol::Testlib;
        } else if (value == "themis") {
            p.checker_protocol = CheckerProtocol::Themis;
        } else if (value == "kattis") {
            p.checker_protocol = CheckerProtocol::Kattis;
        } else if (value == "cms") {
            p.checker_protocol = CheckerProtocol::Cms;
        } else {
            fail(f, proto, "khue.checker_protocol",
                 "expected 'kattis', 'testlib', 'themis' or 'cms', got '" + value + "'");
        }
    }
    if (const YAML::Node io = node["file_io"]) {
        read_file_io(f, io, p);
    }
}

}  // namespace

void load_problem_yaml(Problem& p) {
    std::optional<YamlFile> file = read_yaml(p.root, "problem.yaml");
    if (!file) {
        throw PackageError("problem.yaml", 0, "missing: " + p.root.string() + " is not a problem package");
    }
    const YamlFile& f = *file;
    const YAML::Node& y = f.root;
    require_map(f, y, "");

    p.version_text = "legacy";
    p.version = FormatVersion::Legacy;
    if (const YAML::Node v = y["problem_format_version"]) {
        p.version_text = read_string(f, v, "problem_format_version");
        if (p.version_text == "legacy" || p.version_text == "legacy-icpc") {
            p.version = FormatVersion::Legacy;
        } else if (p.version_text == "2025-09" || p.version_text == "2023-07-draft" ||
                   p.version_text == "2023-07" || p.version_text == "2025-09-draft") {
            p.version = FormatVersion::V2025_09;
        } else {
            fail(f, v, "problem_format_version",
                 "unsupported version '" + p.version_text + "' (Khue reads legacy and 2025-09)");
        }
    }
    const bool modern = p.version == FormatVersion::V2025_09;
    if (modern) {
        warn_unknown_keys(f, y,
                          {"problem_format_version", "type", "name", "uuid", "version", "credits", "source",
                           "license", "rights_owner", "embargo_until", "limits", "keywords", "languages",
                           "allow_file_writing", "constants", "khue"},
                          "", p.warnings);
    } else {
        warn_unknown_keys(f, y,
                          {"problem_format_version", "type", "name", "uuid", "author", "source", "source_url",
                           "license", "rights_owner", "limits", "validation", "validator_flags", "grading",
                           "keywords", "languages", "libraries", "khue"},
                          "", p.warnings);
    }

    if (const YAML::Node n = y["name"]) {
        read_names(f, n, p);
    } else if (modern) {
        p.warnings.push_back({f.file, 0, "no 'name' given"});
    }
    if (const YAML::Node n = y["uuid"]) {
        p.uuid = read_string(f, n, "uuid");
    }
    if (const YAML::Node n = y["license"]) {
        p.license = read_string(f, n, "license");
    }
    if (const YAML::Node n = y["source"]) {
        read_source(f, n, p);
    }
    if (const YAML::Node n = y["author"]) {
        read_people(f, n, "author", p.authors);
    }
    if (const YAML::Node n = y["credits"]) {
        if (n.IsMap() && !n["name"]) {
            if (n["authors"]) {
                read_people(f, n["authors"], "credits.authors", p.authors);
            }
        } else {
            read_people(f, n, "credits", p.authors);
        }
    }
    if (const YAML::Node n = y["type"]) {
        read_type(f, n, p);
    }
    bool needs_custom = p.interactive || p.multi_pass;
    if (const YAML::Node n = y["validation"]) {
        if (modern) {
            fail(f, n, "validation", "is a legacy key; 2025-09 packages say this with 'type'");
        }
        needs_custom = read_validation(f, n, p) || needs_custom;
    }
    if (const YAML::Node n = y["validator_flags"]) {
        if (modern) {
            fail(f, n, "validator_flags",
                 "is a legacy key; 2025-09 packages use output_validator_args in test_group.yaml");
        }
        p.validator_args = split_validator_flags(read_string(f, n, "validator_flags"));
    }
    if (const YAML::Node n = y["limits"]) {
        read_limits(f, n, p);
    }
    if (const YAML::Node n = y["khue"]) {
        read_khue_extension(f, n, p);
    }
    if (needs_custom && p.checker_protocol == CheckerProtocol::Default) {
        p.checker_protocol = CheckerProtocol::Kattis;
    }
    check_file_io(p);

    // DOMjudge archives keep the time limit of a legacy package in a file of its own.
    const std::filesystem::path timelimit = p.root / ".timelimit";
    if (!p.limits.time_limit && std::filesystem::is_regular_file(timelimit)) {
        std::ifstream in(timelimit);
        double seconds = 0;
        if (!(in >> seconds) || !(seconds > 0) || seconds > 1e6) {
            throw PackageError(".timelimit", 1, "expected a positive number of seconds");
        }
        p.limits.time_limit = Seconds{seconds};
    }
}

}  // namespace khue::judge::package_detail
