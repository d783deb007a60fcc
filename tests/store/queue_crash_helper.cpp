// Test helper for the crash tests: a real process that seeds a database, submits, or runs a worker pool with
// a fake judger, so that tests can kill -9 it at random moments.
//   queue_crash_helper seed   DB
//   queue_crash_helper submit DB COUNT           prints "ACK <id>" (flushed) after each acknowledged
//   submission
//   queue_crash_helper worker DB HOST SLOTS JUDGE_MS LEASE_MS [LOCK_DIR]
//   queue_crash_helper claim DB WAIT_MS          prints "WAITING", claims one job waiting up to WAIT_MS,
//   prints
//                                                "CLAIMED <submission>" or "NONE"
//   queue_crash_helper wait-event DB WAIT_MS     prints "WAITING <token>", waits up to WAIT_MS for a later
//                                                event, prints "EVENT" or "NONE"
// The fake judger sleeps JUDGE_MS and returns the verdict written in the source ("verdict:WA"). With LOCK_DIR
// it holds an O_EXCL lock file per submission while judging and reports a second concurrent judging of the
// same submission in LOCK_DIR/violations.
#include <fcntl.h>
#include <unistd.h>
#include <csignal>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "khue/api/contest_api.hpp"
#include "khue/judge/zip.hpp"
#include "khue/store/store.hpp"
#include "khue/store/worker.hpp"

using namespace khue::judge;
namespace store = khue::store;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) {
    g_stop = true;
}

int seed(store::Store& s) {
    store::Contest c;
    c.id = "crash";
    c.name = "Crash test";
    c.start_time = store::Clock::now();
    s.upsert_contest(c);
    fs::path zip = fs::temp_directory_path() / ("khue-crash-pkg-" + std::to_string(::getpid()) + ".zip");
    write_zip(zip, {{"problem.yaml", "name: Echo\n", false},
                    {"data/secret/1.in", "1\n", false},
                    {"data/secret/1.ans", "1\n", false}});
    std::ifstream in(zip, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    fs::remove(zip);
    store::Problem p;
    p.contest_id = "crash";
    p.id = "echo";
    p.label = "A";
    p.name = "Echo";
    p.package_hash = s.put_package(bytes);
    s.upsert_problem(p);
    for (int t = 1; t <= 5; ++t) {
        store::Team team;
        team.contest_id = "crash";
        team.id = "t" + std::to_string(t);
        team.name = team.id;
        s.upsert_team(team);
    }
    return 0;
}

int submit(store::Store& s, int count) {
    const char* verdicts[] = {"AC", "WA", "TLE", "RTE"};
    for (int i = 0; i < count; ++i) {
        store::NewSubmission n;
        n.contest_id = "crash";
        n.team_id = "t" + std::to_string(1 + i % 5);
        n.problem_id = "echo";
        n.language_id = "python3";
        n.files.push_back({"main.py", std::string("verdict:") + verdicts[i % 4]});
        auto sub = s.add_submission(n);
        std::printf("ACK %s\n", sub.id.c_str());
        std::fflush(stdout);
    }
    return 0;
}

int work(store::Store& s, const std::string& host, int slots, int judge_ms, int lease_ms,
         const std::string& lock_dir) {
    store::Judger fake = [judge_ms, lock_dir](const store::JudgeTask& task) -> store::JudgerOutcome {
        std::ifstream in(task.sources.at(0));
        std::string source((std::istreambuf_iterator<char>(in)), {});
        auto verdict = verdict_from_string(source.substr(source.find(':') + 1));
        if (!fs::exists(task.package_dir / "problem.yaml")) {
            return {store::JudgerOutcome::Kind::InternalError, {}, "package not extracted"};
        }
        fs::path lock;
        if (!lock_dir.empty()) {
            lock = fs::path(lock_dir) / ("sub-" + task.job.submission_id);
            int fd = ::open(lock.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
            if (fd < 0) {
                std::ofstream(fs::path(lock_dir) / "violations", std::ios::app)
                    << "submission " << task.job.submission_id << " judged twice at once\n";
                lock.clear();
            } else {
                ::close(fd);
            }
        }
        auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(judge_ms);
        while (std::chrono::steady_clock::now() < until) {
            if (task.stop.stop_requested()) {
                if (!lock.empty()) {
                    fs::remove(lock);
                }
                return {store::JudgerOutcome::Kind::Aborted, {}, "stopping"};
            }
            std::this_thread::sleep_for(5ms);
        }
        store::JudgerOutcome out;
        out.result.verdict = verdict.value_or(Verdict::JE);
        out.result.runs.push_back(
            {"secret/1", "secret", out.result.verdict, Seconds(0.01), Seconds(0.02), kib(512), ""});
        if (!lock.empty()) {
            fs::remove(lock);
        }
        return out;
    };
    store::WorkerOptions options;
    options.host = host;
    options.slots = slots;
    options.lease = std::chrono::milliseconds(lease_ms);
    options.claim_wait = 1s;
    options.heartbeat = 500ms;
    options.cache_dir = fs::temp_directory_path() / "khue-crash-cache";
    // Workers are killed at random here, possibly twice on one job: every job must still get its real
    // verdict. (The bound on deaths per job, default 2, has tests of its own: ServeCrash, WorkerTest.)
    options.max_crashes = 1000;
    store::WorkerPool pool(s, fake, options);
    pool.start();
    std::printf("READY\n");
    std::fflush(stdout);
    while (!g_stop) {
        std::this_thread::sleep_for(20ms);
    }
    pool.stop(true);
    auto st = pool.stats();
    std::printf("STOPPED judged=%llu lost=%llu released=%llu\n", static_cast<unsigned long long>(st.judged),
                static_cast<unsigned long long>(st.lost), static_cast<unsigned long long>(st.released));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    if (argc < 3) {
        std::fprintf(stderr, "usage: queue_crash_helper seed|submit|worker DB ...\n");
        return 2;
    }
    try {
        std::string mode = argv[1];
        auto s = store::open_store(argv[2], khue::api::contest_api_encoder());
        if (mode == "seed") {
            return seed(*s);
        }
        if (mode == "submit" && argc == 4) {
            return submit(*s, std::stoi(argv[3]));
        }
        if (mode == "claim" && argc == 4) {
            std::printf("WAITING\n");
            std::fflush(stdout);
            auto job = s->claim_job({"helper/0", 30s, std::chrono::milliseconds(std::stoi(argv[3]))});
            std::printf("%s\n", job ? ("CLAIMED " + job->submission_id).c_str() : "NONE");
            return 0;
        }
        if (mode == "wait-event" && argc == 4) {
            auto token = s->latest_token();
            std::printf("WAITING %lld\n", static_cast<long long>(token));
            std::fflush(stdout);
            bool got = s->wait_for_event(token, std::chrono::milliseconds(std::stoi(argv[3])));
            std::printf("%s\n", got ? "EVENT" : "NONE");
            return 0;
        }
        if (mode == "worker" && argc >= 7) {
            return work(*s, argv[3], std::stoi(argv[4]), std::stoi(argv[5]), std::stoi(argv[6]),
                        argc > 7 ? argv[7] : "");
        }
        std::fprintf(stderr, "queue_crash_helper: bad arguments\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "queue_crash_helper: %s\n", e.what());
        return 1;
    }
}
