#include "khue/sandbox/trust.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "khue/sandbox/error.hpp"
#include "khue/test/temp_dir.hpp"

using namespace khue::sandbox;
namespace stdfs = std::filesystem;

TEST(SandboxTrust, RootsFileIsOneAbsolutePathPerLine) {
    auto roots = parse_roots("# judge folders\n/srv/khue\n\n  /data/khue/packages  \r\n", "box-roots");
    ASSERT_EQ(roots.size(), 2u);
    EXPECT_EQ(roots[0], "/srv/khue");
    EXPECT_EQ(roots[1], "/data/khue/packages");
    try {
        parse_roots("/ok\nrelative/path\n", "box-roots");
        FAIL() << "a relative root was accepted";
    } catch (const SandboxError& e) {
        EXPECT_NE(std::string(e.what()).find("box-roots line 2"), std::string::npos) << e.what();
    }
}

TEST(SandboxTrust, UnderRootsComparesWholeComponents) {
    std::vector<std::string> roots = {"/dev/shm/khue", "/var/lib/khue"};
    EXPECT_TRUE(under_roots(roots, "/dev/shm/khue"));
    EXPECT_TRUE(under_roots(roots, "/dev/shm/khue/work/run"));
    EXPECT_FALSE(under_roots(roots, "/dev/shm/khue-other/x"));
    EXPECT_FALSE(under_roots(roots, "/etc/shadow"));
    EXPECT_FALSE(under_roots(roots, "/var/lib"));
    EXPECT_TRUE(under_roots({""}, "/anything")) << "\"\" stands for the root folder /";
}

TEST(SandboxTrust, RootsFileMustBeOwnedByRootAndNotWritableByOthers) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "needs root to make root-owned folders";
    }
    // /run is root-owned and not world-writable, unlike /tmp.
    khue::test::TempDir tmp("khue-roots-test", "/run");
    const stdfs::path dir = tmp.path();
    ::chmod(dir.c_str(), 0755);
    stdfs::path file = dir / "box-roots";
    EXPECT_FALSE(check_roots_file(file.string())) << "a missing file means no extra roots";
    std::ofstream(file) << "/srv/khue\n";
    ::chmod(file.c_str(), 0644);
    EXPECT_TRUE(check_roots_file(file.string()));
    ::chmod(file.c_str(), 0664);
    EXPECT_THROW(check_roots_file(file.string()), SandboxError) << "group-writable file";
    ::chmod(file.c_str(), 0644);
    ::chmod(dir.c_str(), 0777);
    EXPECT_THROW(check_roots_file(file.string()), SandboxError) << "world-writable folder above it";
    ::chmod(dir.c_str(), 0755);
    ASSERT_EQ(::chown(file.c_str(), 65534, 65534), 0);
    EXPECT_THROW(check_roots_file(file.string()), SandboxError) << "file not owned by root";
}

TEST(SandboxTrust, SudoEnvironmentIsNotPlainRoot) {
    if (::getuid() != 0) {
        EXPECT_FALSE(caller_is_plain_root());
        return;
    }
    ::unsetenv("SUDO_UID");
    EXPECT_TRUE(caller_is_plain_root());
    ::setenv("SUDO_UID", "1000", 1);
    EXPECT_FALSE(caller_is_plain_root());
    // KHUE_BOX_ROOTS cannot widen what a sudo caller may name.
    ::setenv("KHUE_BOX_ROOTS", "/", 1);
    PathPolicy p = load_path_policy();
    EXPECT_TRUE(p.restricted);
    EXPECT_FALSE(under_roots(p.roots, "/etc/shadow"));
    ::unsetenv("SUDO_UID");
    ::unsetenv("KHUE_BOX_ROOTS");
    EXPECT_FALSE(load_path_policy().restricted);
}
