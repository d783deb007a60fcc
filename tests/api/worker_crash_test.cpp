// Crash isolation of `khue serve` (issue: no submission may crash the server), with the real binaries: the
// server judges in supervised `khue worker --supervised` child processes. Killing a child with SIGSEGV while
// it judges must leave the API, the scoreboard and the event feed answering; the job is judged again and the
// submission ends with exactly one current judgement; a job whose worker dies every time ends as JE after the
// bound (2) with the reason. Needs root (khue-box) and the built khue and khue-box; skipped otherwise.
#include "http_client.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/store/store.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace khue {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using store::JudgementFilter;

// A correct answer that spends ~0.2 s of CPU per test: judging the demo's "hello" takes seconds, long enough
// to kill the worker in the middle.
constexpr const char* kSlowSum =
    "#include <stdio.h>\n"
    "int main(void) { long long a, b; if (scanf(\"%lld %lld\", &a, &b) != 2) return 1;\n"
    "  volatile unsigned long x = 0; for (unsigned long i = 0; i < 150000000UL; ++i) x += i;\n"
    "  printf(\"%lld\\n\", a + b); return 0; }\n";

std::string multipart(const std::string& problem, const std::string& file, const std::string& code) {
    std::string b = "--XyZ\r\nContent-Disposition: form-data; name=\"problem_id\"\r\n\r\n" + problem +
                    "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"language_id\"\r\n\r\nc\r\n"
                    "--XyZ\r\nContent-Disposition: form-data; name=\"code\"; filename=\"" +
                    file + "\"\r\nContent-Type: text/plain\r\n\r\n" + code + "\r\n--XyZ--\r\n";
    return b;
}

class ServeCrash : public ::testing::Test {
  protected:
    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "needs root (judging runs khue-box)";
        }
        khue_ = fs::path(KHUE_BUILD_DIR) / "khue";
        if (!fs::exists(khue_) || !fs::exists(fs::path(KHUE_BUILD_DIR) / "sandbox" / "khue-box")) {
            if (!fs::exists(khue_)) {
                GTEST_SKIP() << "khue is not built";
            }
        }
        data_ = tmp_.path();
        start_serve();
        db_ = store::open_store("sqlite:" + (data_ / "khue.db").string(), khue::api::contest_api_encoder());
    }

    void TearDown() override {
        db_.reset();
        if (serve_pid_ > 0) {
            ::kill(serve_pid_, SIGTERM);  // the server we started; it stops its own workers
            int status = 0;
            for (int i = 0; i < 300 && ::waitpid(serve_pid_, &status, WNOHANG) == 0; ++i) {
                std::this_thread::sleep_for(100ms);
            }
            if (::waitpid(serve_pid_, &status, WNOHANG) == 0) {
                ::kill(serve_pid_, SIGKILL);
                ::waitpid(serve_pid_, &status, 0);
            }
        }
        if (out_fd_ >= 0) {
            ::close(out_fd_);
        }
    }

    void start_serve() {
        int fds[2];
        ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
        serve_pid_ = ::fork();
        ASSERT_GE(serve_pid_, 0);
        if (serve_pid_ == 0) {
            ::dup2(fds[1], 1);
            const std::string data = data_.string();
            ::execl(khue_.c_str(), "khue", "serve", "--data", data.c_str(), "--listen", "127.0.0.1:0",
                    "--workers", "1", "--threads", "2", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(fds[1]);
        out_fd_ = fds[0];
        // "khue serve: contest 'week-demo' at http://127.0.0.1:PORT/ ..."
        std::string text;
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
            pollfd pfd{out_fd_, POLLIN, 0};
            if (::poll(&pfd, 1, 200) <= 0) {
                continue;
            }
            char buf[4096];
            auto n = ::read(out_fd_, buf, sizeof buf);
            if (n <= 0) {
                break;
            }
            text.append(buf, static_cast<std::size_t>(n));
            auto at = text.find("http://127.0.0.1:");
            if (at != std::string::npos) {
                auto end = text.find('/', at + 17);
                if (end != std::string::npos) {
                    port_ = static_cast<unsigned short>(std::stoi(text.substr(at + 17, end - at - 17)));
                }
            }
        }
        ASSERT_NE(port_, 0) << "khue serve did not report its port: " << text;
    }

    // The judging child processes of the server we started.
    std::vector<pid_t> worker_children() const {
        std::vector<pid_t> out;
        for (const auto& entry : fs::directory_iterator("/proc")) {
            const auto name = entry.path().filename().string();
            if (name.find_first_not_of("0123456789") != std::string::npos) {
                continue;
            }
            std::ifstream stat(entry.path() / "stat");
            std::string line;
            std::getline(stat, line);
            const auto close = line.rfind(')');
            if (close == std::string::npos) {
                continue;
            }
            std::istringstream rest(line.substr(close + 2));
            char state = 0;
            pid_t ppid = 0;
            rest >> state >> ppid;
            if (ppid != serve_pid_) {
                continue;
            }
            std::ifstream cmd(entry.path() / "cmdline");
            std::string cmdline((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
            if (cmdline.find(std::string("worker\0--supervised", 19)) != std::string::npos) {
                out.push_back(static_cast<pid_t>(std::stoi(name)));
            }
        }
        return out;
    }

    std::string submit(const std::string& code) {
        auto r = test::http_call(port_, "POST", "/api/contests/week-demo/submissions",
                                 multipart("hello", "slow.c", code), "multipart/form-data; boundary=XyZ",
                                 "team1", "demo1");
        EXPECT_EQ(r.status, 201u) << r.body;
        auto at = r.body.find("\"id\":\"");
        EXPECT_NE(at, std::string::npos) << r.body;
        return r.body.substr(at + 6, r.body.find('"', at + 6) - at - 6);
    }

    std::vector<store::Judgement> judgements(const std::string& submission, bool invalid_too) {
        JudgementFilter filter;
        filter.contest_id = "week-demo";
        filter.submission_id = submission;
        filter.include_invalid = invalid_too;
        return db_->list_judgements(filter);
    }

    // Waits until a judgement not in `seen` exists for the submission (a worker claimed it), and returns it.
    std::string wait_for_new_claim(const std::string& submission, std::set<std::string>& seen) {
        const auto deadline = std::chrono::steady_clock::now() + 120s;
        while (std::chrono::steady_clock::now() < deadline) {
            for (const auto& j : judgements(submission, true)) {
                if (!seen.contains(j.id)) {
                    seen.insert(j.id);
                    return j.id;
                }
            }
            std::this_thread::sleep_for(20ms);
        }
        ADD_FAILURE() << "no worker claimed submission " << submission;
        return {};
    }

    void kill_worker_now() {
        auto workers = worker_children();
        ASSERT_EQ(workers.size(), 1u) << "khue serve --workers 1 should have one worker child";
        ASSERT_EQ(::kill(workers.front(), SIGSEGV), 0);  // a child of the server we started
    }

    // The API still answers: a plain endpoint, the scoreboard and the event feed.
    void expect_api_alive() {
        auto contest = test::http_call(port_, "GET", "/api/contests/week-demo");
        EXPECT_EQ(contest.status, 200u) << contest.body;
        auto board = test::http_call(port_, "GET", "/api/contests/week-demo/scoreboard");
        EXPECT_EQ(board.status, 200u) << board.body;
        auto feed = test::http_call(port_, "GET", "/api/contests/week-demo/event-feed?stream=false", {}, {},
                                    "team1", "demo1");
        EXPECT_EQ(feed.status, 200u) << feed.body.substr(0, 200);
        EXPECT_NE(feed.body.find("\"type\":\"submissions\""), std::string::npos);
    }

    store::Judgement wait_for_final(const std::string& submission) {
        const auto deadline = std::chrono::steady_clock::now() + 180s;
        while (std::chrono::steady_clock::now() < deadline) {
            for (const auto& j : judgements(submission, false)) {
                if (j.current && j.verdict) {
                    return j;
                }
            }
            std::this_thread::sleep_for(100ms);
        }
        ADD_FAILURE() << "submission " << submission << " was never judged";
        return {};
    }

    fs::path khue_;
    khue::test::TempDir tmp_{"khue-serve-crash"};
    fs::path data_;
    pid_t serve_pid_ = -1;
    int out_fd_ = -1;
    unsigned short port_ = 0;
    std::unique_ptr<store::Store> db_;
};

TEST_F(ServeCrash, AWorkerKilledMidJudgingIsRestartedAndTheJobJudgedOnce) {
    const auto submission = submit(kSlowSum);
    std::set<std::string> seen;
    ASSERT_FALSE(wait_for_new_claim(submission, seen).empty());
    std::this_thread::sleep_for(300ms);
    kill_worker_now();
    expect_api_alive();
    const auto final = wait_for_final(submission);
    EXPECT_EQ(final.verdict, judge::Verdict::AC) << final.compile_output;
    std::size_t current = 0;
    for (const auto& j : judgements(submission, true)) {
        current += j.current ? 1 : 0;
    }
    EXPECT_EQ(current, 1u) << "exactly one current judgement";
    EXPECT_GE(judgements(submission, true).size(), 2u) << "the job was claimed again after the crash";
    expect_api_alive();
    // The event feed carries the final judgement (the server sees other processes' SQLite commits by
    // polling).
    bool in_feed = false;
    std::string feed_body;
    for (int i = 0; i < 100 && !in_feed; ++i) {
        feed_body = test::http_call(port_, "GET", "/api/contests/week-demo/event-feed?stream=false", {}, {},
                                    "team1", "demo1")
                        .body;
        in_feed = feed_body.find("\"judgement_type_id\":\"AC\"") != std::string::npos;
        if (!in_feed) {
            std::this_thread::sleep_for(200ms);
        }
    }
    EXPECT_TRUE(in_feed) << feed_body.substr(feed_body.size() > 3000 ? feed_body.size() - 3000 : 0);
    // The server restarted its worker: a new child serves the next submission.
    EXPECT_EQ(worker_children().size(), 1u);
}

TEST_F(ServeCrash, AJobThatKillsItsWorkerEveryTimeEndsAsJudgeError) {
    const auto submission = submit(kSlowSum);
    std::set<std::string> seen;
    for (int death = 0; death < 2; ++death) {
        ASSERT_FALSE(wait_for_new_claim(submission, seen).empty());
        std::this_thread::sleep_for(300ms);
        kill_worker_now();
        expect_api_alive();
    }
    const auto final = wait_for_final(submission);
    EXPECT_EQ(final.verdict, judge::Verdict::JE);
    EXPECT_NE(final.compile_output.find("worker died twice while judging: signal 11"), std::string::npos)
        << final.compile_output;
    std::size_t current = 0;
    for (const auto& j : judgements(submission, true)) {
        current += j.current ? 1 : 0;
    }
    EXPECT_EQ(current, 1u);
    expect_api_alive();
    // The server keeps judging: an honest submission afterwards is accepted.
    const auto next = submit(
        "#include <stdio.h>\nint main(void){long long a,b;scanf(\"%lld "
        "%lld\",&a,&b);printf(\"%lld\\n\",a+b);}\n");
    EXPECT_EQ(wait_for_final(next).verdict, judge::Verdict::AC);
}

}  // namespace
}  // namespace khue
