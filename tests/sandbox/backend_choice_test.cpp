#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "khue/sandbox/cgroup.hpp"
#include "khue/test/temp_dir.hpp"

using namespace khue::sandbox;

TEST(SandboxBackend, PrefersCompleteV2ThenCompleteV1ThenRlimit) {
    const ControllerSet all{true, true, true};
    const ControllerSet no_cpu{true, true, false};
    const ControllerSet no_memory{false, true, true};
    const ControllerSet none{};
    EXPECT_EQ(choose_backend(all, all), LimitsBackend::CgroupV2);
    EXPECT_EQ(choose_backend(all, none), LimitsBackend::CgroupV2);
    EXPECT_EQ(choose_backend(no_cpu, all), LimitsBackend::CgroupV1);
    EXPECT_EQ(choose_backend(no_memory, all), LimitsBackend::CgroupV1);
    EXPECT_EQ(choose_backend(none, all), LimitsBackend::CgroupV1);
    EXPECT_EQ(choose_backend(no_cpu, no_memory), LimitsBackend::Rlimit);
    EXPECT_EQ(choose_backend(none, none), LimitsBackend::Rlimit);
}

TEST(SandboxBackend, Names) {
    EXPECT_EQ(to_string(LimitsBackend::CgroupV2), "cgroup-v2");
    EXPECT_EQ(to_string(LimitsBackend::CgroupV1), "cgroup-v1");
    EXPECT_EQ(to_string(LimitsBackend::Rlimit), "rlimit");
}

namespace {

struct FakeV2Root {
    explicit FakeV2Root(const std::string& controllers) {
        std::ofstream(dir + "/cgroup.controllers") << controllers << "\n";
        ::setenv("KHUE_CGROUP_V2_ROOT", dir.c_str(), 1);
    }
    ~FakeV2Root() { ::unsetenv("KHUE_CGROUP_V2_ROOT"); }
    khue::test::TempDir tmp{"khue-fake-v2", "/tmp"};
    std::string dir = tmp.path().string();
};

}  // namespace

TEST(SandboxBackend, ProbeReadsTheV2ControllersOfTheRootItIsGiven) {
    FakeV2Root fake("cpuset cpu io memory hugetlb pids rdma misc");
    CgroupProbe p = probe_cgroups();
    EXPECT_EQ(p.v2_parent, fake.dir);
    EXPECT_TRUE(p.v2.complete());
    EXPECT_EQ(p.backend, LimitsBackend::CgroupV2);
}

TEST(SandboxBackend, ProbeSkipsV2WithoutTheMemoryController) {
    FakeV2Root fake("cpu io pids");
    CgroupProbe p = probe_cgroups();
    EXPECT_FALSE(p.v2.memory);
    EXPECT_TRUE(p.v2.cpu);
    EXPECT_NE(p.backend, LimitsBackend::CgroupV2);
}
