// Crash tests with real processes (queue_crash_helper): workers killed with SIGKILL at random moments,
// several worker processes on one PostgreSQL database, and a submitter killed right after acknowledging.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "khue/test/store_fixture.hpp"

using namespace khue::judge;
using namespace khue::store;
using namespace khue::store::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A child process running the helper, with its stdout readable line by line.
class Helper {
  public:
    explicit Helper(std::vector<std::string> args) {
        args.insert(args.begin(), KHUE_QUEUE_CRASH_HELPER);
        int fds[2];
        if (::pipe(fds) != 0) {
            throw std::runtime_error("pipe failed");
        }
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(fds[1], 1);
            ::close(fds[0]);
            ::close(fds[1]);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        out_ = ::fdopen(fds[0], "r");
    }
    ~Helper() {
        if (pid_ > 0) {
            kill(SIGKILL);
        }
        if (out_) {
            std::fclose(out_);
        }
    }
    Helper(const Helper&) = delete;
    Helper& operator=(const Helper&) = delete;

    std::optional<std::string> line() {
        char buf[512];
        if (!std::fgets(buf, sizeof buf, out_)) {
            return std::nullopt;
        }
        std::string s(buf);
        if (!s.empty() && s.back() == '\n') {
            s.pop_back();
        }
        return s;
    }
    void wait_for(const std::string& prefix) {
        while (auto l = line()) {
            if (l->starts_with(prefix)) {
                return;
            }
        }
        throw std::runtime_error("helper ended before printing " + prefix);
    }
    int kill(int signal) {
        ::kill(pid_, signal);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }

  private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
};

template <class Backend>
class CrashTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db_ = Backend::make();
        if (!db_) {
            GTEST_SKIP() << "KHUE_TEST_POSTGRES is not set";
        }
        Helper seed({"seed", db_->url()});
        seed.line();
        seed.kill(0);  // reaps it; the seed is complete when its stdout closes
        store_ = open_store(db_->url(), khue::api::contest_api_encoder());
        ASSERT_TRUE(store_->get_problem("crash", "echo"));
    }
    std::vector<std::string> submit(int n) {
        std::vector<std::string> expected;
        const char* verdicts[] = {"AC", "WA", "TLE", "RTE"};
        for (int i = 0; i < n; ++i) {
            NewSubmission s;
            s.contest_id = "crash";
            s.team_id = "t" + std::to_string(1 + i % 5);
            s.problem_id = "echo";
            s.language_id = "python3";
            s.files.push_back({"main.py", std::string("verdict:") + verdicts[i % 4]});
            store_->add_submission(s);
            expected.push_back(verdicts[i % 4]);
        }
        return expected;
    }
    bool wait_all_judged(std::size_t n, std::chrono::seconds timeout) {
        auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            auto js = store_->list_judgements({.contest_id = "crash", .current_only = true});
            if (std::count_if(js.begin(), js.end(), [](const Judgement& j) { return j.verdict; }) ==
                static_cast<long>(n)) {
                return true;
            }
            std::this_thread::sleep_for(50ms);
        }
        return false;
    }
    // Every submission: exactly one valid judgement, current, with the verdict its source asked for, one run.
    void expect_judged_exactly_once(const std::vector<std::string>& expected) {
        for (std::size_t i = 0; i < expected.size(); ++i) {
            std::string id = std::to_string(i + 1);
            auto valid = store_->list_judgements({.contest_id = "crash", .submission_id = id});
            ASSERT_EQ(valid.size(), 1u) << "submission " << id;
            EXPECT_TRUE(valid[0].current);
            ASSERT_TRUE(valid[0].verdict) << "submission " << id;
            EXPECT_EQ(to_string(*valid[0].verdict), expected[i]) << "submission " << id;
            EXPECT_EQ(store_->list_runs("crash", valid[0].id).size(), 1u) << "submission " << id;
        }
        auto stats = store_->queue_stats();
        EXPECT_EQ(stats.queued + stats.running, 0u);
    }
    std::unique_ptr<TempDatabase> db_;
    std::unique_ptr<Store> store_;
};

TYPED_TEST_SUITE(CrashTest, Backends, BackendNames);

}  // namespace

// Wake-ups across processes (SQLite: the wake-up files beside the database; PostgreSQL: NOTIFY). The child's
// safety poll is set to ten minutes: what it gets within its 30 s wait came by a wake-up.
TYPED_TEST(CrashTest, WaitingClaimerInAnotherProcessIsWoken) {
    ::setenv("KHUE_STORE_POLL_MS", "600000", 1);
    Helper claimer({"claim", this->db_->url(), "30000"});
    ::unsetenv("KHUE_STORE_POLL_MS");
    claimer.wait_for("WAITING");
    std::this_thread::sleep_for(200ms);  // likely waiting by now; if not, it finds the job at once
    this->submit(1);
    auto line = claimer.line();
    claimer.kill(0);
    ASSERT_TRUE(line);
    EXPECT_EQ(*line, "CLAIMED 1") << "the claiming process was not woken by the submission";
}

TYPED_TEST(CrashTest, EventWaiterInAnotherProcessIsWoken) {
    ::setenv("KHUE_STORE_POLL_MS", "600000", 1);
    Helper waiter({"wait-event", this->db_->url(), "30000"});
    ::unsetenv("KHUE_STORE_POLL_MS");
    waiter.wait_for("WAITING");
    std::this_thread::sleep_for(200ms);
    this->submit(1);  // appends the submission's event
    auto line = waiter.line();
    waiter.kill(0);
    ASSERT_TRUE(line);
    EXPECT_EQ(*line, "EVENT") << "the waiting process was not woken by the event";
}

TYPED_TEST(CrashTest, WorkersKilledMidJudgingLoseAndDoubleCountNothing) {
    auto expected = this->submit(24);
    std::mt19937 rng(std::random_device{}());
    std::uniform_int_distribution<int> pause(60, 400);
    for (int round = 0; round < 6; ++round) {
        Helper worker({"worker", this->db_->url(), "doomed" + std::to_string(round), "2", "120", "500"});
        worker.wait_for("READY");
        std::this_thread::sleep_for(std::chrono::milliseconds(pause(rng)));
        worker.kill(SIGKILL);
    }
    Helper survivor({"worker", this->db_->url(), "survivor", "2", "120", "500"});
    survivor.wait_for("READY");
    ASSERT_TRUE(this->wait_all_judged(expected.size(), 60s));
    survivor.kill(SIGTERM);
    this->expect_judged_exactly_once(expected);
    auto attempts = this->store_->list_judgements({.contest_id = "crash", .include_invalid = true});
    EXPECT_GT(attempts.size(), expected.size())
        << "no worker was killed mid-judging: the test proved nothing";
}

TYPED_TEST(CrashTest, SubmitterKilledRightAfterAcknowledgingLosesNothing) {
    std::vector<std::string> acked;
    {
        Helper submitter({"submit", this->db_->url(), "500"});
        while (acked.size() < 60) {
            auto l = submitter.line();
            ASSERT_TRUE(l);
            if (l->starts_with("ACK ")) {
                acked.push_back(l->substr(4));
            }
        }
        submitter.kill(SIGKILL);
    }
    this->store_.reset();
    auto reopened = open_store(this->db_->url(), khue::api::contest_api_encoder());
    for (const auto& id : acked) {
        auto s = reopened->get_submission("crash", id);
        ASSERT_TRUE(s) << "acknowledged submission " << id << " is gone";
        EXPECT_EQ(s->files.size(), 1u);
    }
    EXPECT_GE(reopened->queue_stats().queued, acked.size()) << "every acknowledged submission has its job";
}

TEST(CrashTestPostgres, SeveralWorkerProcessesNeverJudgeTheSameJobAtOnce) {
    auto db = PostgresBackend::make();
    if (!db) {
        GTEST_SKIP() << "KHUE_TEST_POSTGRES is not set";
    }
    Helper seed({"seed", db->url()});
    seed.line();
    seed.kill(0);
    auto store = open_store(db->url(), khue::api::contest_api_encoder());
    const int n = 80;
    for (int i = 0; i < n; ++i) {
        NewSubmission s;
        s.contest_id = "crash";
        s.team_id = "t" + std::to_string(1 + i % 5);
        s.problem_id = "echo";
        s.language_id = "python3";
        s.files.push_back({"main.py", "verdict:AC"});
        store->add_submission(s);
    }
    khue::test::TempDir locks_dir("khue-locks");
    const fs::path locks = locks_dir.path();
    std::vector<std::unique_ptr<Helper>> workers;
    for (int w = 0; w < 4; ++w) {
        workers.push_back(std::make_unique<Helper>(std::vector<std::string>{
            "worker", db->url(), "host" + std::to_string(w), "2", "30", "3000", locks.string()}));
    }
    auto until = std::chrono::steady_clock::now() + 60s;
    std::size_t finished = 0;
    while (std::chrono::steady_clock::now() < until) {
        auto js = store->list_judgements({.contest_id = "crash", .current_only = true});
        finished = static_cast<std::size_t>(
            std::count_if(js.begin(), js.end(), [](const Judgement& j) { return j.verdict; }));
        if (finished == n) {
            break;
        }
        std::this_thread::sleep_for(50ms);
    }
    for (auto& w : workers) {
        w->kill(SIGTERM);
    }
    EXPECT_EQ(finished, std::size_t(n));
    EXPECT_FALSE(fs::exists(locks / "violations")) << "a submission was judged by two workers at once";
    auto all = store->list_judgements({.contest_id = "crash", .include_invalid = true});
    EXPECT_EQ(all.size(), std::size_t(n)) << "no job was claimed twice";
    std::set<std::string> judged_by;
    for (const auto& j : all) {
        judged_by.insert(j.judged_by.substr(0, j.judged_by.find('/')));
    }
    EXPECT_GE(judged_by.size(), 2u) << "the work was shared between hosts";
}
