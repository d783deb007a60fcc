// `khue worker --db URL [--workers N]` (docs/cli.md): judging workers only, on any machine that reaches the
// database. SIGTERM or SIGINT stops claiming; running judgements finish and are recorded, or, if their judger
// gives up, go back to the queue for another worker.
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <mutex>

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
    int max_crashes = 2;
    bool supervised = false;
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
    if (args.supervised) {
        // A child of `khue serve` (supervisor.hpp): it must not outlive its supervisor.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() == 1) {
            return 0;
        }
    }

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
    options.max_crashes = args.max_crashes;
    if (args.supervised) {
        // The supervisor reads these lines to know which job to give back if this process dies.
        static std::mutex report_mutex;
        options.on_claim = [](const store::Job& job) {
            std::lock_guard lock(report_mutex);
            std::printf("khue-job claim %lld %s %s\n", static_cast<long long>(job.lease.job_id),
                        job.lease.judgement_id.c_str(), job.lease.owner.c_str());
            std::fflush(stdout);
        };
        options.on_done = [](const store::Job& job) {
            std::lock_guard lock(report_mutex);
            std::printf("khue-job done %lld\n", static_cast<long long>(job.lease.job_id));
            std::fflush(stdout);
        };
    }
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
                    "Box id of the first slot; slot s uses ids FIRST+2s and FIRST+2s+1 (distinct per worker "
                    "on one host)")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--max-crashes", args->max_crashes,
                    "Worker deaths while judging a job before it is recorded as a judge error")
        ->check(CLI::PositiveNumber);
    sub->add_flag("--supervised", args->supervised,
                  "Run as a child of khue serve: report claimed jobs on stdout, end with the parent");
    return [args] { return run_worker(*args); };
});

}  // namespace
}  // namespace khue::cli
