// clone3(CLONE_INTO_CGROUP), which the v2 backend uses, against the real cgroup2 mount of this host (which
// has no memory controller, so the rest of the v2 backend is tested against a fake tree). Needs root; skips
// without it or without a cgroup2 mount. Creates only khue/clone3-test-PID under khue-box's own v2 cgroup.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "khue/sandbox/cgroup.hpp"
#include "spawn.hpp"

using namespace khue::sandbox;

TEST(SandboxClone3, ChildIsBornInTheGivenCgroup) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "needs root";
    }
    CgroupProbe probe = probe_cgroups();
    if (probe.v2_parent.empty()) {
        GTEST_SKIP() << "no cgroup2 mount";
    }
    std::string khue = probe.v2_parent + "/khue";
    std::string leaf = "clone3-test-" + std::to_string(::getpid());
    std::string dir = khue + "/" + leaf;
    ::mkdir(khue.c_str(), 0755);
    ASSERT_EQ(::mkdir(dir.c_str(), 0755), 0) << dir << ": " << std::strerror(errno);
    int cg = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(cg, 0);
    int out[2];
    ASSERT_EQ(::pipe(out), 0);

    int pidfd = -1;
    pid_t pid = clone3_into_cgroup(0, cg, &pidfd);
    if (pid == 0) {
        // The child: system calls only.
        char buf[4096];
        int f = ::open("/proc/self/cgroup", O_RDONLY);
        ssize_t n = f < 0 ? 0 : ::read(f, buf, sizeof buf);
        [[maybe_unused]] ssize_t w = ::write(out[1], buf, n > 0 ? static_cast<std::size_t>(n) : 0);
        ::_exit(0);
    }
    int err = errno;
    ::close(out[1]);
    std::string seen;
    if (pid > 0) {
        char buf[4096];
        ssize_t n = 0;
        while ((n = ::read(out[0], buf, sizeof buf)) > 0) {
            seen.append(buf, static_cast<std::size_t>(n));
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    ::close(out[0]);
    ::close(cg);
    if (pidfd >= 0) {
        ::close(pidfd);
    }
    ::rmdir(dir.c_str());
    ::rmdir(khue.c_str());  // only when nothing else lives there
    ASSERT_GT(pid, 0) << "clone3: " << std::strerror(err);
    EXPECT_GE(pidfd, 0);
    EXPECT_NE(seen.find("0::"), std::string::npos) << seen;
    EXPECT_NE(seen.find("/khue/" + leaf + "\n"), std::string::npos) << seen;
}
