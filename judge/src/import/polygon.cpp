// `khue import polygon`: a Polygon full package (problem.xml) into a 2025-09 package. problem.xml is the
// teacher's own file, not contestant content; it is read with Boost.PropertyTree's XML parser after a size
// check.
#include "khue/judge/import.hpp"

#include "import/staging.hpp"
#include "khue/judge/zip.hpp"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace khue::judge {
namespace fs = std::filesystem;
namespace pt = boost::property_tree;
using namespace import_detail;

namespace {

constexpr std::uintmax_t kMaxProblemXml = 4u << 20;

std::string attr(const pt::ptree& node, const std::string& name, const std::string& fallback = "") {
    return node.get<std::string>("<xmlattr>." + name, fallback);
}

// `<tag a="b">` for error messages.
std::string element(const std::string& tag,
                    const std::vector<std::pair<std::string, std::string>>& attrs = {}) {
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

struct PolygonTest {
    int index = 0;  // 1-based
    fs::path input;
    fs::path answer;
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

class PolygonImport {
  public:
    PolygonImport(fs::path root, pt::ptree problem, fs::path out)
        : root_(std::move(root)), xml_(std::move(problem)), out_(std::move(out)) {}

    void run(ImportReport& report) {
        read_judging();
        read_tests();
        write_data();
        write_checker();
        write_solutions();
        write_statements();
        write_problem_yaml();
        report.notes.insert(report.notes.end(), notes_.begin(), notes_.end());
    }

  private:
    fs::path source(const std::string& relative, const std::string& where) const {
        const fs::path rel(relative);
        if (relative.empty() || rel.is_absolute() ||
            std::any_of(rel.begin(), rel.end(), [](const fs::path& part) { return part == ".."; })) {
            throw ImportError(where + ": path '" + relative + "' leaves the package");
        }
        return root_ / rel;
    }

    void read_judging() {
        const auto judging = xml_.get_child_optional("judging");
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
        input_file_ = attr(*judging, "input-file");
        output_file_ = attr(*judging, "output-file");
        if (input_file_.empty() != output_file_.empty()) {
            throw ImportError(element("judging") +
                              ": input-file and output-file must both be given or both empty");
        }
        for (const auto& [tag, node] : *judging) {
            if (tag != "testset") {
                continue;
            }
            const std::string name = attr(node, "name");
            if (name == "tests") {
                testset_ = node;
            } else {
                notes_.push_back("testset '" + name + "' ignored: only 'tests' is judged");
            }
        }
        if (!testset_) {
            throw ImportError(element("judging") + ": no <testset name=\"tests\">");
        }
        const std::string where = element("testset", {{"name", "tests"}});
        const auto tl = testset_->get_optional<std::string>("time-limit");
        const auto ml = testset_->get_optional<std::string>("memory-limit");
        if (!tl || !ml) {
            throw ImportError(where + ": needs <time-limit> and <memory-limit>");
        }
        time_limit_ms_ = number(*tl, where + " <time-limit>");
        memory_bytes_ = number(*ml, where + " <memory-limit>");
        if (time_limit_ms_ <= 0 || memory_bytes_ <= 0) {
            throw ImportError(where + ": the time and memory limits must be positive");
        }
    }

    void read_tests() {
        const std::string where = element("testset", {{"name", "tests"}});
        const std::string in_pattern = testset_->get<std::string>("input-path-pattern", "");
        const std::string ans_pattern = testset_->get<std::string>("answer-path-pattern", "");
        if (in_pattern.empty() || ans_pattern.empty()) {
            throw ImportError(where + ": needs <input-path-pattern> and <answer-path-pattern>");
        }
        const auto tests = testset_->get_child_optional("tests");
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
                    has_points_ = has_points_ || t.points > 0;
                }
                t.input =
                    source(apply_pattern(in_pattern, index, where + " <input-path-pattern>"), test_where);
                t.answer =
                    source(apply_pattern(ans_pattern, index, where + " <answer-path-pattern>"), test_where);
                const bool generated = attr(node, "method") == "generated";
                if (!fs::is_regular_file(t.input)) {
                    if (generated) {
                        throw ImportError(
                            test_where + " (generated by '" + attr(node, "cmd") +
                            "'): " + fs::relative(t.input, root_).string() +
                            " is not in the package. Generated tests are only in a full package: "
                            "download the full package from Polygon (Packages, Full) and import that");
                    }
                    throw ImportError(test_where + ": the test's input " +
                                      fs::relative(t.input, root_).string() + " is missing");
                }
                if (!fs::is_regular_file(t.answer)) {
                    throw ImportError(test_where + ": the test's answer " +
                                      fs::relative(t.answer, root_).string() +
                                      " is missing (a full package holds the answers)");
                }
                tests_.push_back(std::move(t));
            }
        }
        if (const auto count = testset_->get_optional<int>("test-count"); count && *count != index) {
            throw ImportError(where + " <test-count>: says " + std::to_string(*count) + " but " +
                              std::to_string(index) + " <test> elements are listed");
        }
        if (tests_.empty()) {
            throw ImportError(where + " <tests>: no tests");
        }
        if (const auto groups = testset_->get_child_optional("groups")) {
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
                    has_points_ = has_points_ || *g.points > 0;
                }
                if (const auto deps = node.get_child_optional("dependencies")) {
                    for (const auto& [dtag, dep] : *deps) {
                        if (dtag == "dependency") {
                            g.dependencies.push_back(attr(dep, "group"));
                        }
                    }
                }
                groups_[g.name] = g;
                group_order_.push_back(g.name);
            }
        }
        for (const auto& t : tests_) {
            if (t.group.empty()) {
                continue;
            }
            if (!groups_.count(t.group)) {
                groups_[t.group] = PolygonGroup{t.group, false, std::nullopt, {}, {}};
                group_order_.push_back(t.group);
            }
            groups_[t.group].tests.push_back(t.index);
        }
        for (const auto& [name, g] : groups_) {
            for (const auto& dep : g.dependencies) {
                if (!groups_.count(dep)) {
                    throw ImportError(element("group", {{"name", name}}) + " <dependency group=\"" + dep +
                                      "\">: no such group");
                }
            }
        }
    }

    void copy_test(const PolygonTest& t, const fs::path& dir, const std::string& name) {
        copy_regular(t.input, dir / (name + ".in"), "test " + std::to_string(t.index));
        copy_regular(t.answer, dir / (name + ".ans"), "test " + std::to_string(t.index));
    }

    void write_data() {
        const int width = std::max<int>(2, static_cast<int>(std::to_string(tests_.size()).size()));
        for (const auto& t : tests_) {
            if (t.sample) {
                copy_test(t, out_ / "data/sample", padded(t.index, width));
            }
        }
        if (!has_points_) {
            for (const auto& t : tests_) {
                if (!t.sample) {
                    copy_test(t, out_ / "data/secret", padded(t.index, width));
                }
            }
            if (!groups_.empty()) {
                notes_.push_back("groups without points: judged as one pass-fail test set");
            }
            return;
        }
        // Scoring: every test (samples too, as Polygon judges them) goes into a secret group worth its
        // points.
        std::map<std::string, std::vector<std::string>> khue_groups;  // Polygon group -> Khue group names
        double total = 0;
        int number = 0;
        const auto group_yaml = [](const std::string& aggregation, double max,
                                   const std::vector<std::string>& require, const std::string& comment) {
            std::string y = "# " + comment + "\nscore_aggregation: " + aggregation +
                            "\nmax_score: " + format_number(max) + "\n";
            if (!require.empty()) {
                y += "require_pass:\n";
                for (const auto& r : require) {
                    y += "  - " + r + "\n";
                }
            }
            return y;
        };
        std::vector<std::string> order = group_order_;
        // Tests outside any group are each a group of their own.
        for (const auto& t : tests_) {
            if (t.group.empty()) {
                const std::string name = "#" + std::to_string(t.index);
                groups_[name] = PolygonGroup{name, true, std::nullopt, {}, {t.index}};
                order.push_back(name);
            }
        }
        // First pass: names, so that dependencies can point at groups written later.
        for (const auto& name : order) {
            const auto& g = groups_[name];
            ++number;
            const std::string base =
                padded(number, 2) + "-" + clean_name(name[0] == '#' ? "test" + name.substr(1) : name);
            if (g.each_test) {
                for (const int index : g.tests) {
                    khue_groups[name].push_back("secret/" + base + "-t" + padded(index, width));
                }
            } else {
                khue_groups[name].push_back("secret/" + base);
            }
        }
        for (const auto& name : order) {
            const auto& g = groups_[name];
            std::vector<std::string> require;
            for (const auto& dep : g.dependencies) {
                require.insert(require.end(), khue_groups[dep].begin(), khue_groups[dep].end());
            }
            double sum = 0;
            for (const int index : g.tests) {
                sum += tests_[static_cast<std::size_t>(index - 1)].points;
            }
            if (g.each_test) {
                for (std::size_t i = 0; i < g.tests.size(); ++i) {
                    const auto& t = tests_[static_cast<std::size_t>(g.tests[i] - 1)];
                    const fs::path dir = out_ / "data" / khue_groups[name][i];
                    write_text(dir / "test_group.yaml",
                               group_yaml("sum", t.points, require,
                                          "Polygon test " + std::to_string(t.index) + " of group " + name +
                                              " (points-policy each-test)"));
                    copy_test(t, dir, padded(t.index, width));
                    total += t.points;
                }
            } else {
                const double points = g.points.value_or(sum);
                const fs::path dir = out_ / "data" / khue_groups[name].front();
                write_text(dir / "test_group.yaml",
                           group_yaml("pass-fail", points, require,
                                      "Polygon group " + name + " (points-policy complete-group)"));
                for (const int index : g.tests) {
                    copy_test(tests_[static_cast<std::size_t>(index - 1)], dir, padded(index, width));
                }
                total += points;
            }
        }
        write_text(out_ / "data/secret/test_group.yaml",
                   "# The Polygon groups and their points.\nscore_aggregation: sum\nmax_score: " +
                       format_number(total) + "\n");
    }

    void write_checker() {
        const auto assets = xml_.get_child_optional("assets");
        if (assets && assets->get_child_optional("interactor")) {
            throw ImportError(element("interactor") +
                              ": interactive problems with testlib interactors are not supported (Khue runs "
                              "interactive problems with Kattis-protocol validators)");
        }
        if (assets) {
            if (const auto validators = assets->get_child_optional("validators");
                validators && !validators->empty()) {
                notes_.push_back(
                    "the input validators were not imported: testlib validators exit 0 on valid "
                    "input, the package format expects 42");
            }
        }
        const auto checker = assets ? assets->get_child_optional("checker") : boost::none;
        if (!checker) {
            notes_.push_back("no <checker>: the default validator compares tokens");
            return;
        }
        const std::string type = attr(*checker, "type");
        if (type != "testlib") {
            throw ImportError(element("checker", {{"type", type}}) +
                              ": unknown checker type (Khue runs testlib checkers)");
        }
        const std::string path = checker->get<std::string>("source.<xmlattr>.path", "");
        const std::string language = checker->get<std::string>("source.<xmlattr>.type", "");
        const std::string where = element("checker") + " <source path=\"" + path + "\">";
        if (path.empty()) {
            throw ImportError(element("checker", {{"type", type}}) + ": no <source>");
        }
        if (language.rfind("cpp.", 0) != 0) {
            throw ImportError(where + ": unknown checker language '" + language +
                              "' (testlib checkers are C++)");
        }
        const fs::path file = source(path, where);
        if (!fs::is_regular_file(file)) {
            throw ImportError(where + ": the checker's source is missing");
        }
        copy_regular(file, out_ / "output_validator/check.cpp", where);
        // Headers the checker may include: the package's resources (testlib.h among them).
        bool testlib = false;
        if (const auto resources = xml_.get_child_optional("files.resources")) {
            for (const auto& [tag, node] : *resources) {
                const std::string res = attr(node, "path");
                if (tag != "file" || fs::path(res).extension() != ".h") {
                    continue;
                }
                const fs::path header = source(res, element("file", {{"path", res}}));
                if (!fs::is_regular_file(header)) {
                    throw ImportError(element("file", {{"path", res}}) + ": listed but missing");
                }
                copy_regular(header, out_ / "output_validator" / header.filename(), res);
                testlib = testlib || header.filename() == "testlib.h";
            }
        }
        if (!testlib) {
            throw ImportError(where + ": the package has no files/testlib.h for the checker to include");
        }
        checker_protocol_ = "testlib";
    }

    void write_solutions() {
        const auto solutions = xml_.get_child_optional("assets.solutions");
        if (!solutions) {
            notes_.push_back("no <solutions>: `khue verify` has nothing to judge");
            return;
        }
        std::set<fs::path> used;
        for (const auto& [tag, node] : *solutions) {
            if (tag != "solution") {
                continue;
            }
            const std::string kind = attr(node, "tag");
            const std::string path = node.get<std::string>("source.<xmlattr>.path", "");
            const std::string where =
                element("solution", {{"tag", kind}}) + " <source path=\"" + path + "\">";
            const std::string folder = submission_folder(kind, where);
            if (folder.empty()) {
                continue;
            }
            const fs::path file = source(path, where);
            if (!fs::is_regular_file(file)) {
                throw ImportError(where + ": the solution's source is missing");
            }
            fs::path target = out_ / "submissions" / folder / file.filename();
            if (!used.insert(target).second) {
                throw ImportError(where + ": two solutions named " + file.filename().string() + " in " +
                                  folder);
            }
            copy_regular(file, target, where);
        }
    }

    void write_statements() {
        bool any = false;
        if (const auto statements = xml_.get_child_optional("statements")) {
            for (const auto& [tag, node] : *statements) {
                if (tag != "statement" || attr(node, "type") != "application/pdf") {
                    continue;
                }
                const std::string code = language_code(attr(node, "language"));
                const fs::path file = source(attr(node, "path"), element("statement"));
                if (code.empty() || !fs::is_regular_file(file)) {
                    continue;
                }
                copy_regular(file, out_ / "statement" / ("problem." + code + ".pdf"), element("statement"));
                any = true;
            }
        }
        // The sections Polygon keeps per language become one LaTeX statement per language.
        const fs::path sections = root_ / "statement-sections";
        if (fs::is_directory(sections)) {
            for (const auto& e : fs::directory_iterator(sections)) {
                const std::string code = language_code(e.path().filename().string());
                if (!e.is_directory() || code.empty()) {
                    continue;
                }
                const auto read = [&](const char* name) {
                    std::ifstream in(e.path() / name, std::ios::binary);
                    std::ostringstream s;
                    s << in.rdbuf();
                    return s.str();
                };
                std::string tex = "\\problemname{" + read("name.tex") + "}\n\n" + read("legend.tex") +
                                  "\n\n\\section*{Input}\n" + read("input.tex") + "\n\n\\section*{Output}\n" +
                                  read("output.tex") + "\n";
                if (const auto notes = read("notes.tex"); !notes.empty()) {
                    tex += "\n\\section*{Notes}\n" + notes + "\n";
                }
                write_text(out_ / "statement" / ("problem." + code + ".tex"), tex);
                for (const auto& f : fs::directory_iterator(e.path())) {
                    const auto ext = f.path().extension();
                    if (f.is_regular_file() && (ext == ".png" || ext == ".jpg" || ext == ".jpeg" ||
                                                ext == ".svg" || ext == ".gif")) {
                        copy_regular(f.path(), out_ / "statement" / f.path().filename(), "statement image");
                    }
                }
                any = true;
            }
        }
        if (!any) {
            notes_.push_back("no statement found (no PDF statement and no statement-sections/)");
        }
    }

    void write_problem_yaml() {
        std::ostringstream y;
        const std::string short_name = attr(xml_, "short-name");
        y << "# Imported by `khue import polygon` from the Polygon package " << short_name << " (revision "
          << attr(xml_, "revision", "?") << ").\n"
          << "# Limits, groups and points come from its problem.xml.\n"
          << "problem_format_version: 2025-09\n"
          << "type: " << (has_points_ ? "scoring" : "pass-fail") << "\n";
        std::string names;
        if (const auto list = xml_.get_child_optional("names")) {
            for (const auto& [tag, node] : *list) {
                const std::string code = language_code(attr(node, "language"));
                if (tag == "name" && !code.empty()) {
                    names += "  " + code + ": " + yaml_quote(attr(node, "value")) + "\n";
                }
            }
        }
        y << (names.empty() ? "name: " + yaml_quote(short_name) + "\n" : "name:\n" + names)
          << "source: " << yaml_quote("Polygon problem " + short_name) << "\n"
          << "limits:\n"
          << "  time_limit: " << format_number(time_limit_ms_ / 1000.0) << "\n"
          << "  memory: " << static_cast<long long>(std::ceil(memory_bytes_ / (1024.0 * 1024.0))) << "\n";
        if (!checker_protocol_.empty() || !input_file_.empty()) {
            y << "khue:\n";
            if (!checker_protocol_.empty()) {
                y << "  checker_protocol: " << checker_protocol_ << "\n";
            }
            if (!input_file_.empty()) {
                y << "  file_io:\n    input: " << input_file_ << "\n    output: " << output_file_ << "\n";
            }
        }
        write_text(out_ / "problem.yaml", y.str());
    }

    fs::path root_;
    pt::ptree xml_;
    fs::path out_;
    boost::optional<pt::ptree> testset_;
    std::string input_file_;
    std::string output_file_;
    double time_limit_ms_ = 0;
    double memory_bytes_ = 0;
    bool has_points_ = false;
    std::vector<PolygonTest> tests_;
    std::map<std::string, PolygonGroup> groups_;
    std::vector<std::string> group_order_;
    std::string checker_protocol_;
    std::vector<std::string> notes_;
};

}  // namespace

ImportReport import_polygon(const fs::path& package, const fs::path& out) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(out, ec))) {
        throw ImportError(out.string() + " already exists; choose a new folder for the package");
    }
    Staging staging(out);
    fs::path root;
    if (fs::is_directory(package)) {
        root = find_root(package);
    } else if (fs::is_regular_file(package)) {
        try {
            extract_zip(package, staging.path() / "polygon");
        } catch (const ZipError& e) {
            throw ImportError(e.what());
        }
        root = find_root(staging.path() / "polygon");
    } else {
        throw ImportError(package.string() + ": not a Polygon package (.zip) or the folder of one");
    }
    PolygonImport import(root, read_problem_xml(root / "problem.xml"), staging.path() / "package");
    ImportReport report;
    import.run(report);
    staging.commit({{"package", out}});
    report.packages.push_back(out);
    return report;
}

}  // namespace khue::judge
