// Box slots and box cleanup (issue: leftovers poison later submissions). A worker slot's KhueBoxClient runs
// the submission in its own box id and every helper (checker, output validator, interactor) in a second id of
// its own, never in the submission's slot and never in "the first free"; and a box folder is emptied whatever
// a program left in it, or the job fails loudly with SandboxError.
#include "khue/judge/box.hpp"
#include "khue/judge/checker.hpp"
#include "khue/judge/compile.hpp"
#include "khue/judge/remove_tree.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace khue::judge {
namespace {

namespace fs = std::filesystem;

// A stand-in khue-box that logs "<box id or -> <program>" and reports a clean exit.
const char* const kLoggingKhueBox = R"(#!/bin/bash
result=""; id="-"
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    session) echo "this stand-in has no session mode" >&2; exit 1 ;;
    run) shift ;;
    --result) result="$2"; shift 2 ;;
    --box-id) id="$2"; shift 2 ;;
    *) shift 2 ;;
  esac
done
shift
echo "$id $1" >> "$(dirname "$0")/log"
printf '{"status":"exited","exit_code":0,"signal":null,"cpu_time":0.01,"wall_time":0.01,"memory_kib":100,"oom_killed":false,"message":""}' > "$result"
)";

class Slots : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = tmp_.path();
        ::setenv("KHUE_BOX_SUDO", "0", 1);  // the stand-in runs directly, whoever runs the tests
        std::ofstream(dir_ / "khue-box") << kLoggingKhueBox;
        fs::permissions(dir_ / "khue-box", fs::perms::owner_all);
    }
    std::string log() {
        std::ifstream in(dir_ / "log");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    khue::test::TempDir tmp_{"khue-slots-test"};
    fs::path dir_;
};

TEST_F(Slots, HelpersRunInTheirOwnSlotAndTheSubmissionInItsOwn) {
    KhueBoxClient box(dir_ / "khue-box", 6, 7);
    RunSpec submission;
    submission.argv = {"submission"};
    RunSpec checker;
    checker.argv = {"checker"};
    checker.helper = true;
    box.run(submission);
    box.run(checker);
    EXPECT_EQ(log(), "6 submission\n7 checker\n");
}

TEST_F(Slots, InteractiveRunsGetBothFixedSlotsNotTheFirstFree) {
    KhueBoxClient box(dir_ / "khue-box", 6, 7);
    RunSpec validator;
    validator.argv = {"/bin/true"};
    validator.helper = true;
    RunSpec submission;
    submission.argv = {"/bin/true"};
    box.run_connected(validator, submission);
    const auto text = log();
    EXPECT_NE(text.find("7 /bin/true"), std::string::npos) << text;
    EXPECT_NE(text.find("6 /bin/true"), std::string::npos) << text;
    EXPECT_EQ(text.find("- "), std::string::npos) << "no run may take the first free slot: " << text;
}

TEST_F(Slots, TheKattisValidatorSpecIsAHelper) {
    Language lang;
    lang.id = "c";
    lang.run = {"{dir}/main"};
    Executable exe;
    exe.language = &lang;
    exe.dir = dir_;
    CheckFiles files{dir_ / "in", dir_ / "ans", dir_ / "out", dir_ / "fb", {}};
    EXPECT_TRUE(kattis_validator_spec(exe, files, ValidationLimits{}).helper);
}

TEST(BoxLaunch, ThroughSudoOnlyKhueBoxRunsAsRootWithoutPrompting) {
    auto [exe, argv] = khue_box_launch("/opt/khue/khue-box", true, {"run", "--box-id", "3"});
    EXPECT_EQ(exe, "/usr/bin/sudo");
    EXPECT_EQ(argv, (std::vector<std::string>{"-n", "--", "/opt/khue/khue-box", "run", "--box-id", "3"}));
    auto [direct, args] = khue_box_launch("/opt/khue/khue-box", false, {"run"});
    EXPECT_EQ(direct, "/opt/khue/khue-box");
    EXPECT_EQ(args, (std::vector<std::string>{"run"}));
    ::setenv("KHUE_BOX_SUDO", "1", 1);
    EXPECT_TRUE(box_via_sudo());
    ::setenv("KHUE_BOX_SUDO", "0", 1);
    EXPECT_FALSE(box_via_sudo());
    ::unsetenv("KHUE_BOX_SUDO");
    EXPECT_EQ(box_via_sudo(), ::geteuid() != 0);
}

// Wave 1 emptied box folders with std::filesystem::remove_all and ignored its error: a chain of folders
// deeper than the open-file limit survived, and the next run saw it (and its pages stayed charged).
TEST(BoxCleanup, EmptiesAChainDeeperThanTheOpenFileLimit) {
    khue::test::TempDir tmp("khue-cleanup-test");
    const fs::path box = tmp.path();
    rlimit old{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &old), 0);
    rlimit low = old;
    low.rlim_cur = std::min<rlim_t>(old.rlim_cur, 128);
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
    // 3000 levels, built one openat at a time, plus a marker file, a symlink out of the box and a folder
    // without permissions.
    int fd = ::open(box.c_str(), O_RDONLY | O_DIRECTORY);
    ASSERT_GE(fd, 0);
    for (int i = 0; i < 3000; ++i) {
        ASSERT_EQ(::mkdirat(fd, "d", 0700), 0);
        const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY);
        ::close(fd);
        ASSERT_GE(next, 0);
        fd = next;
    }
    ::close(::openat(fd, "marker", O_CREAT | O_WRONLY, 0600));
    ::close(fd);
    const fs::path outside = box.string() + "-outside";
    fs::create_directories(outside);
    std::ofstream(outside / "keep") << "host file";
    fs::create_directory_symlink(outside, box / "link");
    fs::create_directories(box / "locked" / "inner");
    ::chmod((box / "locked").c_str(), 0);

    EXPECT_NO_THROW(empty_directory(box));
    ::setrlimit(RLIMIT_NOFILE, &old);
    EXPECT_TRUE(fs::exists(box));
    EXPECT_TRUE(fs::is_empty(box));
    EXPECT_TRUE(fs::exists(outside / "keep")) << "a symlink is removed, never followed";
    remove_tree(box);
    EXPECT_FALSE(fs::exists(box));
    fs::remove_all(outside);
}

TEST(BoxCleanup, AFolderThatCannotBeEmptiedThrowsSandboxError) {
    EXPECT_THROW(empty_directory("/proc/self"), SandboxError);
    EXPECT_NO_THROW(remove_tree("/nonexistent/khue/path"));
}

}  // namespace
}  // namespace khue::judge
