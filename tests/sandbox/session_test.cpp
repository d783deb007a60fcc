// `khue-box session` (sandbox/README.md "khue-box session"): the framing, the answers, that a program gets
// none of the session's own streams, and that a run leaves nothing for the next request. Needs root, like
// box_run_test.cpp; skips itself otherwise. Runs pick a free slot themselves.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace stdfs = std::filesystem;

class Session {
  public:
    // `ignoring`: signals the session inherits as ignored from its caller (SIG_IGN survives exec).
    explicit Session(std::vector<int> ignoring = {}) {
        int in[2], out[2];
        EXPECT_EQ(::pipe2(in, O_CLOEXEC), 0);
        EXPECT_EQ(::pipe2(out, O_CLOEXEC), 0);
        pid_ = ::fork();
        if (pid_ == 0) {
            for (int sig : ignoring) {
                ::signal(sig, SIG_IGN);
            }
            ::dup2(in[0], 0);
            ::dup2(out[1], 1);
            ::execl(KHUE_BOX_PATH, KHUE_BOX_PATH, "session", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(in[0]);
        ::close(out[1]);
        to_ = in[1];
        from_ = out[0];
    }
    ~Session() {
        if (to_ >= 0) {
            ::close(to_);
        }
        ::close(from_);
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    void send_raw(const std::string& bytes) {
        EXPECT_EQ(::write(to_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    // One request; returns the answer line ("" when the session ended or took more than 20 s).
    std::string request(const std::vector<std::string>& args) {
        std::string framed;
        for (const auto& a : args) {
            framed += a;
            framed += '\0';
        }
        send_raw(framed + '\0');
        return read_line();
    }
    std::string read_line() {
        std::string line;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        char c = 0;
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{from_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) {
                continue;
            }
            if (::read(from_, &c, 1) != 1) {
                return line;
            }
            line += c;
            if (c == '\n') {
                return line;
            }
        }
        return line;
    }
    // Ends input and returns the session's exit status.
    int finish() {
        ::close(to_);
        to_ = -1;
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

  private:
    pid_t pid_ = -1;
    int to_ = -1, from_ = -1;
};

std::string read_file(const stdfs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class SandboxSession : public ::testing::Test {
  protected:
    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "khue-box needs root";
        }
        char pattern[] = "/dev/shm/khue-session-test-XXXXXX";
        ASSERT_NE(::mkdtemp(pattern), nullptr);
        dir_ = pattern;
        ::chmod(pattern, 0755);
    }
    void TearDown() override {
        if (!dir_.empty()) {
            stdfs::remove_all(dir_);
        }
    }
    std::string out(const std::string& name) { return (dir_ / name).string(); }
    stdfs::path dir_;
};

TEST_F(SandboxSession, AnswersEachRequestOnOneLineAndEndsCleanlyAtEndOfInput) {
    Session s;
    auto first = s.request({"--stdout", out("a"), "--", "/bin/sh", "-c", "echo one"});
    EXPECT_NE(first.find("\"status\": \"exited\", \"exit_code\": 0"), std::string::npos) << first;
    auto second = s.request({"--", "/bin/sh", "-c", "exit 3"});
    EXPECT_NE(second.find("\"exit_code\": 3"), std::string::npos) << second;
    EXPECT_EQ(read_file(dir_ / "a"), "one\n");
    EXPECT_EQ(s.finish(), 0);
}

TEST_F(SandboxSession, ABadRequestIsASandboxErrorAndTheSessionGoesOn) {
    Session s;
    auto bad = s.request({"--bogus", "--", "/bin/true"});
    EXPECT_NE(bad.find("\"status\": \"sandbox_error\""), std::string::npos) << bad;
    EXPECT_NE(bad.find("request: run: unknown option '--bogus'"), std::string::npos) << bad;
    auto result = s.request({"--result", out("r.json"), "--", "/bin/true"});
    EXPECT_NE(result.find("--result"), std::string::npos) << result;
    EXPECT_FALSE(stdfs::exists(dir_ / "r.json"));
    auto good = s.request({"--", "/bin/true"});
    EXPECT_NE(good.find("\"status\": \"exited\""), std::string::npos) << good;
    EXPECT_EQ(s.finish(), 0);
}

TEST_F(SandboxSession, ARequestCutByEndOfInputEndsTheSessionWithStatusOne) {
    Session s;
    s.send_raw(std::string("--\0/bin/true\0", 13));  // no final empty argument
    EXPECT_EQ(s.finish(), 1);
}

TEST_F(SandboxSession, AProgramGetsNoneOfTheSessionsStreams) {
    Session s;
    auto r = s.request({"--stdout", out("fds"), "--", "/bin/sh", "-c",
                        "for f in 0 2; do readlink /proc/self/fd/$f; done; ls /proc/self/fd"});
    EXPECT_NE(r.find("\"exit_code\": 0"), std::string::npos) << r;
    // Standard input and error are /dev/null, not the session's pipes; only 0-2 and ls's own directory fd.
    EXPECT_EQ(read_file(dir_ / "fds"), "/dev/null\n/dev/null\n0\n1\n2\n3\n");
}

TEST_F(SandboxSession, ARunLeavesNoProcessNorFileForTheNextRequest) {
    Session s;
    auto first = s.request({"--", "/bin/sh", "-c",
                            "touch /tmp/left /dev/shm/left; (setsid sleep 300 &) ; sleep 0.1; echo planted"});
    EXPECT_NE(first.find("\"exit_code\": 0"), std::string::npos) << first;
    auto second =
        s.request({"--stdout", out("seen"), "--", "/bin/sh", "-c", "ls /tmp /dev/shm; ls -d /proc/[0-9]*"});
    EXPECT_NE(second.find("\"exit_code\": 0"), std::string::npos) << second;
    // Nothing in /tmp or /dev/shm; in /proc at most the init (1, hidden from the box user where /proc has
    // hidepid) and ls itself (2: the shell exec'd it), never the first run's sleeper.
    const auto seen = read_file(dir_ / "seen");
    EXPECT_TRUE(seen.starts_with("/dev/shm:\n\n/tmp:\n")) << seen;
    std::istringstream lines(seen.substr(seen.find("/tmp:\n") + 6));
    for (std::string line; std::getline(lines, line);) {
        EXPECT_TRUE(line == "/proc/1" || line == "/proc/2") << "a process left by the first run: " << line;
    }
}

// A warm session makes the box's mount namespace once per distinct plan and copies it for each run
// (sandbox/src/warm_ns.hpp): the folders a run binds are its own, and a mount point of one plan is not in
// another's box.
TEST_F(SandboxSession, EachRunSeesOnlyItsOwnMountsAndWorkFolder) {
    for (const char* d : {"a", "b", "box1", "box2"}) {
        stdfs::create_directory(dir_ / d);
        stdfs::permissions(dir_ / d, stdfs::perms::owner_all | stdfs::perms::group_read |
                                         stdfs::perms::group_exec | stdfs::perms::others_read |
                                         stdfs::perms::others_exec);
    }
    std::ofstream(dir_ / "a" / "in-a") << "A";
    std::ofstream(dir_ / "b" / "in-b") << "B";
    Session s;
    const std::string show = "ls /box /judge /data 2>&1; grep -c \"^khue:x:$(id -u):\" /etc/passwd";
    auto first = s.request({"--stdout", out("1"), "--dir", out("box1"), "--mount", out("a") + ":/judge", "--",
                            "/bin/sh", "-c", "touch /box/one; " + show});
    EXPECT_NE(first.find("\"status\": \"exited\""), std::string::npos) << first;
    auto second = s.request({"--stdout", out("2"), "--dir", out("box2"), "--mount", out("b") + ":/data", "--",
                             "/bin/sh", "-c", show});
    EXPECT_NE(second.find("\"status\": \"exited\""), std::string::npos) << second;
    auto third =
        s.request({"--stdout", out("3"), "--mount", out("a") + ":/judge", "--", "/bin/sh", "-c", show});
    EXPECT_NE(third.find("\"status\": \"exited\""), std::string::npos) << third;
    const auto one = read_file(dir_ / "1"), two = read_file(dir_ / "2"), three = read_file(dir_ / "3");
    EXPECT_NE(one.find("/box:\none\n"), std::string::npos) << one;
    EXPECT_NE(one.find("/judge:\nin-a\n"), std::string::npos) << one;
    EXPECT_NE(one.find("'/data': No such file or directory"), std::string::npos) << one;
    EXPECT_TRUE(one.ends_with("\n1\n")) << "the box user is khue in /etc/passwd: " << one;
    EXPECT_NE(two.find("/box:\n\n"), std::string::npos) << "the second run's own empty folder: " << two;
    EXPECT_NE(two.find("/data:\nin-b\n"), std::string::npos) << two;
    EXPECT_NE(two.find("'/judge': No such file or directory"), std::string::npos) << two;
    EXPECT_TRUE(two.ends_with("\n1\n")) << two;
    EXPECT_NE(three.find("/box:\n\n"), std::string::npos) << "without --dir, /box is empty: " << three;
    EXPECT_NE(three.find("/judge:\nin-a\n"), std::string::npos) << three;
    EXPECT_TRUE(stdfs::exists(dir_ / "box1" / "one"));
    EXPECT_EQ(s.finish(), 0);
}

// SysV IPC objects and POSIX message queues live in the run's own IPC namespace; /tmp, /dev/shm and the
// process list are new for each of many runs in a row (their namespaces are freed behind the session's back).
TEST_F(SandboxSession, ManyRunsInARowShareNoIpcObjectFileNorProcess) {
    Session s;
    for (int i = 0; i < 12; ++i) {
        std::string name = "run" + std::to_string(i);
        auto r = s.request(
            {"--stdout", out(name), "--", "/bin/sh", "-c",
             "ipcs -q -m -s | grep -c '^0x' ; ls /tmp /dev/shm | grep -c mark; ls -d /proc/[0-9]* | wc -l;"
             " ipcmk -Q >/dev/null && ipcmk -M 4096 >/dev/null && ipcmk -S 1 >/dev/null;"
             " touch /tmp/mark /dev/shm/mark; (setsid sleep 60 &)"});
        EXPECT_NE(r.find("\"status\": \"exited\""), std::string::npos) << r;
        // No IPC object and no mark of an earlier run; /proc: the shell and ls (and wc) at most.
        const auto seen = read_file(dir_ / name);
        std::istringstream lines(seen);
        std::string ipc, marks, procs;
        std::getline(lines, ipc);
        std::getline(lines, marks);
        std::getline(lines, procs);
        EXPECT_EQ(ipc, "0") << "run " << i << ": " << seen;
        EXPECT_EQ(marks, "0") << "run " << i << ": " << seen;
        EXPECT_LE(std::stoi(procs.empty() ? "99" : procs), 3) << "run " << i << ": " << seen;
    }
    EXPECT_EQ(s.finish(), 0);
}

// The runs of a session with the same plan share the base's root tmpfs: it must carry nothing from one run to
// the next, so it is read-only (also /etc and /dev in it) and keeps no access times.
TEST_F(SandboxSession, TheSharedRootIsReadOnlyAndKeepsNoAccessTimes) {
    Session s;
    for (int i = 0; i < 2; ++i) {
        std::string name = "root" + std::to_string(i);
        auto r =
            s.request({"--stdout", out(name), "--", "/bin/sh", "-c",
                       "for f in /x /etc/x /dev/x /etc/passwd; do (echo > $f) 2>/dev/null && echo wrote $f;"
                       " done; cat /etc/passwd > /dev/null; awk '$5 == \"/\" { print $6 }' "
                       "/proc/self/mountinfo"});
        EXPECT_NE(r.find("\"exit_code\": 0"), std::string::npos) << r;
        const auto seen = read_file(dir_ / name);
        EXPECT_EQ(seen.find("wrote"), std::string::npos) << seen;
        EXPECT_NE(seen.find("ro,"), std::string::npos) << seen;
        EXPECT_NE(seen.find("noatime"), std::string::npos) << seen;
    }
    EXPECT_EQ(s.finish(), 0);
}

}  // namespace

// A session keeps each slot's cgroup files open from run to run (sandbox/src/cgroup_common.hpp, HeldDir).
// When the cgroup is removed between two runs (`khue-box cleanup` takes every slot not locked by a run), the
// next run must make it again and account in the new one: the CPU limit still stops a busy loop and the
// memory limit still stops an allocation, which both fail when the run reads or limits a dead cgroup.
TEST_F(SandboxSession, ASlotCgroupRemovedBetweenRunsIsMadeAgainAndStillLimits) {
    Session s;
    auto first = s.request({"--box-id", "977", "--", "/bin/true"});
    EXPECT_NE(first.find("\"status\": \"exited\""), std::string::npos) << first;
    int status = std::system(KHUE_BOX_PATH " cleanup >/dev/null 2>&1");
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "khue-box cleanup failed";
    auto busy = s.request({"--box-id", "977", "--time", "0.3", "--", "/bin/sh", "-c", "while :; do :; done"});
    EXPECT_NE(busy.find("\"status\": \"time_limit\""), std::string::npos) << busy;
    status = std::system(KHUE_BOX_PATH " cleanup >/dev/null 2>&1");
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "khue-box cleanup failed";
    auto big = s.request({"--box-id", "977", "--memory", "32", "--", "/bin/sh", "-c",
                          "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo ${#x}"});
    EXPECT_NE(big.find("\"status\": \"memory_limit\""), std::string::npos) << big;
    auto last = s.request({"--box-id", "977", "--", "/bin/true"});
    EXPECT_NE(last.find("\"status\": \"exited\""), std::string::npos) << last;
    EXPECT_EQ(s.finish(), 0);
}

// The program starts with every signal at its default action, although the session ignores some: SIGPIPE
// (khue-box itself) and whatever its caller ignored. Only ignored signals survive execve(), so those are the
// ones the program's process resets before it (sandbox/src/spawn.cpp).
TEST_F(SandboxSession, AProgramIgnoresNoSignalTheSessionIgnores) {
    Session s({SIGUSR1, SIGQUIT, SIGPIPE});
    for (int i = 0; i < 2; ++i) {
        auto r = s.request(
            {"--stdout", out("sig"), "--", "/bin/sh", "-c", "grep -E '^Sig(Ign|Blk)' /proc/self/status"});
        EXPECT_NE(r.find("\"exit_code\": 0"), std::string::npos) << r;
        EXPECT_EQ(read_file(dir_ / "sig"), "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
    }
    EXPECT_EQ(s.finish(), 0);
}

// KHUE_BOX_STEPS=1 prints one line per run on standard error with each step's time, the child's steps
// included (sandbox/src/box.cpp, Steps); without it, nothing.
TEST_F(SandboxSession, StepTimesArePrintedOnlyWhenAskedFor) {
    const std::string run = std::string(KHUE_BOX_PATH) + " run --result /dev/null -- /bin/true 2>";
    ASSERT_EQ(std::system(("KHUE_BOX_STEPS=1 " + run + out("steps")).c_str()), 0);
    ASSERT_EQ(std::system((run + out("quiet")).c_str()), 0);
    const auto steps = read_file(dir_ / "steps");
    EXPECT_TRUE(steps.starts_with("khue-box steps (us): lock=")) << steps;
    for (const char* step :
         {" init-start=", " program-pre-exec=", " program-ran=", " init-exit=", " total="}) {
        EXPECT_NE(steps.find(step), std::string::npos) << step << " missing: " << steps;
    }
    EXPECT_EQ(read_file(dir_ / "quiet"), "");
}

// A session empties its own capability bounding set once instead of each program dropping every capability
// (sandbox/src/session.cpp): the programs of every run still have no capability in any set.
TEST_F(SandboxSession, EveryRunsProgramHasNoCapabilityInAnySet) {
    Session s;
    for (int i = 0; i < 3; ++i) {
        auto r =
            s.request({"--stdout", out("caps"), "--", "/bin/sh", "-c", "grep -E '^Cap' /proc/self/status"});
        EXPECT_NE(r.find("\"exit_code\": 0"), std::string::npos) << r;
        EXPECT_EQ(read_file(dir_ / "caps"),
                  "CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n"
                  "CapBnd:\t0000000000000000\nCapAmb:\t0000000000000000\n");
    }
    EXPECT_EQ(s.finish(), 0);
}

// The out-of-memory killer of a box's cgroup takes a program before the box's init (sandbox/src/spawn.cpp): a
// program that fills /tmp holds little memory itself, and killing the init would end the run without the
// program's status. Every run's program starts with oom_score_adj 1000.
TEST_F(SandboxSession, EveryRunsProgramIsTheOutOfMemoryKillersFirstChoice) {
    Session s;
    for (int i = 0; i < 2; ++i) {
        auto r = s.request({"--stdout", out("oom"), "--", "/bin/cat", "/proc/self/oom_score_adj"});
        EXPECT_NE(r.find("\"exit_code\": 0"), std::string::npos) << r;
        EXPECT_EQ(read_file(dir_ / "oom"), "1000\n");
    }
    EXPECT_EQ(s.finish(), 0);
}
