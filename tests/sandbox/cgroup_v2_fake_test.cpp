// The cgroup v2 backend against a fake cgroup tree of plain files (this host cannot mount a v2 memory
// controller). The test plays the kernel: it fills the counter files before and after "the run".
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "khue/sandbox/cgroup.hpp"
#include "khue/sandbox/error.hpp"
#include "khue/test/temp_dir.hpp"

using namespace khue::sandbox;
namespace stdfs = std::filesystem;

namespace {

class SandboxCgroupV2Fake : public ::testing::Test {
  protected:
    void SetUp() override {
        parent_ = tmp_.path();
        box_ = parent_ / "khue" / "box-3";
        stdfs::create_directories(box_);
        for (const char* f :
             {"memory.max", "memory.swap.max", "pids.max", "cgroup.procs", "cgroup.kill", "memory.peak"}) {
            write(box_ / f, "");
        }
        write(box_ / "cpu.stat", "usage_usec 1000\nuser_usec 600\nsystem_usec 400\n");
        write(box_ / "memory.events", "low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\noom_group_kill 0\n");
    }

    static void write(const stdfs::path& p, const std::string& content) {
        std::ofstream(p, std::ios::trunc) << content;
    }
    static std::string read(const stdfs::path& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

    khue::test::TempDir tmp_{"khue-fake-cgroup", "/tmp"};
    stdfs::path parent_, box_;
};

}  // namespace

TEST_F(SandboxCgroupV2Fake, PrepareWritesLimitsAndResetsThePeak) {
    auto cg = make_cgroup_v2(parent_, 3);
    EXPECT_EQ(cg->backend_name(), "cgroup-v2");
    cg->prepare({mib(256), 65});
    EXPECT_EQ(read(box_ / "memory.max"), "268435456");
    EXPECT_EQ(read(box_ / "memory.swap.max"), "0");
    EXPECT_EQ(read(box_ / "pids.max"), "65");
    EXPECT_EQ(read(box_ / "memory.peak"), "reset\n");
    // The init is born in the cgroup with clone3(CLONE_INTO_CGROUP) instead of being moved.
    EXPECT_GE(cg->clone_into_fd(), 0);
    EXPECT_TRUE(cg->self_attach_fds().empty());
}

TEST_F(SandboxCgroupV2Fake, NoMemoryLimitWritesMax) {
    auto cg = make_cgroup_v2(parent_, 3);
    cg->prepare({std::nullopt, 10});
    EXPECT_EQ(read(box_ / "memory.max"), "max");
}

TEST_F(SandboxCgroupV2Fake, StatsAreDeltasSincePrepare) {
    auto cg = make_cgroup_v2(parent_, 3);
    cg->prepare({mib(64), 65});
    EXPECT_EQ(cg->cpu_time(), Micros{0});
    // The run: 250 ms of CPU, 5 MiB peak, one OOM kill.
    write(box_ / "cpu.stat", "usage_usec 251000\nuser_usec 200000\nsystem_usec 51000\n");
    write(box_ / "memory.peak", "5242880\n");
    write(box_ / "memory.events", "low 0\nhigh 0\nmax 9\noom 3\noom_kill 3\noom_group_kill 0\n");
    EXPECT_EQ(cg->cpu_time(), Micros{250'000});
    CgroupStats st = cg->stats();
    EXPECT_EQ(st.cpu_time, Micros{250'000});
    EXPECT_EQ(st.peak_memory, mib(5));
    EXPECT_TRUE(st.oom_killed);
}

TEST_F(SandboxCgroupV2Fake, NextRunStartsFromZero) {
    auto cg = make_cgroup_v2(parent_, 3);
    cg->prepare({mib(64), 65});
    write(box_ / "cpu.stat", "usage_usec 251000\n");
    write(box_ / "memory.events", "oom_kill 3\n");
    cg->prepare({mib(64), 65});  // the next run of the same slot reuses the cgroup
    EXPECT_EQ(read(box_ / "memory.peak"), "reset\n");
    write(box_ / "memory.peak", "4096\n");
    CgroupStats st = cg->stats();
    EXPECT_EQ(st.cpu_time, Micros{0});
    EXPECT_FALSE(st.oom_killed);
    EXPECT_EQ(st.peak_memory, kib(4));
}

TEST_F(SandboxCgroupV2Fake, AttachWritesThePid) {
    auto cg = make_cgroup_v2(parent_, 3);
    cg->prepare({mib(64), 65});
    cg->attach(4242);
    EXPECT_EQ(read(box_ / "cgroup.procs"), "4242");
    EXPECT_TRUE(cg->self_attach_fds().empty());
}

TEST_F(SandboxCgroupV2Fake, KillAllUsesCgroupKill) {
    auto cg = make_cgroup_v2(parent_, 3);
    cg->prepare({mib(64), 65});
    cg->kill_all();  // cgroup.procs is empty: nothing to wait for
    EXPECT_EQ(read(box_ / "cgroup.kill"), "1");
}

TEST_F(SandboxCgroupV2Fake, UndelegatedParentGivesAClearError) {
    // A slot whose cgroup does not exist yet must be created, which needs the parent's subtree_control.
    auto cg = make_cgroup_v2(parent_, 4);
    try {
        cg->prepare({mib(64), 65});
        FAIL() << "prepare succeeded without cgroup.subtree_control";
    } catch (const SandboxError& e) {
        EXPECT_NE(std::string(e.what()).find("delegated"), std::string::npos) << e.what();
    }
}

TEST_F(SandboxCgroupV2Fake, LeftoverMemoryOfAnEarlierRunRecreatesOrRefusesTheSlot) {
    // 200 MiB still charged (e.g. files an earlier program left on tmpfs): that cgroup must not be reused. A
    // real cgroup folder is removed and made again; the fake one holds plain files, so rmdir fails, and the
    // slot must then be refused rather than run with the leftover.
    write(box_ / "memory.current", "209715200\n");
    auto cg = make_cgroup_v2(parent_, 3);
    try {
        cg->prepare({mib(128), 65});
        FAIL() << "a slot with 200 MiB left over was used";
    } catch (const SandboxError& e) {
        EXPECT_NE(std::string(e.what()).find("slot refused"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("204800 KiB"), std::string::npos) << e.what();
    }
    EXPECT_EQ(read(box_ / "memory.max"), "") << "no limit may be written to the dirty cgroup";
}

TEST_F(SandboxCgroupV2Fake, LittleLeftoverMemoryKeepsTheCgroup) {
    write(box_ / "memory.current", "204800\n");
    auto cg = make_cgroup_v2(parent_, 3);
    cg->prepare({mib(128), 65});
    EXPECT_EQ(read(box_ / "memory.max"), "134217728");
}
