// `khue export CONTEST_ID OUT.zip [--db URL] [--data DIR]` (docs/cli.md): the contest as a CLICS contest
// package, results and event feed included, for the ICPC tools or another Khue. Reads the database `khue
// serve` uses (the same default), and may run while the server does. Exit 0 when written, 2 otherwise.
#include "command.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/export.hpp"
#include "khue/store/store.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;

struct ExportArgs {
    std::string contest;
    std::string out;
    std::string db;
    std::string data = ".khue-data";
};

int run_export(const ExportArgs& args) {
    std::string url = args.db.empty() ? "sqlite:" + (fs::path(args.data) / "khue.db").string() : args.db;
    if (url.starts_with("sqlite:") && !fs::is_regular_file(fs::path(url.substr(7)))) {
        std::fprintf(stderr, "khue export: no database at %s (give --db or --data as to khue serve)\n",
                     url.substr(7).c_str());
        return 2;
    }
    auto db = store::open_store(url, api::contest_api_encoder());
    auto report = api::export_contest(*db, args.contest, args.out);
    std::printf(
        "khue export: %s: %zu problems, %zu teams, %zu submissions, %zu judgements, %zu events -> %s\n",
        args.contest.c_str(), report.problems, report.teams, report.submissions, report.judgements,
        report.events, args.out.c_str());
    return 0;
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<ExportArgs>();
    auto* sub =
        app.add_subcommand("export", "Write a contest as a CLICS contest package (zip) with its results");
    sub->add_option("CONTEST_ID", args->contest, "The contest's id")->required();
    sub->add_option("OUT", args->out, "The zip to write")->required();
    sub->add_option("--db", args->db, "Database URL (default: sqlite in --data, as khue serve)");
    sub->add_option("--data", args->data, "khue serve's data folder (default .khue-data)");
    return [args] { return run_export(*args); };
});

}  // namespace
}  // namespace khue::cli
