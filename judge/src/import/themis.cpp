// `khue import themis`: Themis task folders into 2025-09 file-I/O packages.
#include "khue/judge/import.hpp"

#include "import/staging.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace khue::judge {
namespace fs = std::filesystem;
using namespace import_detail;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

struct ThemisTest {
    std::string name;  // the test folder's name
    fs::path input;
    fs::path answer;
};

struct ThemisTask {
    std::string name;  // the task folder's name
    fs::path folder;
    std::vector<ThemisTest> tests;
};

std::vector<fs::directory_entry> entries(const fs::path& dir) {
    std::vector<fs::directory_entry> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        out.push_back(e);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return natural_less(a.path().filename().string(), b.path().filename().string());
    });
    return out;
}

std::vector<fs::path> subfolders(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : entries(dir)) {
        std::error_code ec;
        if (e.is_directory(ec) && !e.is_symlink(ec) && e.path().filename().string().front() != '.') {
            out.push_back(e.path());
        }
    }
    return out;
}

// Files of `dir` whose name is `wanted` in any letter case.
std::vector<fs::path> named(const fs::path& dir, const std::string& wanted) {
    std::vector<fs::path> out;
    for (const auto& e : entries(dir)) {
        if (lower(e.path().filename().string()) == lower(wanted)) {
            out.push_back(e.path());
        }
    }
    return out;
}

bool is_task_folder(const fs::path& dir) {
    const std::string task = dir.filename().string();
    for (const auto& test : subfolders(dir)) {
        if (!named(test, task + ".INP").empty() || !named(test, task + ".OUT").empty()) {
            return true;
        }
    }
    return false;
}

std::string listing(const fs::path& dir) {
    std::string out;
    int shown = 0;
    for (const auto& e : entries(dir)) {
        if (++shown > 6) {
            out += ", ...";
            break;
        }
        out += (out.empty() ? "" : ", ") + e.path().filename().string() + (e.is_directory() ? "/" : "");
    }
    return out.empty() ? "the folder is empty" : "found: " + out;
}

fs::path one_file(const fs::path& test, const std::string& where, const std::string& wanted,
                  const std::string& role) {
    const auto found = named(test, wanted);
    if (found.empty()) {
        throw ImportError(where + ": no " + wanted + " (" + role + "; " + listing(test) + ")");
    }
    if (found.size() > 1) {
        throw ImportError(where + ": several files named " + wanted + " in different letter case; keep one");
    }
    std::error_code ec;
    const auto status = fs::symlink_status(found.front(), ec);
    if (!fs::is_regular_file(status)) {
        throw ImportError(where + "/" + found.front().filename().string() + ": not a regular file" +
                          (fs::is_symlink(status) ? " (a symlink: copy the file itself)" : ""));
    }
    return found.front();
}

ThemisTask read_task(const fs::path& folder, const std::string& shown) {
    ThemisTask task{folder.filename().string(), folder, {}};
    if (task.name.empty() || !std::all_of(task.name.begin(), task.name.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '_' || c == '-';
        })) {
        throw ImportError(shown + ": the task folder's name '" + task.name +
                          "' must be letters, digits, '_' or '-' (it names the files TASK.INP and TASK.OUT)");
    }
    const std::string task_upper = upper(task.name);
    const auto tests = subfolders(folder);
    if (tests.empty()) {
        throw ImportError(shown + ": no test folders (each test is a subfolder holding " + task_upper +
                          ".INP and " + task_upper + ".OUT; " + listing(folder) + ")");
    }
    for (const auto& test : tests) {
        const std::string where = shown + "/" + test.filename().string();
        ThemisTest t;
        t.name = test.filename().string();
        t.input = one_file(test, where, task_upper + ".INP", "the test's input");
        t.answer = one_file(test, where, task_upper + ".OUT", "the test's answer");
        task.tests.push_back(std::move(t));
    }
    return task;
}

// The group folder of test number `index` (1-based) of `count`: zero-padded so that byte order, which Khue
// judges in, is the natural order of the Themis names.
std::string group_name(std::size_t index, std::size_t count, const std::string& test) {
    const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
    std::string number = std::to_string(index);
    number.insert(0, width - number.size(), '0');
    std::string clean;
    for (const unsigned char c : test) {
        clean += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(std::tolower(c)) : '_';
    }
    return number + "-" + clean;
}

std::vector<double> points_of(const ThemisTask& task, const ThemisImportOptions& options,
                              const std::string& shown) {
    const std::size_t n = task.tests.size();
    if (options.points.empty()) {
        return std::vector<double>(n, 1.0);
    }
    for (const double p : options.points) {
        if (!(p >= 0) || p > 1e9) {
            throw ImportError(options.points_origin + ": '" + format_number(p) +
                              "' is not a number of points (0 or more)");
        }
    }
    if (options.points.size() == 1) {
        return std::vector<double>(n, options.points.front());
    }
    if (options.points.size() != n) {
        throw ImportError(shown + ": " + std::to_string(options.points.size()) + " values given to " +
                          options.points_origin + " but " + std::to_string(n) +
                          " tests found; give one value for every test or a single value");
    }
    return options.points;
}

std::string problem_yaml(const ThemisTask& task, const std::vector<double>& points,
                         const ThemisImportOptions& options) {
    const std::string up = upper(task.name);
    double total = 0;
    for (const double p : points) {
        total += p;
    }
    const bool same = std::adjacent_find(points.begin(), points.end(), std::not_equal_to<>()) == points.end();
    std::string listed;
    for (const double p : points) {
        listed += (listed.empty() ? "" : ", ") + format_number(p);
    }
    std::ostringstream y;
    y << "# Imported by `khue import themis` from the Themis task folder " << task.name << " ("
      << task.tests.size() << " tests).\n"
      << "# A Themis folder carries no limits or points; these came from the import's options:\n"
      << "#   time limit " << format_number(options.time_limit.count()) << " s (--time-limit), memory "
      << options.memory_mib << " MiB (--memory),\n"
      << "#   points per test: "
      << (options.points.empty() ? "1 each (the default; no --points given)"
                                 : (same ? format_number(points.front()) + " each" : listed) + " (" +
                                       options.points_origin + ")")
      << ", " << format_number(total) << " in all.\n"
      << "problem_format_version: 2025-09\n"
      << "type: scoring\n"
      << "name: " << yaml_quote(task.name) << "\n"
      << "source: " << yaml_quote("Themis task folder " + task.name) << "\n"
      << "limits:\n"
      << "  time_limit: " << format_number(options.time_limit.count()) << "\n"
      << "  memory: " << options.memory_mib << "\n"
      << "khue:\n"
      << "  # The program reads " << up << ".INP and writes " << up << ".OUT in its working folder.\n"
      << "  file_io:\n"
      << "    input: " << up << ".INP\n"
      << "    output: " << up << ".OUT\n";
    if (options.checker) {
        y << "  # output_validator/ is a Themis checker (test and output folders on stdin, score on "
             "stdout).\n"
          << "  checker_protocol: themis\n";
    }
    return y.str();
}

void build_package(const ThemisTask& task, const std::vector<double>& points,
                   const ThemisImportOptions& options, const fs::path& dir) {
    write_text(dir / "problem.yaml", problem_yaml(task, points, options));
    double total = 0;
    for (const double p : points) {
        total += p;
    }
    write_text(
        dir / "data/secret/test_group.yaml",
        "# Every test is a group of its own, worth its Themis points.\nscore_aggregation: sum\nmax_score: " +
            format_number(total) + "\n");
    for (std::size_t i = 0; i < task.tests.size(); ++i) {
        const auto& test = task.tests[i];
        const auto group = dir / "data/secret" / group_name(i + 1, task.tests.size(), test.name);
        write_text(group / "test_group.yaml",
                   "# Themis test " + test.name +
                       "\nscore_aggregation: sum\nmax_score: " + format_number(points[i]) + "\n");
        copy_regular(test.input, group / "test.in", task.name + "/" + test.name);
        copy_regular(test.answer, group / "test.ans", task.name + "/" + test.name);
    }
    if (options.checker) {
        copy_regular(*options.checker, dir / "output_validator" / options.checker->filename(), "--checker");
    }
    for (const auto& solution : options.solutions) {
        copy_regular(solution, dir / "submissions/accepted" / solution.filename(), "--solution");
    }
}

}  // namespace

ImportReport import_themis(const fs::path& folder, const fs::path& out, const ThemisImportOptions& options) {
    if (!fs::is_directory(folder)) {
        throw ImportError(folder.string() + ": not a folder");
    }
    if (!(options.time_limit.count() > 0) || options.time_limit.count() > 3600) {
        throw ImportError("--time-limit: expected seconds between 0 and 3600");
    }
    if (options.memory_mib <= 0 || options.memory_mib > 65536) {
        throw ImportError("--memory: expected MiB between 1 and 65536");
    }
    const fs::path base = fs::absolute(folder).lexically_normal();
    const fs::path root = base.filename().empty() ? base.parent_path() : base;
    std::vector<ThemisTask> tasks;
    if (is_task_folder(root)) {
        tasks.push_back(read_task(root, root.filename().string()));
    } else {
        const auto subs = subfolders(root);
        for (const auto& sub : subs) {
            if (!is_task_folder(sub)) {
                throw ImportError(root.filename().string() + "/" + sub.filename().string() +
                                  ": not a Themis task folder (no test subfolder holds " +
                                  upper(sub.filename().string()) + ".INP or .OUT)");
            }
            tasks.push_back(read_task(sub, root.filename().string() + "/" + sub.filename().string()));
        }
        if (tasks.empty()) {
            throw ImportError(root.string() +
                              ": no Themis task found; expected TASK/TEST/TASK.INP and TASK.OUT (" +
                              listing(root) + ")");
        }
    }
    for (const auto& solution : options.solutions) {
        if (!fs::is_regular_file(solution)) {
            throw ImportError("--solution: " + solution.string() + " is not a file");
        }
    }
    if (options.checker && !fs::is_regular_file(*options.checker)) {
        throw ImportError("--checker: " + options.checker->string() + " is not a file");
    }

    Staging staging(out / "x");
    ImportReport report;
    std::vector<std::pair<std::string, fs::path>> moves;
    for (const auto& task : tasks) {
        const auto points = points_of(task, options, task.name);
        const std::string name = lower(task.name);
        if (std::any_of(moves.begin(), moves.end(), [&](const auto& m) { return m.first == name; })) {
            throw ImportError(task.folder.string() + ": two task folders named " + name +
                              " (letter case aside)");
        }
        build_package(task, points, options, staging.path() / name);
        moves.emplace_back(name, out / name);
        report.packages.push_back(out / name);
        report.notes.push_back(task.name + ": " + std::to_string(task.tests.size()) + " tests");
    }
    if (options.solutions.empty()) {
        report.notes.push_back(
            "no --solution given: the packages have no example submissions, so `khue verify` "
            "has nothing to judge");
    }
    staging.commit(moves);
    return report;
}

}  // namespace khue::judge
