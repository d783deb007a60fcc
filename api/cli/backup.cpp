// `khue backup [--db URL] [--data DIR] OUT` and `khue restore [--db URL] [--data DIR] BACKUP --force`
// (docs/cli.md, docs/deployment.md): a consistent copy of the database while the server runs (SQLite's online
// backup, or pg_dump), recorded in the database so that the console shows its age; and putting one back, with
// the server stopped. Exit 0 on success, 2 otherwise.
#include "command.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/store/store.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;

struct BackupArgs {
    std::string db;
    std::string data = ".khue-data";
    std::string path;
    bool force = false;
};

std::string url_of(const BackupArgs& args) {
    return args.db.empty() ? "sqlite:" + (fs::path(args.data) / "khue.db").string() : args.db;
}

int run_backup(const BackupArgs& args) {
    std::string url = url_of(args);
    auto bytes = store::backup_database(url, args.path);
    // Recorded after the copy: the console shows when the last complete backup was taken.
    auto db = store::open_store(url, api::contest_api_encoder());
    db->record_backup({store::Clock::now(), fs::absolute(args.path).string(), bytes});
    std::printf("khue backup: %s -> %s (%lld bytes)\n", url.c_str(), args.path.c_str(),
                static_cast<long long>(bytes));
    return 0;
}

int run_restore(const BackupArgs& args) {
    std::string url = url_of(args);
    if (!args.force) {
        std::fprintf(stderr,
                     "khue restore: this replaces everything in %s with %s. Stop khue serve and every khue "
                     "worker first, then run again with --force.\n",
                     url.c_str(), args.path.c_str());
        return 2;
    }
    store::restore_database(args.path, url);
    // Opening it checks that the copy is a database this khue can use (and migrates an older one).
    auto db = store::open_store(url, api::contest_api_encoder());
    std::printf("khue restore: %s -> %s (schema version %d); start khue serve again\n", args.path.c_str(),
                url.c_str(), db->schema_version());
    return 0;
}

const bool backup_registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<BackupArgs>();
    auto* sub = app.add_subcommand("backup", "Copy the database consistently while the server runs");
    sub->add_option("OUT", args->path, "The file to write (SQLite database, or pg_dump custom format)")
        ->required();
    sub->add_option("--db", args->db, "Database URL (default: sqlite in --data, as khue serve)");
    sub->add_option("--data", args->data, "khue serve's data folder (default .khue-data)");
    return [args] { return run_backup(*args); };
});

const bool restore_registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<BackupArgs>();
    auto* sub = app.add_subcommand("restore", "Put a backup back into the database (the server stopped)");
    sub->add_option("BACKUP", args->path, "A file written by khue backup")->required();
    sub->add_option("--db", args->db, "Database URL (default: sqlite in --data, as khue serve)");
    sub->add_option("--data", args->data, "khue serve's data folder (default .khue-data)");
    sub->add_flag("--force", args->force, "Replace what the database holds now");
    return [args] { return run_restore(*args); };
});

}  // namespace
}  // namespace khue::cli
