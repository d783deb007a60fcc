// `khue results CONTEST_ID OUT.csv [--db URL] [--data DIR]` (docs/cli.md): the final standings of a contest
// as CSV (khue/api/results.hpp), read from the database a server uses; it may run while the server does. Exit
// 0 when written; 2 when the contest or the database is not there (nothing is written then).
#include "command.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/results.hpp"
#include "khue/store/store.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;

struct ResultsArgs {
    std::string contest;
    std::string out;
    std::string db;
    std::string data = ".khue-data";
};

int run_results(const ResultsArgs& args) {
    std::string url = args.db;
    if (url.empty()) {
        fs::path file = fs::path(args.data) / "khue.db";
        if (!fs::exists(file)) {
            std::fprintf(stderr, "khue results: no database %s; pass --db URL or --data DIR\n",
                         file.string().c_str());
            return 2;
        }
        url = "sqlite:" + file.string();
    }
    std::string csv;
    try {
        auto db = store::open_store(url, api::contest_api_encoder());
        if (!db->get_contest(args.contest)) {
            std::string known;
            for (const auto& c : db->list_contests()) {
                known += (known.empty() ? "" : ", ") + c.id;
            }
            std::fprintf(stderr, "khue results: no contest '%s' in %s (there: %s)\n", args.contest.c_str(),
                         url.c_str(), known.empty() ? "none" : known.c_str());
            return 2;
        }
        csv = api::results_csv(*db, args.contest);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "khue results: %s\n", e.what());
        return 2;
    }
    fs::path out(args.out);
    fs::path partial = out;
    partial += ".partial";
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file.write(csv.data(), static_cast<std::streamsize>(csv.size()));
        if (!file) {
            std::fprintf(stderr, "khue results: cannot write %s\n", partial.string().c_str());
            return 2;
        }
    }
    std::error_code ec;
    fs::rename(partial, out, ec);
    if (ec) {
        std::fprintf(stderr, "khue results: cannot write %s: %s\n", out.string().c_str(),
                     ec.message().c_str());
        fs::remove(partial, ec);
        return 2;
    }
    std::printf("%s\n", out.string().c_str());
    return 0;
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<ResultsArgs>();
    auto* sub = app.add_subcommand("results", "Write the final standings of a contest as CSV");
    sub->add_option("contest", args->contest, "Contest id")->required();
    sub->add_option("out", args->out, "The CSV file to write")->required();
    sub->add_option("--db", args->db,
                    "Database URL: sqlite:PATH or postgresql://... (default sqlite in --data)");
    sub->add_option("--data", args->data, "The server's data folder, for its SQLite database");
    return [args] { return run_results(*args); };
});

}  // namespace
}  // namespace khue::cli
