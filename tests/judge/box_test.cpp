// The khue-box client: its command line, its reading of results, and its process handling — the latter with a
// stand-in khue-box script that runs the program unsandboxed, so no root is needed here.
#include "khue/judge/box.hpp"
#include "khue/test/fake_box.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <fstream>

namespace khue::judge {
namespace {

namespace fs = std::filesystem;
using khue::test::FakeBox;

TEST(KhueBoxArguments, MapEveryFieldOfTheSpec) {
    RunSpec spec;
    spec.argv = {"/judge/exe/main", "x"};
    spec.cpu_time = Seconds{1.5};
    spec.wall_time = Seconds{4};
    spec.memory = mib(256);
    spec.processes = 1;
    spec.output = kib(1);  // rounded up to whole MiB, never down
    spec.stdin_file = "/t/in";
    spec.stdout_file = "/t/out";
    spec.dir = "/t/run";
    spec.mounts = {{"/t/build", "/judge/exe", false}, {"/t/fb", "/judge/fb", true}};
    spec.env = {{"PATH", "/usr/bin:/bin"}};
    const auto args = khue_box_arguments(spec, "/t/result.json", 7);
    const std::vector<std::string> expected{"run",
                                            "--time",
                                            "1.500000",
                                            "--wall-time",
                                            "4.000000",
                                            "--memory",
                                            "256",
                                            "--processes",
                                            "1",
                                            "--output",
                                            "1",
                                            "--stdin",
                                            "/t/in",
                                            "--stdout",
                                            "/t/out",
                                            "--dir",
                                            "/t/run",
                                            "--mount",
                                            "/t/build:/judge/exe",
                                            "--mount",
                                            "/t/fb:/judge/fb:rw",
                                            "--env",
                                            "PATH=/usr/bin:/bin",
                                            "--box-id",
                                            "7",
                                            "--result",
                                            "/t/result.json",
                                            "--",
                                            "/judge/exe/main",
                                            "x"};
    EXPECT_EQ(args, expected);
}

TEST(KhueBoxResult, ParsesTheDocumentedFields) {
    const auto r = parse_box_result(
        R"({"status": "signaled", "exit_code": null, "signal": 11, "cpu_time": 0.25, "wall_time": 0.5,
            "memory_kib": 2048, "oom_killed": false, "message": "", "limits_backend": "cgroup-v1",
            "warnings": [], "box_id": 3})");
    EXPECT_EQ(r.status, RunStatus::Signaled);
    EXPECT_EQ(r.signal, 11);
    EXPECT_DOUBLE_EQ(r.cpu_time.count(), 0.25);
    EXPECT_DOUBLE_EQ(r.wall_time.count(), 0.5);
    EXPECT_EQ(r.peak_memory, kib(2048));
    EXPECT_EQ(parse_box_result(R"({"status": "memory_limit", "oom_killed": true})").oom_killed, true);
}

TEST(KhueBoxResult, SandboxErrorsAndGarbageThrowSandboxError) {
    EXPECT_THROW(parse_box_result(R"({"status": "sandbox_error", "message": "no cgroup"})"), SandboxError);
    EXPECT_THROW(parse_box_result("not json"), SandboxError);
    EXPECT_THROW(parse_box_result(R"({"exit_code": 0})"), SandboxError);
    EXPECT_THROW(parse_box_result(R"({"status": "exploded"})"), SandboxError);
    EXPECT_THROW(parse_box_result(R"({"status": "exited", "cpu_time": "fast"})"), SandboxError);
}

// A stand-in for khue-box: honours --result, --stdin, --stdout, --stderr and runs the program as it is.
const char* const kFakeKhueBox = R"(#!/bin/bash
result=""; in=""; out=""; err=""
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    session) echo "this stand-in has no session mode" >&2; exit 1 ;;
    run) shift ;;
    --result) result="$2"; shift 2 ;;
    --stdin) in="$2"; shift 2 ;;
    --stdout) out="$2"; shift 2 ;;
    --stderr) err="$2"; shift 2 ;;
    *) shift 2 ;;
  esac
done
shift
[[ -n "$FAKE_BOX_FAIL" ]] && { echo "cannot create cgroup" >&2; exit 1; }
[[ -n "$FAKE_BOX_GARBAGE" ]] && { echo "{oops" > "$result"; exit 0; }
[[ -n "$in" ]] && exec 0<"$in"
[[ -n "$out" ]] && exec 1>"$out"
[[ -n "$err" ]] && exec 2>"$err"
"$@"
code=$?
if (( code > 128 )); then
  printf '{"status":"signaled","exit_code":null,"signal":%d,"cpu_time":0.01,"wall_time":0.01,"memory_kib":100,"oom_killed":false,"message":""}' $((code-128)) > "$result"
else
  printf '{"status":"exited","exit_code":%d,"signal":null,"cpu_time":0.01,"wall_time":0.01,"memory_kib":100,"oom_killed":false,"message":""}' $code > "$result"
fi
)";

class Client : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = tmp_.path();
        ::setenv("KHUE_BOX_SUDO", "0", 1);  // the stand-in runs directly, whoever runs the tests
        std::ofstream(dir_ / "khue-box") << kFakeKhueBox;
        fs::permissions(dir_ / "khue-box", fs::perms::owner_all);
    }
    void TearDown() override {
        ::unsetenv("FAKE_BOX_FAIL");
        ::unsetenv("FAKE_BOX_GARBAGE");
    }
    std::string read(const fs::path& p) {
        std::ifstream in(p);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    khue::test::TempDir tmp_{"khue-client-test"};
    fs::path dir_;
};

TEST_F(Client, RunsAProgramAndReadsItsResult) {
    KhueBoxClient box(dir_ / "khue-box");
    std::ofstream(dir_ / "in") << "21\n";
    RunSpec spec;
    spec.argv = {"/bin/sh", "-c", "read x; echo $((x * 2)); exit 3"};
    spec.stdin_file = dir_ / "in";
    spec.stdout_file = dir_ / "out";
    const auto report = box.run(spec);
    EXPECT_EQ(report.status, RunStatus::Exited);
    EXPECT_EQ(report.exit_code, 3);
    EXPECT_EQ(read(dir_ / "out"), "42\n");
}

TEST_F(Client, UnnamedStreamsAreNotTheJudgesOwn) {
    KhueBoxClient box(dir_ / "khue-box");
    RunSpec spec;
    spec.argv = {"/bin/sh", "-c", "cat; echo visible-to-nobody"};  // stdin is /dev/null: cat ends at once
    EXPECT_EQ(box.run(spec).exit_code, 0);
}

TEST_F(Client, ExitStatusOneIsASandboxErrorWithItsDiagnostics) {
    KhueBoxClient box(dir_ / "khue-box");
    ::setenv("FAKE_BOX_FAIL", "1", 1);
    RunSpec spec;
    spec.argv = {"/bin/true"};
    try {
        box.run(spec);
        FAIL() << "expected SandboxError";
    } catch (const SandboxError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot create cgroup"), std::string::npos) << e.what();
    }
}

TEST_F(Client, UnreadableResultIsASandboxError) {
    KhueBoxClient box(dir_ / "khue-box");
    ::setenv("FAKE_BOX_GARBAGE", "1", 1);
    RunSpec spec;
    spec.argv = {"/bin/true"};
    EXPECT_THROW(box.run(spec), SandboxError);
}

TEST_F(Client, MissingKhueBoxIsASandboxError) {
    KhueBoxClient box(dir_ / "no-such-khue-box");
    RunSpec spec;
    spec.argv = {"/bin/true"};
    EXPECT_THROW(box.run(spec), SandboxError);
}

TEST_F(Client, ConnectedProgramsTalkThroughPipes) {
    KhueBoxClient box(dir_ / "khue-box");
    RunSpec validator;
    validator.argv = {"/bin/sh", "-c", "echo ping; read reply; [ \"$reply\" = pong ] && exit 42; exit 43"};
    RunSpec submission;
    submission.argv = {"/bin/sh", "-c", "read x; [ \"$x\" = ping ] && echo pong"};
    const auto reports = box.run_connected(validator, submission);
    EXPECT_EQ(reports.first.exit_code, 42);
    EXPECT_EQ(reports.second.exit_code, 0);
}

TEST_F(Client, NoDeadlockWhenOneSideFloodsAndTheOtherLeaves) {
    KhueBoxClient box(dir_ / "khue-box");
    RunSpec flood;
    flood.argv = {"/usr/bin/yes"};
    RunSpec leaver;
    leaver.argv = {"/bin/sh", "-c", "read x; exit 0"};
    const auto reports = box.run_connected(flood, leaver);
    EXPECT_EQ(reports.first.status, RunStatus::Signaled) << "yes dies of SIGPIPE once the reader is gone";
    EXPECT_FALSE(reports.first_ended_first);
}

TEST_F(Client, NoDeadlockWhenNeitherSideReads) {
    KhueBoxClient box(dir_ / "khue-box");
    RunSpec quiet;
    quiet.argv = {"/bin/sh", "-c", "exit 43"};
    RunSpec waiting;
    waiting.argv = {"/bin/sh", "-c", "cat > /dev/null"};  // ends at EOF, once the other side is gone
    const auto reports = box.run_connected(quiet, waiting);
    EXPECT_EQ(reports.first.exit_code, 43);
    EXPECT_TRUE(reports.first_ended_first);
}

TEST(FakeBoxTest, RecordsCallsAndAnswersFromTheHandler) {
    FakeBox box([](const RunSpec& spec) {
        RunReport r;
        r.status = RunStatus::Exited;
        r.exit_code = static_cast<int>(spec.argv.size());
        return r;
    });
    RunSpec spec;
    spec.argv = {"a", "b"};
    EXPECT_EQ(box.run(spec).exit_code, 2);
    ASSERT_EQ(box.calls().size(), 1u);
    EXPECT_THROW(box.run_connected(spec, spec), std::logic_error);
}

}  // namespace
}  // namespace khue::judge
