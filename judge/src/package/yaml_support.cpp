#include "package/yaml_support.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace khue::judge::package_detail {
namespace fs = std::filesystem;

namespace {
// problem.yaml and group files are small; anything bigger is a mistake or an attack on the parser.
constexpr std::uintmax_t kMaxYamlBytes = 1 << 20;

std::optional<double> parse_number(const std::string& s) {
    if (s.empty()) {
        return std::nullopt;
    }
    const char* begin = s.data();
    if (*begin == '+') {
        ++begin;
    }
    double v = 0;
    const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}
}  // namespace

int line_of(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : 0;
}

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return "'" + node.Scalar() + "'";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a map";
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
    }
    return "nothing";
}

void fail(const YamlFile& f, const YAML::Node& node, const std::string& key, const std::string& what) {
    throw PackageError(f.file, line_of(node), key.empty() ? what : key + ": " + what);
}

YamlFile parse_yaml_text(std::string_view text, const fs::path& name) {
    YamlFile f{name, {}};
    try {
        f.root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        throw PackageError(name, e.mark.line >= 0 ? e.mark.line + 1 : 0, "invalid YAML: " + e.msg);
    }
    return f;
}

std::optional<YamlFile> read_yaml(const fs::path& root, const fs::path& relative) {
    const fs::path path = root / relative;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        return std::nullopt;
    }
    if (!fs::is_regular_file(path, ec)) {
        throw PackageError(relative, 0, "not a regular file");
    }
    if (fs::file_size(path, ec) > kMaxYamlBytes) {
        throw PackageError(relative, 0, "larger than 1 MiB");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        throw PackageError(relative, 0, "cannot be read");
    }
    return parse_yaml_text(text.str(), relative);
}

std::string read_string(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    if (!node.IsScalar()) {
        fail(f, node, key, "expected a string, got " + describe(node));
    }
    return node.Scalar();
}

double read_number(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    if (node.IsScalar()) {
        if (const auto v = parse_number(node.Scalar()); v && std::isfinite(*v)) {
            return *v;
        }
    }
    fail(f, node, key, "expected a number, got " + describe(node));
}

double read_positive(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    const double v = read_number(f, node, key);
    if (!(v > 0)) {
        fail(f, node, key, "expected a positive number, got " + describe(node));
    }
    return v;
}

long long read_positive_integer(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    const double v = read_number(f, node, key);
    // Range first: converting a double outside long long's range is undefined behaviour (found by fuzz_package).
    if (!(v >= 1) || v > 1e15 || v != std::floor(v)) {
        fail(f, node, key, "expected a positive integer, got " + describe(node));
    }
    return static_cast<long long>(v);
}

bool read_bool(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    if (node.IsScalar()) {
        const std::string& s = node.Scalar();
        if (s == "true" || s == "True" || s == "yes") {
            return true;
        }
        if (s == "false" || s == "False" || s == "no") {
            return false;
        }
    }
    fail(f, node, key, "expected true or false, got " + describe(node));
}

std::vector<std::string> read_string_list(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    if (node.IsNull()) {
        return {};
    }
    if (node.IsScalar()) {
        return {node.Scalar()};
    }
    if (!node.IsSequence()) {
        fail(f, node, key, "expected a string or a list of strings, got " + describe(node));
    }
    std::vector<std::string> out;
    for (const YAML::Node& item : node) {
        if (!item.IsScalar()) {
            fail(f, item, key, "expected a list of strings, found " + describe(item) + " in it");
        }
        out.push_back(item.Scalar());
    }
    return out;
}

void require_map(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    if (!node.IsMap() && !node.IsNull()) {
        fail(f, node, key, "expected a map, got " + describe(node));
    }
}

void warn_unknown_keys(const YamlFile& f, const YAML::Node& map,
                       std::initializer_list<std::string_view> known, const std::string& prefix,
                       std::vector<PackageWarning>& warnings) {
    if (!map.IsMap()) {
        return;
    }
    for (const auto& kv : map) {
        const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : describe(kv.first);
        bool is_known = false;
        for (const std::string_view k : known) {
            is_known = is_known || k == name;
        }
        if (!is_known) {
            warnings.push_back({f.file, line_of(kv.first), "unknown key '" + prefix + name + "' ignored"});
        }
    }
}

}  // namespace khue::judge::package_detail
