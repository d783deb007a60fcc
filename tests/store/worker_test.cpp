// The worker pool with fake judgers (the seam tests use), against both backends.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "khue/judge/cache.hpp"

#include "khue/store/worker.hpp"
#include "khue/test/store_fixture.hpp"

using namespace khue::judge;
using namespace khue::store;
using namespace khue::store::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

template <class Backend>
class WorkerTest : public SeededStore<Backend> {
  protected:
    using SeededStore<Backend>::db_;
    using SeededStore<Backend>::store_;
    void SetUp() override {
        SeededStore<Backend>::SetUp();
        if (!store_) {
            return;
        }
        cache_ = tmp_ / "cache";
    }
    WorkerOptions options(int slots) {
        WorkerOptions o;
        o.host = "test";
        o.slots = slots;
        o.lease = 2s;
        o.claim_wait = 1s;
        o.heartbeat = 100ms;
        o.cache_dir = cache_;
        return o;
    }
    // Waits until every submission has a finished current judgement.
    bool all_judged(std::chrono::milliseconds timeout = 20s) {
        auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            auto subs = store_->list_submissions({.contest_id = "c1"});
            auto done = store_->list_judgements({.contest_id = "c1", .current_only = true});
            auto finished =
                std::count_if(done.begin(), done.end(), [](const Judgement& j) { return j.verdict; });
            if (static_cast<std::size_t>(finished) == subs.size()) {
                return true;
            }
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
    khue::test::TempDir tmp_{"khue-worker-cache"};
    fs::path cache_;
};

TYPED_TEST_SUITE(WorkerTest, Backends, BackendNames);

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Verdict named by the source text: "WA" -> WA.
JudgerOutcome verdict_from_source(const JudgeTask& t) {
    JudgerOutcome out;
    out.result.verdict = verdict_from_string(read(t.sources.at(0))).value_or(Verdict::JE);
    out.result.runs.push_back(
        {"secret/1", "secret", out.result.verdict, Seconds(0.01), Seconds(0.01), kib(1), ""});
    return out;
}

}  // namespace

TYPED_TEST(WorkerTest, PoolJudgesEverySubmissionWithTheExtractedPackage) {
    std::vector<std::string> verdicts = {"AC", "WA", "TLE", "AC", "RTE", "AC", "WA", "AC"};
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        this->store_->add_submission(submission("t" + std::to_string(1 + i % 4), verdicts[i]));
    }
    std::atomic<bool> saw_package{true};
    WorkerPool pool(
        *this->store_,
        [&](const JudgeTask& t) {
            if (!fs::exists(t.package_dir / "problem.yaml") ||
                t.box_id != 2 * t.slot) {  // ids in pairs: submission, helpers
                saw_package = false;
            }
            return verdict_from_source(t);
        },
        this->options(3));
    pool.start();
    ASSERT_TRUE(this->all_judged());
    pool.stop(false);
    EXPECT_TRUE(saw_package);
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        auto j = this->store_->current_judgement("c1", std::to_string(i + 1));
        ASSERT_TRUE(j && j->verdict);
        EXPECT_EQ(to_string(*j->verdict), verdicts[i]);
    }
    EXPECT_EQ(pool.stats().judged, verdicts.size());
    auto hosts = this->store_->list_hosts();
    ASSERT_EQ(hosts.size(), 1u);
    EXPECT_EQ(hosts[0].slots, 3);
}

TYPED_TEST(WorkerTest, InternalErrorsAreRetriedThenRecordedAsJudgeError) {
    auto s = this->store_->add_submission(submission("t1", "AC"));
    std::atomic<int> calls{0};
    auto o = this->options(1);
    o.max_attempts = 3;
    WorkerPool pool(
        *this->store_,
        [&](const JudgeTask&) {
            ++calls;
            return JudgerOutcome{JudgerOutcome::Kind::InternalError, {}, "sandbox broke"};
        },
        o);
    pool.start();
    ASSERT_TRUE(this->all_judged());
    pool.stop(false);
    EXPECT_EQ(calls, 3);
    auto j = this->store_->current_judgement("c1", s.id);
    EXPECT_EQ(j->verdict, Verdict::JE);
    EXPECT_EQ(this->store_->list_judgements({.contest_id = "c1", .current_only = false}).size(), 1u)
        << "abandoned attempts are not valid judgements";
}

TYPED_TEST(WorkerTest, StoppingRequeuesTheRunningJobForTheNextWorker) {
    auto s = this->store_->add_submission(submission("t1", "WA"));
    std::atomic<bool> started{false};
    {
        WorkerPool pool(
            *this->store_,
            [&](const JudgeTask& t) {
                started = true;
                while (!t.stop.stop_requested()) {
                    std::this_thread::sleep_for(5ms);
                }
                return JudgerOutcome{JudgerOutcome::Kind::Aborted, {}, "stopping"};
            },
            this->options(1));
        pool.start();
        while (!started) {
            std::this_thread::sleep_for(5ms);
        }
        // The judger only returns once its stop token fires: stop() returning proves the token reached it.
        pool.stop(true);
        EXPECT_EQ(pool.stats().released, 1u);
    }
    EXPECT_EQ(this->store_->queue_stats().queued, 1u);
    EXPECT_FALSE(this->store_->current_judgement("c1", s.id));
    WorkerPool next(*this->store_, verdict_from_source, this->options(1));
    next.start();
    ASSERT_TRUE(this->all_judged());
    next.stop(false);
    EXPECT_EQ(this->store_->current_judgement("c1", s.id)->verdict, Verdict::WA);
}

TYPED_TEST(WorkerTest, ResultOfALostLeaseIsDiscarded) {
    auto s = this->store_->add_submission(submission("t1", "WA"));
    {
        WorkerPool first(*this->store_, verdict_from_source, this->options(1));
        first.start();
        ASSERT_TRUE(this->all_judged());
        first.stop(false);
    }
    // A rejudging cancelled while its job is being judged: the job is no longer this worker's to finish.
    auto rj = this->store_->create_rejudging({.contest_id = "c1", .submission_id = s.id}, "");
    auto o = this->options(1);
    o.lease = 300ms;
    std::atomic<bool> judging{false};
    std::atomic<bool> noticed{false};
    WorkerPool pool(
        *this->store_,
        [&](const JudgeTask& t) {
            judging = true;
            auto until = std::chrono::steady_clock::now() + 3s;
            while (!t.stop.stop_requested() && std::chrono::steady_clock::now() < until) {
                std::this_thread::sleep_for(5ms);
            }
            noticed = t.stop.stop_requested();
            JudgerOutcome out;
            out.result.verdict = Verdict::AC;
            return out;  // a result anyway, as a judger that ignores its stop token would
        },
        o);
    pool.start();
    while (!judging) {
        std::this_thread::sleep_for(5ms);
    }
    this->store_->cancel_rejudging(rj.id);
    auto until = std::chrono::steady_clock::now() + 3s;
    while (pool.stats().lost == 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(10ms);
    }
    pool.stop(false);
    EXPECT_TRUE(noticed) << "the renewer tells the slot that its lease is gone";
    EXPECT_EQ(pool.stats().lost, 1u);
    EXPECT_EQ(pool.stats().judged, 0u);
    EXPECT_EQ(this->store_->current_judgement("c1", s.id)->verdict, Verdict::WA);
}

namespace {
// A pid that belonged to a process that has ended (and been reaped).
pid_t dead_pid() {
    pid_t pid = ::fork();
    if (pid == 0) {
        ::_exit(0);
    }
    ::waitpid(pid, nullptr, 0);
    return pid;
}
}  // namespace

TYPED_TEST(WorkerTest, StartingPoolRemovesJobFoldersOfDeadWorkers) {
    // A worker killed with SIGKILL leaves its job folder on tmpfs; the next pool on the host removes it, and
    // leaves alone the folders of workers that still run.
    fs::path dead = scratch_root() / ("khue-job-test-" + std::to_string(dead_pid()) + "-0");
    fs::path alive = scratch_root() / ("khue-job-test-" + std::to_string(::getpid()) + "-0");
    fs::create_directories(dead / "src");
    fs::create_directories(alive / "src");
    std::ofstream(dead / "src" / "a.c") << "int main(){}\n";
    {
        WorkerPool pool(
            *this->store_, [](const JudgeTask&) { return JudgerOutcome{}; }, this->options(1));
        pool.start();
        pool.stop(true);
    }
    EXPECT_FALSE(fs::exists(dead));
    EXPECT_TRUE(fs::exists(alive));
    fs::remove_all(alive);
}

// A job whose workers died while judging it (abandon_job from the supervisor, or a lease that expired) is
// judged again until the bound; after max_crashes deaths the next claimer records JE with the reason instead
// of judging it (and dying) again.
TYPED_TEST(WorkerTest, AJobWhoseWorkersKeepDyingEndsAsJudgeErrorWithTheReason) {
    this->store_->add_submission(submission("t1", "AC"));
    ClaimOptions claim{"dead/0", 2s, 0s};
    auto first = this->store_->claim_job(claim);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->crashes, 0);
    ASSERT_TRUE(this->store_->abandon_job(first->lease, "signal 11 (Segmentation fault)"));
    EXPECT_FALSE(this->store_->abandon_job(first->lease, "again")) << "a lease is given back once";
    auto second = this->store_->claim_job(claim);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->crashes, 1);
    EXPECT_EQ(second->crash_reason, "signal 11 (Segmentation fault)");
    ASSERT_TRUE(this->store_->abandon_job(second->lease, "signal 11 (Segmentation fault)"));

    std::atomic<int> judged{0};
    WorkerPool pool(
        *this->store_,
        [&](const JudgeTask& t) {
            ++judged;
            return verdict_from_source(t);
        },
        this->options(1));
    pool.start();
    ASSERT_TRUE(this->all_judged());
    pool.stop(true);
    EXPECT_EQ(judged, 0) << "the job was not judged a third time";
    auto current = this->store_->list_judgements({.contest_id = "c1", .current_only = true});
    ASSERT_EQ(current.size(), 1u);
    EXPECT_EQ(current[0].verdict, Verdict::JE);
    EXPECT_NE(current[0].compile_output.find("worker died twice while judging: signal 11"), std::string::npos)
        << current[0].compile_output;
    auto all = this->store_->list_judgements({.contest_id = "c1", .include_invalid = true});
    EXPECT_EQ(all.size(), 3u);
}

TYPED_TEST(WorkerTest, OneWorkerDeathIsRetriedAndJudgedNormally) {
    this->store_->add_submission(submission("t1", "WA"));
    auto first = this->store_->claim_job({"dead/0", 2s, 0s});
    ASSERT_TRUE(first);
    ASSERT_TRUE(this->store_->abandon_job(first->lease, "signal 9 (Killed)"));
    WorkerPool pool(*this->store_, verdict_from_source, this->options(1));
    pool.start();
    ASSERT_TRUE(this->all_judged());
    pool.stop(true);
    auto current = this->store_->list_judgements({.contest_id = "c1", .current_only = true});
    ASSERT_EQ(current.size(), 1u);
    EXPECT_EQ(current[0].verdict, Verdict::WA);
}
