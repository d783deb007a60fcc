#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/seccomp.h>

#include "seccomp_policy.hpp"

using namespace khue::sandbox;

// libseccomp is trusted to add the x32 check (nr >= 0x40000000 -> bad-arch action) to an x86_64 filter; this
// test keeps that trust checked against the installed version.
TEST(SandboxSeccomp, FilterKillsForeignArchitecturesAndX32) {
    SeccompProgram p = build_seccomp_policy();
    ASSERT_FALSE(p.filter.empty());
    bool arch_check = false, x32_check = false, kill_process = false;
    for (const sock_filter& f : p.filter) {
        if (f.code == (BPF_JMP | BPF_JEQ | BPF_K) && f.k == AUDIT_ARCH_X86_64) {
            arch_check = true;
        }
        if (f.code == (BPF_JMP | BPF_JGE | BPF_K) && f.k == 0x40000000U) {
            x32_check = true;
        }
        if (f.code == (BPF_RET | BPF_K) && f.k == SECCOMP_RET_KILL_PROCESS) {
            kill_process = true;
        }
    }
    EXPECT_TRUE(arch_check);
    EXPECT_TRUE(x32_check);
    EXPECT_TRUE(kill_process);
}

TEST(SandboxSeccomp, PolicyNamesTheDeniedCalls) {
    std::string text = seccomp_policy_text();
    for (const char* name : {"ptrace", "mount", "unshare", "setns", "bpf", "io_uring_setup", "clone3",
                             "keyctl", "personality", "ioctl", "perf_event_open", "userfaultfd", "pivot_root",
                             "socket", "socketpair", "flock", "fcntl", "inotify_init1", "fanotify_init"}) {
        EXPECT_NE(text.find(std::string("\"") + name + "\""), std::string::npos) << name;
    }
}
