// Queue benchmark (contrib/bench/queue_bench.sh runs it).
//   queue_bench embedded DB COUNT SLOTS [PROBLEM_DIR]
//       enqueues COUNT submissions and judges them with an embedded store::WorkerPool: with the real pipeline
//       when PROBLEM_DIR is given (its accepted C++ solution is submitted), else a fake judger that returns
//       at once. Reports throughput and queue latency (enqueue -> judging start) p50/p99.
//   queue_bench claim DB COUNT WORKERS [BATCH]
//       claim-and-complete rate of COUNT jobs with WORKERS concurrent no-op claimers, each claiming BATCH
//       jobs at a time (claim_jobs) and completing them together (complete_jobs); BATCH 1 (the default) is
//       claim_job + complete_job.
//   queue_bench wake DB COUNT
//       cross-process wake-up latency: a child process (queue_bench wake-claimer) waits in claim_job(); this
//       one submits COUNT times, at random gaps, and reports submit -> claim (judgement start) p50/p99.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "khue/api/contest_api.hpp"
#include "khue/judge/zip.hpp"
#include "khue/store/store.hpp"
#include "khue/store/worker.hpp"

using namespace khue::judge;
namespace store = khue::store;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using steady = std::chrono::steady_clock;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

void seed(store::Store& s, const std::optional<fs::path>& problem_dir, int teams) {
    store::Contest c;
    c.id = "bench";
    c.name = "Bench";
    c.start_time = store::Clock::now();
    s.upsert_contest(c);
    fs::path zip = fs::temp_directory_path() / "khue-bench-package.zip";
    if (problem_dir) {
        zip_directory(*problem_dir, zip);
    } else {
        write_zip(zip, {{"problem.yaml", "name: Fake\n", false}});
    }
    store::Problem p;
    p.contest_id = "bench";
    p.id = "hello";
    p.label = "A";
    p.name = "Hello";
    p.package_hash = s.put_package(read_file(zip));
    fs::remove(zip);
    s.upsert_problem(p);
    for (int t = 0; t < teams; ++t) {
        store::Team team;
        team.contest_id = "bench";
        team.id = "t" + std::to_string(t);
        team.name = team.id;
        s.upsert_team(team);
    }
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

int embedded(store::Store& s, int count, int slots, const std::optional<fs::path>& problem_dir) {
    seed(s, problem_dir, 30);
    std::string source = problem_dir ? read_file(*problem_dir / "submissions/accepted/hello.cpp") : "fake";
    store::Judger judger =
        problem_dir ? store::make_pipeline_judger() : store::Judger([](const store::JudgeTask&) {
            store::JudgerOutcome out;
            out.result.verdict = Verdict::AC;
            return out;
        });
    store::WorkerOptions options;
    options.slots = slots;
    options.host = "bench";
    store::WorkerPool pool(s, judger, options);
    auto t0 = steady::now();
    pool.start();
    for (int i = 0; i < count; ++i) {
        store::NewSubmission n;
        n.contest_id = "bench";
        n.team_id = "t" + std::to_string(i % 30);
        n.problem_id = "hello";
        n.language_id = problem_dir ? "cpp" : "fake";
        n.files.push_back({problem_dir ? "hello.cpp" : "main.txt", source});
        s.add_submission(n);
    }
    auto enqueued = steady::now();
    while (pool.stats().judged + pool.stats().lost < static_cast<std::uint64_t>(count)) {
        std::this_thread::sleep_for(5ms);
        if (steady::now() - t0 > 600s) {
            std::fprintf(stderr, "queue_bench: gave up after 600 s\n");
            return 1;
        }
    }
    auto done = steady::now();
    pool.stop(false);
    std::vector<double> latency;
    std::map<std::string, int> verdicts;
    for (const auto& sub : s.list_submissions({.contest_id = "bench"})) {
        auto j = s.current_judgement("bench", sub.id);
        if (j) {
            latency.push_back(std::chrono::duration<double, std::milli>(j->start_time - sub.time).count());
            verdicts[j->verdict ? std::string(to_string(*j->verdict)) : "none"]++;
        }
    }
    double secs = std::chrono::duration<double>(done - t0).count();
    std::printf("judger: %s\n",
                problem_dir ? "real (khue pipeline, problems/hello accepted C++)" : "fake (no-op)");
    std::printf("backend: %s, slots: %d, submissions: %d\n", std::string(s.backend()).c_str(), slots, count);
    std::printf("enqueue: %.0f submissions/s (each durably committed)\n",
                count / std::chrono::duration<double>(enqueued - t0).count());
    std::printf("throughput: %.1f judged/s (%.2f s total)\n", count / secs, secs);
    std::printf("queue latency (enqueue -> judging start): p50 %.1f ms, p99 %.1f ms\n",
                percentile(latency, 0.5), percentile(latency, 0.99));
    for (auto& [v, n] : verdicts) {
        std::printf("verdict %s: %d\n", v.c_str(), n);
    }
    return 0;
}

// Submission i of the bench contest (seeded with 30 teams), from team i % 30.
void add_bench_submission(store::Store& s, int i) {
    store::NewSubmission n;
    n.contest_id = "bench";
    n.team_id = "t" + std::to_string(i % 30);
    n.problem_id = "hello";
    n.language_id = "fake";
    n.files.push_back({"main.txt", "x"});
    s.add_submission(n);
}

int claim_rate(store::Store& s, const std::string& url, int count, int workers, int batch) {
    seed(s, std::nullopt, 30);
    for (int i = 0; i < count; ++i) {
        add_bench_submission(s, i);
    }
    // Each claimer has its own Store (its own connections), as separate worker processes would.
    std::vector<std::unique_ptr<store::Store>> stores;
    for (int w = 0; w < workers; ++w) {
        stores.push_back(store::open_store(url, khue::api::contest_api_encoder()));
    }
    std::atomic<int> completed{0};
    auto t0 = steady::now();
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            store::JudgementResult r;
            r.verdict = Verdict::AC;
            if (batch <= 1) {
                while (auto job = stores[w]->claim_job({"bench/" + std::to_string(w), 30s, 0ms})) {
                    if (stores[w]->complete_job(job->lease, r) == store::CompleteStatus::Recorded) {
                        ++completed;
                    }
                }
                return;
            }
            // A host with BATCH idle slots: one claim for all of them, one completion for all of them.
            std::vector<std::string> owners;
            for (int k = 0; k < batch; ++k) {
                owners.push_back("bench" + std::to_string(w) + "/" + std::to_string(k));
            }
            for (;;) {
                auto jobs = stores[w]->claim_jobs(owners, 30s, 0ms);
                if (jobs.empty()) {
                    break;
                }
                std::vector<store::Completion> done;
                for (auto& job : jobs) {
                    done.push_back({job.lease, r});
                }
                for (auto status : stores[w]->complete_jobs(done)) {
                    completed += status == store::CompleteStatus::Recorded ? 1 : 0;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    double secs = std::chrono::duration<double>(steady::now() - t0).count();
    std::printf("backend: %s, workers: %d, batch: %d, jobs: %d completed: %d\n",
                std::string(s.backend()).c_str(), workers, batch, count, completed.load());
    std::printf("claim+complete: %.0f jobs/s (%.2f s)\n", completed / secs, secs);
    return completed == count ? 0 : 1;
}

// The child of `wake`: claims and completes COUNT jobs, each waiting up to 30 s.
int wake_claimer(store::Store& s, int count) {
    store::JudgementResult r;
    r.verdict = Verdict::AC;
    for (int i = 0; i < count; ++i) {
        auto job = s.claim_job({"waker/0", 30s, 30s});
        if (!job) {
            std::fprintf(stderr, "queue_bench: the claimer waited 30 s for job %d\n", i + 1);
            return 1;
        }
        s.complete_job(job->lease, r);
    }
    return 0;
}

int wake_latency(store::Store& s, const std::string& url, int count) {
    seed(s, std::nullopt, 30);
    pid_t child = ::fork();
    if (child == 0) {
        ::execl("/proc/self/exe", "queue_bench", "wake-claimer", url.c_str(), std::to_string(count).c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    std::this_thread::sleep_for(500ms);  // the child opens its store and starts waiting
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> gap(60, 400);
    for (int i = 0; i < count; ++i) {
        add_bench_submission(s, i);
        std::this_thread::sleep_for(std::chrono::milliseconds(gap(rng)));
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    std::vector<double> latency;
    for (const auto& sub : s.list_submissions({.contest_id = "bench"})) {
        if (auto j = s.current_judgement("bench", sub.id)) {
            latency.push_back(std::chrono::duration<double, std::milli>(j->start_time - sub.time).count());
        }
    }
    std::printf("backend: %s, submissions: %d, claimed by the other process: %zu\n",
                std::string(s.backend()).c_str(), count, latency.size());
    std::printf("submit -> claim in another process: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                percentile(latency, 0.5), percentile(latency, 0.99), percentile(latency, 1.0));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 && static_cast<int>(latency.size()) == count ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(
            stderr,
            "usage: queue_bench embedded DB COUNT SLOTS [PROBLEM_DIR] | claim DB COUNT WORKERS [BATCH] | "
            "wake DB COUNT\n");
        return 2;
    }
    try {
        std::string mode = argv[1];
        auto s = store::open_store(argv[2], khue::api::contest_api_encoder());
        if (mode == "wake") {
            return wake_latency(*s, argv[2], std::stoi(argv[3]));
        }
        if (mode == "wake-claimer") {
            return wake_claimer(*s, std::stoi(argv[3]));
        }
        if (argc < 5) {
            std::fprintf(stderr, "queue_bench: %s needs more arguments\n", mode.c_str());
            return 2;
        }
        if (mode == "embedded") {
            return embedded(*s, std::stoi(argv[3]), std::stoi(argv[4]),
                            argc > 5 ? std::optional<fs::path>(argv[5]) : std::nullopt);
        }
        if (mode == "claim") {
            return claim_rate(*s, argv[2], std::stoi(argv[3]), std::stoi(argv[4]),
                              argc > 5 ? std::stoi(argv[5]) : 1);
        }
        std::fprintf(stderr, "queue_bench: unknown mode %s\n", mode.c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "queue_bench: %s\n", e.what());
        return 1;
    }
}
