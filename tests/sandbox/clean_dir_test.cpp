#include "clean_dir.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "khue/sandbox/error.hpp"
#include "khue/test/temp_dir.hpp"

using namespace khue::sandbox;
namespace stdfs = std::filesystem;

namespace {

class SandboxCleanDir : public ::testing::Test {
  protected:
    void SetUp() override {
        top_ = tmp_.path();
        stdfs::create_directories(top_ / "box");
        stdfs::create_directories(top_ / "outside");
        std::ofstream(top_ / "outside" / "canary") << "keep me";
        fd_ = ::open((top_ / "box").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ASSERT_GE(fd_, 0);
    }
    void TearDown() override {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        // Whatever a failed test left, as the cleaner itself would.
        int top = ::open(top_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (top >= 0) {
            try {
                empty_folder(top, "teardown");
            } catch (const std::exception&) {
            }
            ::close(top);
        }
    }

    // A chain of `depth` folders below box/, each made relative to the one above (no path is ever longer
    // than one name), with a symlink to outside/ every 100 levels and the deepest folder chmod'ed to 000.
    void build_chain(int depth) {
        int cur = ::dup(fd_);
        for (int i = 0; i < depth; ++i) {
            ASSERT_EQ(::mkdirat(cur, "d", 0700), 0) << i;
            if (i % 100 == 0) {
                ASSERT_EQ(::symlinkat((top_ / "outside").c_str(), cur, "link"), 0);
                int f = ::openat(cur, "file", O_CREAT | O_WRONLY | O_CLOEXEC, 0000);
                ASSERT_GE(f, 0);
                ASSERT_EQ(::write(f, "x", 1), 1);
                ::close(f);
            }
            int next = ::openat(cur, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            ASSERT_GE(next, 0);
            ::close(cur);
            cur = next;
        }
        ::fchmod(cur, 0);
        ::close(cur);
    }

    khue::test::TempDir tmp_{"khue-clean-test", "/tmp"};
    stdfs::path top_;
    int fd_ = -1;
};

TEST_F(SandboxCleanDir, EmptiesAChainDeeperThanTheOpenFileLimitWithoutFollowingSymlinks) {
    build_chain(3000);
    // Far fewer descriptors than levels: a walk holding one per level would fail.
    rlimit old{};
    ::getrlimit(RLIMIT_NOFILE, &old);
    rlimit low{64, old.rlim_max};
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
    EXPECT_NO_THROW(empty_folder(fd_, "test"));
    ::setrlimit(RLIMIT_NOFILE, &old);
    EXPECT_TRUE(stdfs::is_empty(top_ / "box"));
    EXPECT_TRUE(stdfs::exists(top_ / "box"));
    EXPECT_TRUE(stdfs::exists(top_ / "outside" / "canary")) << "a symlink was followed";
}

TEST_F(SandboxCleanDir, EmptiesWideFoldersAndUnreadableFiles) {
    for (int i = 0; i < 500; ++i) {
        stdfs::create_directories(top_ / "box" / ("w" + std::to_string(i)) / "x");
        std::ofstream(top_ / "box" / ("f" + std::to_string(i))) << i;
    }
    ::chmod((top_ / "box" / "w7").c_str(), 0);
    ::mkfifo((top_ / "box" / "fifo").c_str(), 0);
    EXPECT_NO_THROW(empty_folder(fd_, "test"));
    EXPECT_TRUE(stdfs::is_empty(top_ / "box"));
}

TEST_F(SandboxCleanDir, ASymlinkAsTheTopFolderIsNotAFolder) {
    stdfs::create_directory_symlink(top_ / "outside", top_ / "box" / "top");
    int link = ::open((top_ / "box" / "top").c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
    ASSERT_GE(link, 0);
    EXPECT_THROW(empty_folder(link, "test"), SandboxError);
    ::close(link);
    EXPECT_TRUE(stdfs::exists(top_ / "outside" / "canary"));
}

}  // namespace
