// `khue import themis FOLDER OUT --time-limit SEC --memory MIB [--points P[,P...]] [--solution FILE]...
//  [--checker FILE]` and `khue import polygon PACKAGE OUT` (docs/cli.md): teachers' problems into 2025-09
// packages. Exit 0 when written; 2 for bad input (nothing is written then). `khue import accounts` is in
// import_accounts.cpp.
#include "command.hpp"
#include "import_accounts.hpp"

#include "khue/judge/import.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;
using namespace khue::judge;

struct ThemisArgs {
    std::string folder;
    std::string out;
    double time_limit = 0;
    int memory = 0;
    std::string points;
    std::vector<std::string> solutions;
    std::string checker;
};

struct PolygonArgs {
    std::string package;
    std::string out;
};

std::vector<double> parse_points(const std::string& text) {
    std::vector<double> out;
    if (text.empty()) {
        return out;
    }
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::size_t used = 0;
        double value = 0;
        try {
            value = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size()) {
            throw ImportError("--points: '" + item + "' is not a number (expected P or P1,P2,...)");
        }
        out.push_back(value);
    }
    return out;
}

int print_report(const char* kind, const ImportReport& report) {
    for (const auto& note : report.notes) {
        std::fprintf(stderr, "import %s: %s\n", kind, note.c_str());
    }
    for (const auto& package : report.packages) {
        std::printf("%s\n", package.c_str());
    }
    return 0;
}

int run_themis(const ThemisArgs& args) {
    try {
        ThemisImportOptions options;
        options.time_limit = Seconds{args.time_limit};
        options.memory_mib = args.memory;
        options.points = parse_points(args.points);
        for (const auto& s : args.solutions) {
            options.solutions.emplace_back(s);
        }
        if (!args.checker.empty()) {
            options.checker = args.checker;
        }
        return print_report("themis", import_themis(args.folder, args.out, options));
    } catch (const ImportError& e) {
        std::fprintf(stderr, "khue import themis: %s (nothing was written)\n", e.what());
        return 2;
    } catch (const fs::filesystem_error& e) {
        std::fprintf(stderr, "khue import themis: %s (nothing was written)\n", e.what());
        return 2;
    }
}

int run_polygon(const PolygonArgs& args) {
    try {
        return print_report("polygon", import_polygon(args.package, args.out));
    } catch (const ImportError& e) {
        std::fprintf(stderr, "khue import polygon: %s (nothing was written)\n", e.what());
        return 2;
    } catch (const fs::filesystem_error& e) {
        std::fprintf(stderr, "khue import polygon: %s (nothing was written)\n", e.what());
        return 2;
    }
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto themis = std::make_shared<ThemisArgs>();
    auto polygon = std::make_shared<PolygonArgs>();
    auto accounts = std::make_shared<ImportAccountsArgs>();
    auto* sub = app.add_subcommand(
        "import",
        "Convert a Themis task folder or a Polygon package into a package; import accounts in bulk");
    sub->require_subcommand(1);

    auto* t = sub->add_subcommand("themis",
                                  "Themis task folders (TASK/TEST/TASK.INP, TASK.OUT) to file-I/O packages");
    t->add_option("folder", themis->folder, "A task folder, or a folder of task folders")->required();
    t->add_option("out", themis->out, "Folder that receives one package per task")->required();
    t->add_option("--time-limit", themis->time_limit, "Time limit in seconds")->required();
    t->add_option("--memory", themis->memory, "Memory limit in MiB")->required();
    t->add_option("--points", themis->points,
                  "Points per test: P for every test, or P1,P2,... in test order");
    t->add_option("--solution", themis->solutions, "A correct solution, copied to submissions/accepted/");
    t->add_option("--checker", themis->checker,
                  "A Themis checker source (test folders on stdin, score on stdout)");

    auto* p =
        sub->add_subcommand("polygon", "A Polygon full package (.zip or its folder) to a 2025-09 package");
    p->add_option("package", polygon->package, "Polygon package .zip, or the folder it unpacks to")
        ->required();
    p->add_option("out", polygon->out, "The package folder to create")->required();

    auto* a = sub->add_subcommand(
        "accounts",
        "Schools, groups, teams and accounts from a CSV or DOMjudge's teams.tsv/accounts.tsv/...");
    a->add_option("files", accounts->files,
                  "CSV with a header, teams.tsv, accounts.tsv, groups.tsv or organizations.json")
        ->required();
    a->add_option("--contest", accounts->contest, "The contest the teams belong to")->required();
    a->add_option("--db", accounts->db, "Database URL (default: sqlite in --data, as `khue serve`)");
    a->add_option("--data", accounts->data, "Folder of the SQLite database (default .khue-data)");
    a->add_option("--credentials", accounts->credentials,
                  "Write the passwords set by this import to this CSV (for the organiser; keep it safe)");
    a->add_flag("--regenerate-passwords", accounts->regenerate,
                "New passwords for the imported team accounts that the file gives none");

    return [themis, polygon, accounts, t, p, a]() -> int {
        if (a->parsed()) {
            return run_import_accounts(*accounts);
        }
        if (t->parsed()) {
            return run_themis(*themis);
        }
        if (p->parsed()) {
            return run_polygon(*polygon);
        }
        return 2;
    };
});

}  // namespace
}  // namespace khue::cli
