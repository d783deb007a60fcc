// The client's warm path (box/khue_box_session.hpp): runs go through one long-lived `khue-box session`
// process, and the client falls back to one-shot `khue-box run` when a session cannot start or breaks. A
// stand-in khue-box written in Python speaks both (the real one needs root: tests/sandbox and tests/hostile).
#include "khue/judge/box.hpp"

#include <gtest/gtest.h>

#include <sched.h>
#include <unistd.h>
#include <fstream>

namespace khue::judge {
namespace {

namespace fs = std::filesystem;

// Logs "start" per session process, "session <argv0>" per session request and "run <argv0>" per one-shot
// run; with FAKE_SESSION_QUIT=N a session exits after N requests (without answering the last one).
const char* const kFakeKhueBox = R"(#!/usr/bin/python3
import json, os, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
def log(line):
    with open(os.path.join(here, "log"), "a") as f:
        f.write(line + "\n")
def run(args):
    opts, i = {}, 0
    while args[i] != "--":
        opts[args[i]] = args[i + 1] if args[i] != "--clean-dir" else ""
        i += 1 if args[i] == "--clean-dir" else 2
    prog = args[i + 1:]
    def stream(flag, mode):
        return open(opts.get(flag, "/dev/null"), mode)
    with stream("--stdin", "rb") as si, stream("--stdout", "wb") as so, stream("--stderr", "wb") as se:
        code = subprocess.call(prog, stdin=si, stdout=so, stderr=se)
    return prog[0], {"status": "exited", "exit_code": code, "signal": None, "cpu_time": 0.01,
                     "wall_time": 0.01, "memory_kib": 100, "oom_killed": False, "message": "",
                     "box_id": int(opts.get("--box-id", 0))}
if sys.argv[1] == "run":
    args = sys.argv[2:]
    result = args[args.index("--result") + 1]
    name, r = run(args)
    log("run " + name)
    open(result, "w").write(json.dumps(r))
    sys.exit(0)
assert sys.argv[1] == "session"
log("start")
quit_after = int(os.environ.get("FAKE_SESSION_QUIT", "0"))
data, served = b"", 0
while True:
    chunk = os.read(0, 65536)
    if not chunk:
        sys.exit(0)
    data += chunk
    while b"\0\0" in data:
        req, data = data.split(b"\0\0", 1)
        served += 1
        if quit_after and served >= quit_after:
            sys.exit(1)
        args = [a.decode() for a in req.split(b"\0")]
        if "--cpus" in args:
            with open(os.path.join(here, "cpus"), "a") as f:
                f.write(args[args.index("--cpus") + 1] + "\n")
        name, r = run(args)
        log("session " + name)
        sys.stdout.write(json.dumps(r) + "\n")
        sys.stdout.flush()
)";

class Session : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "khue-session-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        ::setenv("KHUE_BOX_SUDO", "0", 1);
        ::unsetenv("KHUE_BOX_WARM");
        std::ofstream(dir_ / "khue-box") << kFakeKhueBox;
        fs::permissions(dir_ / "khue-box", fs::perms::owner_all);
    }
    void TearDown() override {
        ::unsetenv("FAKE_SESSION_QUIT");
        ::unsetenv("KHUE_BOX_WARM");
        fs::remove_all(dir_);
    }
    std::string read(const fs::path& p) {
        std::ifstream in(p);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    RunSpec echo(const std::string& text, const std::string& out) {
        RunSpec spec;
        spec.argv = {"/bin/sh", "-c", "echo " + text};
        spec.stdout_file = dir_ / out;
        return spec;
    }
    fs::path dir_;
};

TEST_F(Session, ManyRunsShareOneSessionProcess) {
    {
        KhueBoxClient box(dir_ / "khue-box", 5, 6);
        for (int i = 0; i < 3; ++i) {
            const auto report = box.run(echo("run" + std::to_string(i), "out" + std::to_string(i)));
            EXPECT_EQ(report.status, RunStatus::Exited);
            EXPECT_EQ(report.exit_code, 0);
        }
    }
    EXPECT_EQ(read(dir_ / "out2"), "run2\n");
    EXPECT_EQ(read(dir_ / "log"), "start\nsession /bin/sh\nsession /bin/sh\nsession /bin/sh\n");
}

TEST_F(Session, TheRequestCarriesTheSlotOfEachRun) {
    KhueBoxClient box(dir_ / "khue-box", 5, 6);
    RunSpec helper = echo("x", "o");
    helper.helper = true;
    EXPECT_EQ(khue_box_session_request(helper, 6),
              (std::vector<std::string>{"--stdout", (dir_ / "o").string(), "--box-id", "6", "--", "/bin/sh",
                                        "-c", "echo x"}));
    EXPECT_EQ(box.run(helper).exit_code, 0);
}

TEST_F(Session, ASessionThatDiesMidRunIsReplacedByAOneShotRun) {
    ::setenv("FAKE_SESSION_QUIT", "2", 1);
    KhueBoxClient box(dir_ / "khue-box");
    EXPECT_EQ(box.run(echo("a", "a")).exit_code, 0);
    EXPECT_EQ(box.run(echo("b", "b")).exit_code, 0);  // the session dies on this one
    EXPECT_EQ(read(dir_ / "b"), "b\n");
    EXPECT_EQ(read(dir_ / "log"), "start\nsession /bin/sh\nrun /bin/sh\n");
}

TEST_F(Session, WarmZeroMeansOneShotOnly) {
    ::setenv("KHUE_BOX_WARM", "0", 1);
    KhueBoxClient box(dir_ / "khue-box");
    EXPECT_EQ(box.run(echo("a", "a")).exit_code, 0);
    EXPECT_EQ(read(dir_ / "log"), "run /bin/sh\n");
}

TEST(Pinning, ASpecsCpusBecomeKhueBoxCpus) {
    RunSpec spec;
    spec.argv = {"/judge/exe/main"};
    spec.cpus = {1, 3};
    const auto args = khue_box_session_request(spec, 4);
    EXPECT_EQ(args, (std::vector<std::string>{"--box-id", "4", "--cpus", "1,3", "--", "/judge/exe/main"}));
}

TEST(Pinning, SlotsTakeTheUsableCpusInTurnUnlessTurnedOff) {
    ::unsetenv("KHUE_BOX_PIN");
    cpu_set_t set;
    CPU_ZERO(&set);
    ASSERT_EQ(::sched_getaffinity(0, sizeof set, &set), 0);
    const int usable = CPU_COUNT(&set);
    const auto first = slot_cpus(0);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_TRUE(CPU_ISSET(first[0], &set));
    EXPECT_EQ(slot_cpus(usable), first) << "slot n and slot n + usable CPUs share a CPU";
    if (usable > 1) {
        EXPECT_NE(slot_cpus(1), first);
    }
    ::setenv("KHUE_BOX_PIN", "0", 1);
    EXPECT_TRUE(slot_cpus(0).empty());
    ::unsetenv("KHUE_BOX_PIN");
}

TEST_F(Session, APinnedClientPinsEveryRunThatNamesNoCpus) {
    KhueBoxClient box(dir_ / "khue-box", 5, 6);
    box.pin_to({0});
    RunSpec spec;
    spec.argv = {"/bin/sh", "-c", "echo $KHUE_FAKE_SEEN_CPUS"};
    EXPECT_EQ(box.run(spec).exit_code, 0);
    EXPECT_EQ(read(dir_ / "cpus"), "0\n");
}

}  // namespace
}  // namespace khue::judge
