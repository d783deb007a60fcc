#include "khue/judge/language.hpp"

#include "khue/judge/install_paths.hpp"
#include "khue/judge/java_scan.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace khue::judge {
namespace {

[[noreturn]] void fail(const std::string& origin, const YAML::Node& node, const std::string& what) {
    std::ostringstream message;
    message << origin;
    if (node.IsDefined() && node.Mark().line >= 0) {
        message << ':' << node.Mark().line + 1;
    }
    message << ": " << what;
    throw LanguageError(message.str());
}

std::string scalar(const std::string& origin, const YAML::Node& node, const std::string& field) {
    if (!node.IsDefined() || !node.IsScalar()) {
        fail(origin, node, field + ": expected a string");
    }
    return node.Scalar();
}

std::vector<std::string> string_list(const std::string& origin, const YAML::Node& node,
                                     const std::string& field) {
    if (!node.IsDefined() || !node.IsSequence()) {
        fail(origin, node, field + ": expected a list of strings (an argv vector, never a shell string)");
    }
    std::vector<std::string> out;
    for (const auto& item : node) {
        out.push_back(scalar(origin, item, field));
    }
    return out;
}

EnvList env_map(const std::string& origin, const YAML::Node& node, const std::string& field) {
    EnvList out;
    if (!node.IsDefined()) {
        return out;
    }
    if (!node.IsMap()) {
        fail(origin, node, field + ": expected a map NAME: value");
    }
    for (const auto& item : node) {
        out.emplace_back(scalar(origin, item.first, field), scalar(origin, item.second, field));
    }
    return out;
}

double positive_number(const std::string& origin, const YAML::Node& node, const std::string& field) {
    try {
        double value = node.as<double>();
        if (value > 0) {
            return value;
        }
    } catch (const YAML::Exception&) {
    }
    fail(origin, node, field + ": expected a positive number");
}

int positive_int(const std::string& origin, const YAML::Node& node, const std::string& field) {
    try {
        int value = node.as<int>();
        if (value > 0) {
            return value;
        }
    } catch (const YAML::Exception&) {
    }
    fail(origin, node, field + ": expected a positive integer");
}

const std::set<std::string> known_keys = {"id",
                                          "name",
                                          "extensions",
                                          "compile",
                                          "run",
                                          "compile_env",
                                          "run_env",
                                          "time_multiplier",
                                          "memory_allowance_mib",
                                          "compile_processes",
                                          "run_processes",
                                          "entry_point_required",
                                          "pch",
                                          "hello"};

Language parse_language(const std::string& origin, const YAML::Node& node) {
    if (!node.IsMap()) {
        fail(origin, node, "each language must be a map");
    }
    Language lang;
    lang.id = scalar(origin, node["id"], "id");
    if (lang.id.empty() || !std::all_of(lang.id.begin(), lang.id.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
        })) {
        fail(origin, node["id"], "id: '" + lang.id + "' is not a Contest API id ([A-Za-z0-9_.-])");
    }
    const std::string where = "language '" + lang.id + "': ";
    for (const auto& item : node) {
        const auto key = item.first.as<std::string>();
        if (!known_keys.contains(key)) {
            fail(origin, item.first, where + "unknown field '" + key + "'");
        }
    }
    lang.name = node["name"] ? scalar(origin, node["name"], where + "name") : lang.id;
    lang.extensions = string_list(origin, node["extensions"], where + "extensions");
    if (lang.extensions.empty()) {
        fail(origin, node["extensions"], where + "extensions: at least one is needed");
    }
    for (auto& ext : lang.extensions) {
        if (!ext.empty() && ext.front() == '.') {
            ext.erase(0, 1);
        }
    }
    if (node["compile"]) {
        lang.compile = string_list(origin, node["compile"], where + "compile");
        if (lang.compile.empty()) {
            fail(origin, node["compile"], where + "compile: empty argv");
        }
    }
    lang.run = string_list(origin, node["run"], where + "run");
    if (lang.run.empty()) {
        fail(origin, node["run"], where + "run: empty argv");
    }
    lang.compile_env = env_map(origin, node["compile_env"], where + "compile_env");
    lang.run_env = env_map(origin, node["run_env"], where + "run_env");
    if (node["time_multiplier"]) {
        lang.time_multiplier = positive_number(origin, node["time_multiplier"], where + "time_multiplier");
    }
    if (node["memory_allowance_mib"]) {
        lang.memory_allowance = mib(static_cast<std::uint64_t>(
            positive_int(origin, node["memory_allowance_mib"], where + "memory_allowance_mib")));
    }
    if (node["compile_processes"]) {
        lang.compile_processes = positive_int(origin, node["compile_processes"], where + "compile_processes");
    }
    if (node["run_processes"]) {
        lang.run_processes = positive_int(origin, node["run_processes"], where + "run_processes");
    }
    if (node["entry_point_required"]) {
        lang.entry_point_required = node["entry_point_required"].as<bool>();
    }
    if (const auto pch = node["pch"]) {
        if (!pch.IsMap()) {
            fail(origin, pch, where + "pch: expected a map with header, build, use");
        }
        lang.pch = PrecompiledHeader{scalar(origin, pch["header"], where + "pch.header"),
                                     string_list(origin, pch["build"], where + "pch.build"),
                                     string_list(origin, pch["use"], where + "pch.use")};
    }
    const auto hello = node["hello"];
    if (!hello.IsDefined() || !hello.IsMap()) {
        fail(origin, node, where + "hello: a self-test {file, source, output} is required");
    }
    lang.hello_file = scalar(origin, hello["file"], where + "hello.file");
    lang.hello_source = scalar(origin, hello["source"], where + "hello.source");
    lang.hello_output = scalar(origin, hello["output"], where + "hello.output");
    for (const auto& arg : lang.run) {
        if (arg.find("{main_class}") != std::string::npos) {
            lang.needs_main_class = true;
        }
    }
    // Validate the placeholders once, at load time, rather than on the first submission.
    ArgvContext probe{"/box", "a", {"a"}, "main", "Main", "1", {}, "in", "out", "/pch"};
    try {
        expand_argv(lang.compile, probe);
        expand_argv(lang.run, probe);
        if (lang.pch) {
            expand_argv(lang.pch->argv, probe);
            expand_argv(lang.pch->use_flags, probe);
        }
    } catch (const LanguageError& e) {
        fail(origin, node, where + e.what());
    }
    return lang;
}

}  // namespace

LanguageSet::LanguageSet(std::vector<Language> languages) : languages_(std::move(languages)) {}

const Language* LanguageSet::find(std::string_view id) const {
    for (const auto& lang : languages_) {
        if (lang.id == id) {
            return &lang;
        }
    }
    return nullptr;
}

const Language* LanguageSet::guess(const std::vector<std::filesystem::path>& sources) const {
    const Language* found = nullptr;
    for (const auto& source : sources) {
        auto ext = source.extension().string();
        if (ext.empty()) {
            continue;
        }
        ext.erase(0, 1);
        const Language* match = nullptr;
        // Exact case first: `.C` is C++ while `.c` is C.
        for (const auto& lang : languages_) {
            if (std::find(lang.extensions.begin(), lang.extensions.end(), ext) != lang.extensions.end()) {
                match = &lang;
                break;
            }
        }
        if (match == nullptr) {
            std::string lower = ext;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            for (const auto& lang : languages_) {
                if (std::find(lang.extensions.begin(), lang.extensions.end(), lower) !=
                    lang.extensions.end()) {
                    match = &lang;
                    break;
                }
            }
        }
        if (match == nullptr) {
            continue;  // headers, data files
        }
        if (found != nullptr && found != match) {
            // C headers next to C++ sources are common; sources of two real languages are not.
            if ((found->id == "cpp" && match->id == "c") || (found->id == "c" && match->id == "cpp")) {
                found = find("cpp");
                continue;
            }
            return nullptr;
        }
        found = match;
    }
    return found;
}

LanguageSet parse_languages(std::string_view yaml_text, const std::string& origin) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::ParserException& e) {
        throw LanguageError(origin + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    }
    if (!root.IsMap() || !root["languages"] || !root["languages"].IsSequence()) {
        throw LanguageError(origin + ": expected a top-level key 'languages' holding a list");
    }
    std::vector<Language> languages;
    for (const auto& node : root["languages"]) {
        auto lang = parse_language(origin, node);
        for (const auto& other : languages) {
            if (other.id == lang.id) {
                fail(origin, node["id"], "language '" + lang.id + "' is defined twice");
            }
        }
        languages.push_back(std::move(lang));
    }
    if (languages.empty()) {
        throw LanguageError(origin + ": no languages defined");
    }
    return LanguageSet(std::move(languages));
}

LanguageSet load_languages(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw LanguageError(file.string() + ": cannot read the languages file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_languages(text.str(), file.string());
}

std::filesystem::path default_languages_file() {
    if (const char* env = std::getenv("KHUE_LANGUAGES"); env != nullptr && *env != '\0') {
        return env;
    }
    return data_path("languages.yaml");
}

const LanguageSet& default_languages() {
    static const LanguageSet set = load_languages(default_languages_file());
    return set;
}

std::vector<std::string> expand_argv(const std::vector<std::string>& argv, const ArgvContext& context) {
    std::vector<std::string> out;
    for (const auto& arg : argv) {
        if (arg == "{sources}") {
            out.insert(out.end(), context.sources.begin(), context.sources.end());
            continue;
        }
        if (arg == "{pch_flags}") {
            out.insert(out.end(), context.pch_flags.begin(), context.pch_flags.end());
            continue;
        }
        std::string result;
        std::size_t pos = 0;
        while (pos < arg.size()) {
            auto open = arg.find('{', pos);
            if (open == std::string::npos) {
                result.append(arg, pos);
                break;
            }
            auto close = arg.find('}', open);
            if (close == std::string::npos) {
                throw LanguageError("unterminated placeholder in argv element '" + arg + "'");
            }
            result.append(arg, pos, open - pos);
            const auto name = arg.substr(open + 1, close - open - 1);
            if (name == "dir") {
                result += context.dir;
            } else if (name == "source") {
                result += context.source;
            } else if (name == "binary") {
                result += context.binary;
            } else if (name == "main_class") {
                result += context.main_class;
            } else if (name == "memory_mib") {
                result += context.memory_mib;
            } else if (name == "input") {
                result += context.input;
            } else if (name == "output") {
                result += context.output;
            } else if (name == "pch") {
                result += context.pch;
            } else if (name == "sources" || name == "pch_flags") {
                throw LanguageError("{" + name + "} must be a whole argv element, in '" + arg + "'");
            } else {
                throw LanguageError("unknown placeholder {" + name + "} in argv element '" + arg + "'");
            }
            pos = close + 1;
        }
        out.push_back(std::move(result));
    }
    return out;
}

std::optional<std::string> find_java_main_class(const std::vector<std::filesystem::path>& sources) {
    // A linear scan (java_scan.hpp), never a regex: this runs on submission content in the judge process.
    // A wrong guess only costs the student a run-time error, never a host risk.
    std::vector<std::string> found;
    for (const auto& source : sources) {
        std::ifstream in(source, std::ios::binary);
        std::ostringstream buffer;
        buffer << in.rdbuf();
        if (auto main_class = scan_java_source(buffer.str()).qualified_main()) {
            found.push_back(std::move(*main_class));
        }
    }
    if (found.size() != 1) {
        return std::nullopt;
    }
    return found.front();
}

}  // namespace khue::judge
