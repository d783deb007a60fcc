// `khue import polygon`: a Polygon full package (problem.xml) into a 2025-09 package. polygon_xml.cpp reads
// problem.xml; this file writes the package from it.
#include "khue/judge/import.hpp"

#include "import/polygon_xml.hpp"
#include "import/staging.hpp"
#include "khue/judge/zip.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace khue::judge {
namespace fs = std::filesystem;
using namespace import_detail;

namespace {

class PolygonImport {
  public:
    PolygonImport(fs::path root, pt::ptree problem, fs::path out)
        : root_(std::move(root)), xml_(std::move(problem)), out_(std::move(out)) {}

    void run(ImportReport& report) {
        j_ = read_judging(root_, xml_);
        notes_ = j_.notes;
        write_data();
        write_checker();
        write_validators();
        write_solutions();
        write_statements();
        write_problem_yaml();
        report.notes.insert(report.notes.end(), notes_.begin(), notes_.end());
    }

  private:
    fs::path source(const std::string& relative, const std::string& where) const {
        return package_file(root_, relative, where);
    }

    void copy_test(const PolygonTest& t, const fs::path& dir, const std::string& name) {
        copy_regular(t.input, dir / (name + ".in"), "test " + std::to_string(t.index));
        copy_regular(t.answer, dir / (name + ".ans"), "test " + std::to_string(t.index));
    }

    void write_data() {
        const int width = std::max<int>(2, static_cast<int>(std::to_string(j_.tests.size()).size()));
        for (const auto& t : j_.tests) {
            if (t.sample) {
                copy_test(t, out_ / "data/sample", padded(t.index, width));
            }
        }
        if (!j_.has_points) {
            for (const auto& t : j_.tests) {
                if (!t.sample) {
                    copy_test(t, out_ / "data/secret", padded(t.index, width));
                }
            }
            if (!j_.groups.empty()) {
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
        std::vector<std::string> order = j_.group_order;
        // Tests outside any group are each a group of their own.
        for (const auto& t : j_.tests) {
            if (t.group.empty()) {
                const std::string name = "#" + std::to_string(t.index);
                j_.groups[name] = PolygonGroup{name, true, std::nullopt, {}, {t.index}};
                order.push_back(name);
            }
        }
        // First pass: names, so that dependencies can point at groups written later.
        for (const auto& name : order) {
            const auto& g = j_.groups[name];
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
            const auto& g = j_.groups[name];
            std::vector<std::string> require;
            for (const auto& dep : g.dependencies) {
                require.insert(require.end(), khue_groups[dep].begin(), khue_groups[dep].end());
            }
            double sum = 0;
            for (const int index : g.tests) {
                sum += j_.tests[static_cast<std::size_t>(index - 1)].points;
            }
            if (g.each_test) {
                for (std::size_t i = 0; i < g.tests.size(); ++i) {
                    const auto& t = j_.tests[static_cast<std::size_t>(g.tests[i] - 1)];
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
                    copy_test(j_.tests[static_cast<std::size_t>(index - 1)], dir, padded(index, width));
                }
                total += points;
            }
        }
        write_text(out_ / "data/secret/test_group.yaml",
                   "# The Polygon groups and their points.\nscore_aggregation: sum\nmax_score: " +
                       format_number(total) + "\n");
    }

    // The C++ source of <checker>, <interactor> or <validator> `node`, checked: given, C++, in the package.
    fs::path cpp_source(const pt::ptree& node, const std::string& tag, const std::string& shown) const {
        const std::string path = node.get<std::string>("source.<xmlattr>.path", "");
        const std::string language = node.get<std::string>("source.<xmlattr>.type", "");
        if (path.empty()) {
            throw ImportError(shown + ": no <source>");
        }
        const std::string where = element(tag) + " <source path=\"" + path + "\">";
        if (language.rfind("cpp.", 0) != 0) {
            throw ImportError(where + ": unknown " + tag + " language '" + language + "' (testlib " + tag +
                              "s are C++)");
        }
        const fs::path file = source(path, where);
        if (!fs::is_regular_file(file)) {
            throw ImportError(where + ": the " + tag + "'s source is missing");
        }
        return file;
    }

    // Copies the package's headers (its .h resources, testlib.h among them) into `dir`; `program` names the
    // program that needs testlib.h in the error when it is not there.
    void copy_headers(const fs::path& dir, const std::string& program) const {
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
                copy_regular(header, dir / header.filename(), res);
                testlib = testlib || header.filename() == "testlib.h";
            }
        }
        if (!testlib) {
            throw ImportError(program + ": the package has no files/testlib.h for it to include");
        }
    }

    // The checker, or for an interactive problem the interactor, becomes output_validator/ (testlib
    // protocol).
    void write_checker() {
        const auto assets = xml_.get_child_optional("assets");
        const auto checker = assets ? assets->get_child_optional("checker") : boost::none;
        if (const auto interactor = assets ? assets->get_child_optional("interactor") : boost::none) {
            write_interactor(*interactor, checker.has_value());
            return;
        }
        if (!checker) {
            notes_.push_back("no <checker>: the default validator compares tokens");
            return;
        }
        const std::string type = attr(*checker, "type");
        if (type != "testlib") {
            throw ImportError(element("checker", {{"type", type}}) +
                              ": unknown checker type (Khue runs testlib checkers)");
        }
        const fs::path file = cpp_source(*checker, "checker", element("checker", {{"type", type}}));
        copy_regular(file, out_ / "output_validator/check.cpp", element("checker"));
        copy_headers(out_ / "output_validator", element("checker"));
        checker_protocol_ = "testlib";
    }

    // Khue runs a testlib interactor itself: `interactor input output_log answer`, the verdict its exit code.
    void write_interactor(const pt::ptree& interactor, bool has_checker) {
        if (!j_.input_file.empty()) {
            throw ImportError(element("judging", {{"input-file", j_.input_file}}) +
                              ": an interactive problem talks over standard input and output; file "
                              "input/output is not supported with an <interactor>");
        }
        const fs::path file = cpp_source(interactor, "interactor", element("interactor"));
        copy_regular(file, out_ / "output_validator/interactor.cpp", element("interactor"));
        copy_headers(out_ / "output_validator", element("interactor"));
        checker_protocol_ = "testlib";
        interactive_ = true;
        if (has_checker) {
            notes_.push_back(
                "<checker> not imported: Khue judges an interactive problem by its interactor's verdict "
                "alone (a checker that judges the interactor's log is not run)");
        }
    }

    // Each testlib validator becomes input_validators/<name>/ with build and run scripts: testlib validators
    // exit 0 on a valid input and 3 on an invalid one, the package format wants 42 and 43.
    void write_validators() {
        const auto validators = xml_.get_child_optional("assets.validators");
        if (!validators) {
            return;
        }
        std::set<std::string> names;
        for (const auto& [tag, node] : *validators) {
            if (tag != "validator") {
                continue;
            }
            const std::string path = node.get<std::string>("source.<xmlattr>.path", "");
            const fs::path file = cpp_source(node, "validator", element("validator"));
            const std::string where = element("validator") + " <source path=\"" + path + "\">";
            const std::string name = clean_name(file.stem().string());
            if (!names.insert(name).second) {
                throw ImportError(where + ": two validators named " + name);
            }
            const fs::path dir = out_ / "input_validators" / name;
            const std::string cpp = name + ".cpp";
            copy_regular(file, dir / cpp, where);
            copy_headers(dir, where);
            write_script(dir / "build",
                         "#!/bin/sh\n# Written by `khue import polygon`: builds the Polygon "
                         "(testlib) validator " +
                             file.filename().string() + ".\nexec g++ -std=gnu++20 -O2 -o validator " + cpp +
                             "\n");
            write_script(
                dir / "run",
                "#!/bin/sh\n"
                "# Written by `khue import polygon`: a testlib validator exits 0 on a valid input and 3 "
                "on an\n# invalid one; the package format wants 42 and 43. A crash (a signal) stays "
                "what it is.\n"
                "./validator \"$@\"\n"
                "code=$?\n"
                "if [ \"$code\" -eq 0 ]; then exit 42; fi\n"
                "if [ \"$code\" -lt 128 ]; then exit 43; fi\n"
                "exit \"$code\"\n");
        }
        if (!names.empty()) {
            notes_.push_back(std::to_string(names.size()) +
                             " input validator(s) imported: `khue verify` runs them on every test");
        }
    }

    static void write_script(const fs::path& file, const std::string& text) {
        write_text(file, text);
        fs::permissions(file, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
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
          << "type: "
          << (interactive_ ? (j_.has_points ? "[scoring, interactive]" : "interactive")
                           : (j_.has_points ? "scoring" : "pass-fail"))
          << "\n";
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
          << "  time_limit: " << format_number(j_.time_limit_ms / 1000.0) << "\n"
          << "  memory: " << static_cast<long long>(std::ceil(j_.memory_bytes / (1024.0 * 1024.0))) << "\n";
        if (!checker_protocol_.empty() || !j_.input_file.empty()) {
            y << "khue:\n";
            if (!checker_protocol_.empty()) {
                y << "  checker_protocol: " << checker_protocol_ << "\n";
            }
            if (!j_.input_file.empty()) {
                y << "  file_io:\n    input: " << j_.input_file << "\n    output: " << j_.output_file << "\n";
            }
        }
        write_text(out_ / "problem.yaml", y.str());
    }

    fs::path root_;
    pt::ptree xml_;
    fs::path out_;
    PolygonJudging j_;
    std::string checker_protocol_;
    bool interactive_ = false;
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
