// Reading package YAML with errors that name the file, the line and the key (internal to the loader).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khue/judge/default_validator.hpp"
#include "khue/judge/package.hpp"

namespace khue::judge::package_detail {

// One YAML file of a package, with its path relative to the package root for messages.
struct YamlFile {
    std::filesystem::path file;  // relative, e.g. "data/secret/testdata.yaml"
    YAML::Node root;
};

// Parses root/relative; nullopt when the file does not exist. An empty file is a null root.
std::optional<YamlFile> read_yaml(const std::filesystem::path& root, const std::filesystem::path& relative);
YamlFile parse_yaml_text(std::string_view text, const std::filesystem::path& name);

int line_of(const YAML::Node& node);

[[noreturn]] void fail(const YamlFile& f, const YAML::Node& node, const std::string& key,
                       const std::string& what);

// Typed reads of `key`'s value; `key` is the dotted path used in messages ("limits.time_limit").
std::string read_string(const YamlFile& f, const YAML::Node& node, const std::string& key);
double read_number(const YamlFile& f, const YAML::Node& node, const std::string& key);
double read_positive(const YamlFile& f, const YAML::Node& node, const std::string& key);
long long read_positive_integer(const YamlFile& f, const YAML::Node& node, const std::string& key);
bool read_bool(const YamlFile& f, const YAML::Node& node, const std::string& key);
// A string or a sequence of strings.
std::vector<std::string> read_string_list(const YamlFile& f, const YAML::Node& node, const std::string& key);
// A map is required; a null node (empty file, `key:` with nothing) counts as an empty map.
void require_map(const YamlFile& f, const YAML::Node& node, const std::string& key);

// Adds a warning for every key of `map` not in `known`.
void warn_unknown_keys(const YamlFile& f, const YAML::Node& map,
                       std::initializer_list<std::string_view> known, const std::string& prefix,
                       std::vector<PackageWarning>& warnings);

std::string describe(const YAML::Node& node);  // "'abc'", "a list", "a map", "nothing"

}  // namespace khue::judge::package_detail
