// Reading a Polygon package's problem.xml for `khue import polygon`: the judging section (limits, file I/O,
// tests, groups and points) checked against the files of the package, and the helpers that name an element
// in an error. polygon.cpp writes the 2025-09 package from what this reads.
#pragma once

#include <boost/property_tree/ptree.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace khue::judge::import_detail {

namespace pt = boost::property_tree;

struct PolygonTest {
    int index = 0;  // 1-based
    std::filesystem::path input;
    std::filesystem::path answer;
    bool sample = false;
    std::string group;
    double points = 0;
};

struct PolygonGroup {
    std::string name;
    bool each_test = false;
    std::optional<double> points;
    std::vector<std::string> dependencies;
    std::vector<int> tests;  // indices
};

// <judging> with its testset "tests".
struct PolygonJudging {
    std::string input_file;  // empty: standard input and output
    std::string output_file;
    double time_limit_ms = 0;
    double memory_bytes = 0;
    bool has_points = false;
    std::vector<PolygonTest> tests;
    std::map<std::string, PolygonGroup> groups;
    std::vector<std::string> group_order;
    std::vector<std::string> notes;
};

// The attribute `name` of `node`, or `fallback`.
std::string attr(const pt::ptree& node, const std::string& name, const std::string& fallback = "");
// `problem.xml <tag a="b">`, for error messages.
std::string element(const std::string& tag,
                    const std::vector<std::pair<std::string, std::string>>& attrs = {});
// A non-negative number, or an ImportError naming `where`.
double number(const std::string& text, const std::string& where);
// Polygon's language names ("english") as codes ("en"); "" when unknown.
std::string language_code(const std::string& polygon);
// The submissions/ folder of a solution tag ("main" -> "accepted"); "" for do-not-run.
std::string submission_folder(const std::string& tag, const std::string& where);
// `n` zero-padded to `width` digits.
std::string padded(int n, int width);
// A group name usable in a folder name: lower case, [a-z0-9_-].
std::string clean_name(const std::string& name);

// The folder holding problem.xml: `dir` or its only subfolder.
std::filesystem::path find_root(const std::filesystem::path& dir);
// problem.xml's <problem> element; refuses a file too large to be a problem description.
pt::ptree read_problem_xml(const std::filesystem::path& file);
// `root / relative`, refusing a path that leaves the package.
std::filesystem::path package_file(const std::filesystem::path& root, const std::string& relative,
                                   const std::string& where);
// <judging>: limits, file I/O, the tests (each checked to be in the package), groups and points.
PolygonJudging read_judging(const std::filesystem::path& root, const pt::ptree& problem);

}  // namespace khue::judge::import_detail
