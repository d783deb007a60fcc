// `khue serve [--contest DIR]... [--contests DIR] [--db URL] [--listen HOST:PORT] [--workers N] [--data DIR]`
// (docs/cli.md): the contest server with embedded judging workers. It serves every contest of the database,
// after importing each --contest folder and each contest folder inside --contests. With no contest folder it
// imports the demo contest in problems/ (into SQLite in ./.khue-data unless --db says otherwise).
// Judging runs in `khue worker --supervised` child processes it starts and restarts (supervisor.hpp). Every
// start imports the contest folder again (a no-op when nothing changed), so a restart loses nothing, and
// queued or interrupted judgements are picked up where they were.
#include "command.hpp"

#include "khue/api/contest.hpp"
#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/api/server.hpp"
#include "khue/judge/install_paths.hpp"
#include "khue/store/store.hpp"
#include "khue/store/supervisor.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>
#include <thread>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;
using namespace khue::judge;

struct ServeArgs {
    std::vector<std::string> contests;  // --contest, repeatable
    std::string contests_dir;           // --contests: a folder of contest folders
    std::string db;
    std::string listen = "127.0.0.1:8080";
    int workers = -1;
    std::string data = ".khue-data";
    std::string web;
    int threads = 0;
    std::size_t max_connections = 0;  // 0: automatic (api::ServerOptions)
    int max_crashes = 2;
};

// The demo contest of this installation: <prefix>/share/khue/problems, or problems/ of the source tree when
// run from the build folder.
fs::path demo_contest() {
    return data_path("problems");
}

bool parse_listen(const std::string& text, api::ServerOptions& options) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos) {
        return false;
    }
    options.host = text.substr(0, colon);
    if (options.host.size() >= 2 && options.host.front() == '[' && options.host.back() == ']') {
        options.host = options.host.substr(1, options.host.size() - 2);
    }
    try {
        std::size_t used = 0;
        int port = std::stoi(text.substr(colon + 1), &used);
        if (used != text.size() - colon - 1 || port < 0 || port > 65535) {
            return false;
        }
        options.port = static_cast<unsigned short>(port);
    } catch (const std::exception&) {
        return false;
    }
    return !options.host.empty();
}

// The contest folders inside `dir` (those holding a contest.yaml, .yml or .json), sorted by name.
std::optional<std::vector<fs::path>> contest_folders(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        std::fprintf(stderr, "khue serve: --contests %s: not a folder\n", dir.string().c_str());
        return std::nullopt;
    }
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        for (const char* name : {"contest.yaml", "contest.yml", "contest.json"}) {
            if (entry.is_directory() && fs::exists(entry.path() / name)) {
                out.push_back(entry.path());
                break;
            }
        }
    }
    if (ec) {
        std::fprintf(stderr, "khue serve: --contests %s: %s\n", dir.string().c_str(), ec.message().c_str());
        return std::nullopt;
    }
    std::sort(out.begin(), out.end());
    if (out.empty()) {
        std::fprintf(stderr,
                     "khue serve: --contests %s: no contest folder (one with a contest.yaml) inside\n",
                     dir.string().c_str());
        return std::nullopt;
    }
    return out;
}

int run_serve(const ServeArgs& args) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before any thread starts: only the wait below receives them

    std::vector<fs::path> dirs(args.contests.begin(), args.contests.end());
    if (!args.contests_dir.empty()) {
        auto found = contest_folders(args.contests_dir);
        if (!found) {
            return 2;
        }
        dirs.insert(dirs.end(), found->begin(), found->end());
    }

    fs::create_directories(args.data);
    std::string url = args.db.empty() ? "sqlite:" + (fs::path(args.data) / "khue.db").string() : args.db;
    std::unique_ptr<store::Store> db = store::open_store(url, khue::api::contest_api_encoder());
    bool demo = dirs.empty();
    if (demo) {
        dirs.push_back(demo_contest());
    }
    std::vector<api::ContestPackage> packages;
    for (const auto& dir : dirs) {
        packages.push_back(api::load_contest_package(dir));
        const auto& package = packages.back();
        auto report = api::import_contest(*db, package);
        spdlog::info("contest {}: {} problems, {} teams, {} accounts from {}", package.contest.id,
                     report.problems, report.teams, report.accounts, dir.string());
    }
    if (demo) {
        // The demo has no date: it starts when first served, so a fresh demo is live at once.
        auto contest = db->get_contest(packages.front().contest.id);
        if (contest && !contest->start_time) {
            contest->start_time = std::chrono::floor<std::chrono::seconds>(store::Clock::now());
            db->upsert_contest(*contest);
        }
    }

    api::ServerOptions options;
    if (!parse_listen(args.listen, options)) {
        std::fprintf(stderr, "khue serve: --listen %s: expected HOST:PORT, e.g. 127.0.0.1:8080\n",
                     args.listen.c_str());
        return 2;
    }
    // The first contest named is the one of URLs without a contest (the team page of a one-contest server).
    options.contest_id = packages.empty() ? std::string() : packages.front().contest.id;
    options.web_root = args.web.empty() ? api::default_web_root() : fs::path(args.web);
    options.threads =
        args.threads > 0 ? args.threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    options.max_connections = args.max_connections;
    api::Server server(*db, options);

    // Judging runs in supervised child processes (supervisor.hpp), never in this process: a submission that
    // crashes the judging code ends one child, which is restarted, not the API, scoreboard and event feed.
    std::unique_ptr<store::WorkerSupervisor> workers;
    int slots =
        args.workers < 0 ? static_cast<int>(std::max(1u, std::thread::hardware_concurrency())) : args.workers;
    if (slots > 0) {
        store::SupervisorOptions supervisor_options;
        supervisor_options.db_url = url;
        supervisor_options.cache_dir = fs::absolute(fs::path(args.data) / "cache");
        supervisor_options.children = slots;
        supervisor_options.max_crashes = args.max_crashes;
        workers = std::make_unique<store::WorkerSupervisor>(*db, supervisor_options);
    }
    server.add_metrics_source([&workers]() -> std::string {
        if (!workers) {
            return {};
        }
        auto s = workers->stats();
        return "# HELP khue_worker_process_starts_total Judging worker processes started by this server.\n"
               "# TYPE khue_worker_process_starts_total counter\n"
               "khue_worker_process_starts_total " +
               std::to_string(s.starts) +
               "\n"
               "# HELP khue_worker_process_deaths_total Judging worker processes that died unasked.\n"
               "# TYPE khue_worker_process_deaths_total counter\n"
               "khue_worker_process_deaths_total " +
               std::to_string(s.deaths) +
               "\n"
               "# TYPE khue_worker_jobs_abandoned_total counter\n"
               "khue_worker_jobs_abandoned_total " +
               std::to_string(s.abandoned) +
               "\n"
               "# TYPE khue_worker_slots gauge\nkhue_worker_slots " +
               std::to_string(workers->options().children) + "\n";
    });
    server.start();
    if (workers) {
        workers->start();
    }

    std::string host = options.host == "0.0.0.0" || options.host == "::" ? "127.0.0.1" : options.host;
    for (const auto& c : db->list_contests()) {
        std::printf("khue serve: contest '%s' at http://%s:%u/contests/%s/ (API /api/contests/%s)\n",
                    c.id.c_str(), host.c_str(), server.port(), c.id.c_str(), c.id.c_str());
    }
    std::printf("khue serve: all contests at http://%s:%u/ (team page /team, admin /admin)\n", host.c_str(),
                server.port());
    std::printf("khue serve: database %s, %d embedded worker slot(s)\n", url.c_str(), slots);
    if (demo) {
        std::printf("khue serve: demo credentials (from %s/accounts.yaml):\n", dirs.front().string().c_str());
        for (const auto& a : packages.front().accounts) {
            std::printf("  %-8s %-12s password %s\n", std::string(api::to_string(a.type)).c_str(),
                        a.username.c_str(), a.password.c_str());
        }
    }
    std::fflush(stdout);

    timespec wait{60, 0};
    while (sigtimedwait(&set, nullptr, &wait) <= 0) {
    }
    spdlog::info("khue serve: stopping; running judgements go back to the queue");
    if (workers) {
        workers->stop();
    }
    server.stop();
    std::printf("khue serve: stopped\n");
    return 0;
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<ServeArgs>();
    auto* sub = app.add_subcommand("serve", "Run the contest server with embedded judging workers");
    sub->add_option(
        "--contest", args->contests,
        "Contest package folder; repeat for more contests (default: the demo contest in problems/)");
    sub->add_option("--contests", args->contests_dir,
                    "A folder of contest package folders (each subfolder with a contest.yaml)");
    sub->add_option("--db", args->db,
                    "Database URL: sqlite:PATH or postgresql://... (default sqlite in --data)");
    sub->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0: any free port)");
    sub->add_option("--workers", args->workers, "Embedded judging slots (default: one per core; 0: none)");
    sub->add_option("--data", args->data, "Folder for the SQLite database and the package cache");
    sub->add_option(
        "--web", args->web,
        "Folder of the web pages (default: $KHUE_WEB_ROOT, else share/khue/web of the installation)");
    sub->add_option("--threads", args->threads, "HTTP threads (default: one per core, at least 2)");
    sub->add_option(
        "--max-connections", args->max_connections,
        "Open connections served at most, event-feed clients included (default: 20000 or what the "
        "open-file limit allows, less 256)");
    sub->add_option("--max-crashes", args->max_crashes,
                    "Worker deaths while judging one submission before it is judged JE (default 2)")
        ->check(CLI::PositiveNumber);
    return [args] { return run_serve(*args); };
});

}  // namespace
}  // namespace khue::cli
