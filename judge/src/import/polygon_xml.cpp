// Reading problem.xml for `khue import polygon` (polygon_xml.hpp). problem.xml is the teacher's own file, not
// contestant content; it is read with Boost.PropertyTree's XML parser after a size check.
#include "import/polygon_xml.hpp"

#include "khue/judge/import.hpp"

#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

namespace khue::judge::import_detail {
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxProblemXml = 4u << 20;

// Polygon's path patterns: "tests/%02d", "tests/%02d.a".
std::string apply_pattern(const std::string& pattern, int index, const std::string& where) {
    const auto at = pattern.find('%');
    if (at == std::string::npos || pattern.find('%', at + 1) != std::string::npos) {
        throw ImportError(where + ": expected one %d in '" + pattern + "'");
    }
    std::size_t i = at + 1;
    const bool zero = i < pattern.size() && pattern[i] == '0';
    std::size_t width = 0;
    while (i < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i]))) {
        width = width * 10 + static_cast<std::size_t>(pattern[i] - '0');
        ++i;
    }
    if (i >= pattern.size() || pattern[i] != 'd' || width > 9) {
        throw ImportError(where + ": unsupported pattern '" + pattern + "' (expected %d or %0Nd)");
    }
    std::string n = std::to_string(index);
    if (n.size() < width) {
        n.insert(0, width - n.size(), zero ? '0' : ' ');
    }
    return pattern.substr(0, at) + n + pattern.substr(i + 1);
}

void read_tests(const fs::path& root, const pt::ptree& testset, PolygonJudging& j);

}  // namespace

std::string attr(const pt::ptree& node, const std::string& name, const std::string& fallback) {
    return node.get<std::string>("<xmlattr>." + name, fallback);
}

// `<tag a="b">` for error messages.
std::string element(const std::string& tag, const std::vector<std::pair<std::string, std::string>>& attrs) {
    std::string out = "problem.xml <" + tag;
    for (const auto& [k, v] : attrs) {
        out += " " + k + "=\"" + v + "\"";
    }
    return out + ">";
}

double number(const std::string& text, const std::string& where) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !std::isfinite(value) || value < 0) {
        throw ImportError(where + ": expected a non-negative number, got '" + text + "'");
    }
    return value;
}

std::string language_code(const std::string& polygon) {
    static const std::map<std::string, std::string> codes{
        {"english", "en"}, {"russian", "ru"}, {"vietnamese", "vi"}, {"ukrainian", "uk"},  {"chinese", "zh"},
        {"french", "fr"},  {"german", "de"},  {"spanish", "es"},    {"portuguese", "pt"}, {"polish", "pl"}};
    const auto it = codes.find(polygon);
    return it == codes.end() ? "" : it->second;
}

std::string submission_folder(const std::string& tag, const std::string& where) {
    static const std::map<std::string, std::string> folders{
        {"main", "accepted"},
        {"accepted", "accepted"},
        {"wrong-answer", "wrong_answer"},
        {"presentation-error", "wrong_answer"},
        {"time-limit-exceeded", "time_limit_exceeded"},
        {"time-limit-exceeded-or-accepted", "brute_force"},
        {"time-limit-exceeded-or-memory-limit-exceeded", "rejected"},
        {"memory-limit-exceeded", "run_time_error"},
        {"rejected", "rejected"},
        {"failed", "rejected"},
        {"do-not-run", ""}};
    const auto it = folders.find(tag);
    if (it == folders.end()) {
        throw ImportError(where + ": unknown solution tag '" + tag + "'");
    }
    return it->second;
}

std::string padded(int n, int width) {
    std::string s = std::to_string(n);
    return std::string(static_cast<std::size_t>(std::max<int>(0, width - static_cast<int>(s.size()))), '0') +
           s;
}

std::string clean_name(const std::string& name) {
    std::string out;
    for (const unsigned char c : name) {
        out += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(std::tolower(c)) : '_';
    }
    return out.empty() ? "group" : out;
}

fs::path find_root(const fs::path& dir) {
    if (fs::exists(dir / "problem.xml")) {
        return dir;
    }
    std::vector<fs::path> subs;
    for (const auto& e : fs::directory_iterator(dir)) {
        subs.push_back(e.path());
    }
    if (subs.size() == 1 && fs::is_directory(subs.front()) && fs::exists(subs.front() / "problem.xml")) {
        return subs.front();
    }
    throw ImportError("no problem.xml at the package's root: is this a Polygon package?");
}

pt::ptree read_problem_xml(const fs::path& file) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec || !fs::is_regular_file(fs::symlink_status(file))) {
        throw ImportError("problem.xml is not a regular file");
    }
    if (size > kMaxProblemXml) {
        throw ImportError("problem.xml is " + std::to_string(size) +
                          " bytes; more than 4 MiB is not a problem "
                          "description");
    }
    std::ifstream in(file, std::ios::binary);
    pt::ptree tree;
    try {
        pt::read_xml(in, tree, pt::xml_parser::trim_whitespace);
    } catch (const pt::xml_parser_error& e) {
        throw ImportError("problem.xml:" + std::to_string(e.line()) + ": " + e.message());
    }
    if (!tree.get_child_optional("problem")) {
        throw ImportError("problem.xml: no <problem> element");
    }
    return tree.get_child("problem");
}

fs::path package_file(const fs::path& root, const std::string& relative, const std::string& where) {
    const fs::path rel(relative);
    if (relative.empty() || rel.is_absolute() ||
        std::any_of(rel.begin(), rel.end(), [](const fs::path& part) { return part == ".."; })) {
        throw ImportError(where + ": path '" + relative + "' leaves the package");
    }
    return root / rel;
}

PolygonJudging read_judging(const fs::path& root, const pt::ptree& problem) {
    PolygonJudging j;
    boost::optional<pt::ptree> testset;
    const auto judging = problem.get_child_optional("judging");
    if (!judging) {
        throw ImportError("problem.xml <problem>: no <judging> element");
    }
    const std::string runs = attr(*judging, "run-count", "1");
    if (runs != "1") {
        throw ImportError(element("judging", {{"run-count", runs}}) +
                          ": problems run several times per test are not supported");
    }
    if (attr(*judging, "treat-points-from-checker-as-percent") == "true") {
        throw ImportError(element("judging", {{"treat-points-from-checker-as-percent", "true"}}) +
                          ": checker points as percent are not supported");
    }
    j.input_file = attr(*judging, "input-file");
    j.output_file = attr(*judging, "output-file");
    if (j.input_file.empty() != j.output_file.empty()) {
        throw ImportError(element("judging") +
                          ": input-file and output-file must both be given or both empty");
    }
    for (const auto& [tag, node] : *judging) {
        if (tag != "testset") {
            continue;
        }
        const std::string name = attr(node, "name");
        if (name == "tests") {
            testset = node;
        } else {
            j.notes.push_back("testset '" + name + "' ignored: only 'tests' is judged");
        }
    }
    if (!testset) {
        throw ImportError(element("judging") + ": no <testset name=\"tests\">");
    }
    const std::string where = element("testset", {{"name", "tests"}});
    const auto tl = testset->get_optional<std::string>("time-limit");
    const auto ml = testset->get_optional<std::string>("memory-limit");
    if (!tl || !ml) {
        throw ImportError(where + ": needs <time-limit> and <memory-limit>");
    }
    j.time_limit_ms = number(*tl, where + " <time-limit>");
    j.memory_bytes = number(*ml, where + " <memory-limit>");
    if (j.time_limit_ms <= 0 || j.memory_bytes <= 0) {
        throw ImportError(where + ": the time and memory limits must be positive");
    }
    read_tests(root, *testset, j);
    return j;
}

namespace {

void read_tests(const fs::path& root, const pt::ptree& testset, PolygonJudging& j) {
    const std::string where = element("testset", {{"name", "tests"}});
    const std::string in_pattern = testset.get<std::string>("input-path-pattern", "");
    const std::string ans_pattern = testset.get<std::string>("answer-path-pattern", "");
    if (in_pattern.empty() || ans_pattern.empty()) {
        throw ImportError(where + ": needs <input-path-pattern> and <answer-path-pattern>");
    }
    const auto tests = testset.get_child_optional("tests");
    int index = 0;
    if (tests) {
        for (const auto& [tag, node] : *tests) {
            if (tag != "test") {
                continue;
            }
            ++index;
            const std::string test_where = where + " <test> #" + std::to_string(index);
            PolygonTest t;
            t.index = index;
            t.sample = attr(node, "sample") == "true";
            t.group = attr(node, "group");
            if (const auto p = attr(node, "points"); !p.empty()) {
                t.points = number(p, test_where + " points");
                j.has_points = j.has_points || t.points > 0;
            }
            t.input = package_file(root, apply_pattern(in_pattern, index, where + " <input-path-pattern>"),
                                   test_where);
            t.answer = package_file(root, apply_pattern(ans_pattern, index, where + " <answer-path-pattern>"),
                                    test_where);
            const bool generated = attr(node, "method") == "generated";
            if (!fs::is_regular_file(t.input)) {
                if (generated) {
                    throw ImportError(
                        test_where + " (generated by '" + attr(node, "cmd") +
                        "'): " + fs::relative(t.input, root).string() +
                        " is not in the package. Generated tests are only in a full package: "
                        "download the full package from Polygon (Packages, Full) and import that");
                }
                throw ImportError(test_where + ": the test's input " + fs::relative(t.input, root).string() +
                                  " is missing");
            }
            if (!fs::is_regular_file(t.answer)) {
                throw ImportError(test_where + ": the test's answer " +
                                  fs::relative(t.answer, root).string() +
                                  " is missing (a full package holds the answers)");
            }
            j.tests.push_back(std::move(t));
        }
    }
    if (const auto count = testset.get_optional<int>("test-count"); count && *count != index) {
        throw ImportError(where + " <test-count>: says " + std::to_string(*count) + " but " +
                          std::to_string(index) + " <test> elements are listed");
    }
    if (j.tests.empty()) {
        throw ImportError(where + " <tests>: no tests");
    }
    if (const auto groups = testset.get_child_optional("groups")) {
        for (const auto& [tag, node] : *groups) {
            if (tag != "group") {
                continue;
            }
            PolygonGroup g;
            g.name = attr(node, "name");
            const std::string policy = attr(node, "points-policy", "complete-group");
            const std::string group_where = element("group", {{"name", g.name}});
            if (policy == "each-test") {
                g.each_test = true;
            } else if (policy != "complete-group") {
                throw ImportError(group_where + ": unknown points-policy '" + policy + "'");
            }
            if (const auto p = attr(node, "points"); !p.empty()) {
                g.points = number(p, group_where + " points");
                j.has_points = j.has_points || *g.points > 0;
            }
            if (const auto deps = node.get_child_optional("dependencies")) {
                for (const auto& [dtag, dep] : *deps) {
                    if (dtag == "dependency") {
                        g.dependencies.push_back(attr(dep, "group"));
                    }
                }
            }
            j.groups[g.name] = g;
            j.group_order.push_back(g.name);
        }
    }
    for (const auto& t : j.tests) {
        if (t.group.empty()) {
            continue;
        }
        if (!j.groups.count(t.group)) {
            j.groups[t.group] = PolygonGroup{t.group, false, std::nullopt, {}, {}};
            j.group_order.push_back(t.group);
        }
        j.groups[t.group].tests.push_back(t.index);
    }
    for (const auto& [name, g] : j.groups) {
        for (const auto& dep : g.dependencies) {
            if (!j.groups.count(dep)) {
                throw ImportError(element("group", {{"name", name}}) + " <dependency group=\"" + dep +
                                  "\">: no such group");
            }
        }
    }
}

}  // namespace

}  // namespace khue::judge::import_detail
