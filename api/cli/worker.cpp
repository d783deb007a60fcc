// `khue worker --db URL [--workers N]` (DESIGN.md): judging workers only, on any machine that reaches the
// database. SIGTERM or SIGINT stops claiming; running judgements finish and are recorded, or, if their judger
// gives up, go back to the queue for another worker.
#include <spdlog/spdlog.h>
#include <csignal>
#include <cstdio>
#include <ctime>

#include "command.hpp"
#include "khue/api/contest_api.hpp"
#include "khue/store/store.hpp"
#include "khue/store/worker.hpp"

namespace khue::cli {
namespace {

using namespace khue::judge;

struct WorkerArgs {
    std::string db;
    int workers = 0;
    std::string host;
    double lease_seconds = 30;
    std::string cache;
    int first_box = 0;
};

// Waits up to `timeout` for SIGTERM/SIGINT (blocked in every thread, so only this wait receives them).
bool stop_signal_within(const sigset_t& set, std::chrono::milliseconds timeout) {
    timespec ts{static_cast<time_t>(timeout.count() / 1000),
                static_cast<long>(timeout.count() % 1000) * 1'000'000};
    return sigtimedwait(&set, nullptr, &ts) > 0;
}

int run_worker(const WorkerArgs& args) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before any thread starts: they all inherit the mask

    // The database may not be up yet (or may be restarting): keep trying until it is, or until told to stop.
    std::unique_ptr<store::Store> db;
    auto backoff = std::chrono::milliseconds(200);
    while (!db) {
        try {
            db = store::open_store(args.db, khue::api::contest_api_encoder());
        } catch (const store::StoreUnavailable& e) {
            spdlog::warn("khue worker: {} (retrying in {} ms)", e.what(), backoff.count());
            if (stop_signal_within(set, backoff)) {
                return 0;
            }
            backoff = std::min(backoff * 2, std::chrono::milliseconds(10'000));
        }
    }
    store::WorkerOptions options;
    options.host = args.host;
    options.slots = args.workers;
    options.lease = std::chrono::milliseconds(static_cast<long>(args.lease_seconds * 1000));
    options.cache_dir = args.cache;
    options.first_box_id = args.first_box;
    store::WorkerPool pool(*db, store::make_pipeline_judger(), options);
    pool.start();
    std::printf("khue worker: %s judging with %d slots on %s\n", pool.options().host.c_str(),
                pool.options().slots, std::string(db->backend()).c_str());
    std::fflush(stdout);
    while (!stop_signal_within(set, std::chrono::seconds(60))) {
    }
    spdlog::info("khue worker: stopping; running judgements finish or go back to the queue");
    pool.stop(true);
    auto st = pool.stats();
    std::printf("khue worker: stopped (judged %llu, released %llu, lost %llu)\n",
                static_cast<unsigned long long>(st.judged), static_cast<unsigned long long>(st.released),
                static_cast<unsigned long long>(st.lost));
    return 0;
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<WorkerArgs>();
    auto* sub = app.add_subcommand("worker", "Run judging workers against a contest database");
    sub->add_option("--db", args->db, "Database URL: sqlite:PATH or postgresql://...")->required();
    sub->add_option("--workers", args->workers, "Judging slots (default: number of cores)")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--host", args->host, "Name reported for this host (default: host name)");
    sub->add_option("--lease", args->lease_seconds, "Seconds a claimed job stays ours without renewal")
        ->check(CLI::Range(1.0, 3600.0));
    sub->add_option("--cache", args->cache, "Folder for problem packages by hash");
    sub->add_option("--first-box", args->first_box,
                    "Box id of the first slot (distinct per worker on one host)")
        ->check(CLI::NonNegativeNumber);
    return [args] { return run_worker(*args); };
});

}  // namespace
}  // namespace khue::cli
