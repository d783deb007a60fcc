#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "khue/sandbox/args.hpp"

using namespace khue::sandbox;

namespace {

CommandLine parse(std::vector<std::string_view> args) {
    return parse_command_line(args);
}

// The message of the UsageError thrown for `args`, or "" when parsing succeeds.
std::string usage_error(std::vector<std::string_view> args) {
    try {
        parse(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(SandboxArgs, ParsesEveryRunOption) {
    auto cl = parse({"run",
                     "--time",
                     "1.5",
                     "--wall-time",
                     "4",
                     "--memory",
                     "256",
                     "--processes",
                     "8",
                     "--output",
                     "16",
                     "--stdin",
                     "in.txt",
                     "--stdout",
                     "out.txt",
                     "--stderr",
                     "err.txt",
                     "--dir",
                     "/w",
                     "--mount",
                     "/host/a:/judge/a",
                     "--mount",
                     "/host/b:/judge/b:rw",
                     "--env",
                     "A=1",
                     "--env",
                     "B=x=y",
                     "--tmp-size",
                     "32",
                     "--box-id",
                     "7",
                     "--result",
                     "-",
                     "--",
                     "prog",
                     "--time",
                     "x"});
    ASSERT_EQ(cl.command, Command::Run);
    const BoxConfig& c = cl.config;
    EXPECT_EQ(c.cpu_time_limit, Micros{1'500'000});
    EXPECT_EQ(c.wall_time_limit, Micros{4'000'000});
    EXPECT_EQ(c.memory_limit, mib(256));
    EXPECT_EQ(c.max_processes, 8u);
    EXPECT_EQ(c.output_limit, mib(16));
    EXPECT_EQ(c.stdin_path, "in.txt");
    EXPECT_EQ(c.stdout_path, "out.txt");
    EXPECT_EQ(c.stderr_path, "err.txt");
    EXPECT_EQ(c.work_dir, "/w");
    ASSERT_EQ(c.mounts.size(), 2u);
    EXPECT_EQ(c.mounts[0].inside_path, "/judge/a");
    EXPECT_FALSE(c.mounts[0].writable);
    EXPECT_TRUE(c.mounts[1].writable);
    EXPECT_EQ(c.env, (std::vector<std::string>{"A=1", "B=x=y"}));
    EXPECT_EQ(c.tmp_size, mib(32));
    EXPECT_EQ(c.box_id, 7);
    EXPECT_EQ(c.result_path, "-");
    // Everything after "--" belongs to the program, flags included.
    EXPECT_EQ(c.argv, (std::vector<std::string>{"prog", "--time", "x"}));
}

TEST(SandboxArgs, DefaultsAreDocumented) {
    const BoxConfig c = parse({"run", "--", "prog"}).config;
    EXPECT_FALSE(c.cpu_time_limit);
    EXPECT_FALSE(c.memory_limit);
    EXPECT_EQ(c.max_processes, 64u);
    EXPECT_EQ(c.output_limit, mib(64));
    EXPECT_EQ(c.tmp_size, mib(64));
    EXPECT_EQ(c.effective_wall_time_limit(), std::chrono::seconds{10});
}

TEST(SandboxArgs, WallTimeDefaultsToTwiceCpuPlusOneSecond) {
    EXPECT_EQ(parse({"run", "--time", "2", "--", "p"}).config.effective_wall_time_limit(),
              std::chrono::seconds{5});
    EXPECT_EQ(parse({"run", "--time", "2", "--wall-time", "3", "--", "p"}).config.effective_wall_time_limit(),
              std::chrono::seconds{3});
}

TEST(SandboxArgs, UnknownFlagIsNamed) {
    EXPECT_NE(usage_error({"run", "--bogus", "--", "p"}).find("--bogus"), std::string::npos);
}

TEST(SandboxArgs, MissingValueIsNamed) {
    EXPECT_NE(usage_error({"run", "--time"}).find("--time: missing value"), std::string::npos);
}

TEST(SandboxArgs, BadNumbersAreRefusedWithTheFlag) {
    EXPECT_NE(usage_error({"run", "--time", "abc", "--", "p"}).find("--time"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--time", "-1", "--", "p"}).find("--time"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--time", "0", "--", "p"}).find("--time"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--memory", "0", "--", "p"}).find("--memory"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--memory", "12x", "--", "p"}).find("--memory"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--box-id", "1000", "--", "p"}).find("--box-id"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--processes", "0", "--", "p"}).find("--processes"), std::string::npos);
}

TEST(SandboxArgs, FlagWithEqualsSignGetsAHint) {
    EXPECT_NE(usage_error({"run", "--time=1", "--", "p"}).find("separate argument"), std::string::npos);
}

TEST(SandboxArgs, RepeatedSingleFlagIsRefused) {
    EXPECT_NE(usage_error({"run", "--time", "1", "--time", "2", "--", "p"}).find("given twice"),
              std::string::npos);
}

TEST(SandboxArgs, MissingProgramIsRefused) {
    EXPECT_NE(usage_error({"run", "--time", "1"}).find("missing program"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--"}).find("missing program"), std::string::npos);
    EXPECT_NE(usage_error({"run", "prog"}).find("after --"), std::string::npos);
}

TEST(SandboxArgs, EnvNeedsNameAndEquals) {
    EXPECT_NE(usage_error({"run", "--env", "NOVALUE", "--", "p"}).find("--env"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--env", "=x", "--", "p"}).find("--env"), std::string::npos);
}

TEST(SandboxArgs, MountMayNotShadowSystemFolders) {
    for (const char* inside :
         {"/proc", "/dev/shm", "/usr", "/usr/lib/x", "/etc", "/lib64", "/bin", "/box", "/tmp/x"}) {
        std::string spec = std::string("/host:") + inside;
        EXPECT_NE(usage_error({"run", "--mount", spec, "--", "p"}).find("would shadow"), std::string::npos)
            << inside;
    }
    // Only whole components count: /library is not /lib.
    EXPECT_EQ(usage_error({"run", "--mount", "/host:/library", "--", "p"}), "");
}

TEST(SandboxArgs, MountPathsAreCheckedAndNormalised) {
    EXPECT_NE(usage_error({"run", "--mount", "host:/judge", "--", "p"}).find("absolute"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--mount", "/host:judge", "--", "p"}).find("absolute"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--mount", "/host:/judge/../proc", "--", "p"}).find(".."),
              std::string::npos);
    EXPECT_NE(usage_error({"run", "--mount", "/host:/", "--", "p"}).find("'/'"), std::string::npos);
    EXPECT_NE(usage_error({"run", "--mount", "/host", "--", "p"}).find("HOST:INSIDE"), std::string::npos);
    auto c = parse({"run", "--mount", "/host://judge//x/", "--", "p"}).config;
    EXPECT_EQ(c.mounts.at(0).inside_path, "/judge/x");
}

TEST(SandboxArgs, OtherCommands) {
    EXPECT_EQ(parse({"check"}).command, Command::Check);
    EXPECT_TRUE(parse({"check", "--json"}).json);
    EXPECT_EQ(parse({"cleanup"}).command, Command::Cleanup);
    EXPECT_NE(usage_error({"frobnicate"}).find("frobnicate"), std::string::npos);
    EXPECT_NE(usage_error({}).find("missing command"), std::string::npos);
    EXPECT_NE(usage_error({"check", "--yaml"}).find("--yaml"), std::string::npos);
}

TEST(SandboxArgs, SessionTakesNoArgumentsAndItsRequestsAreRunOptions) {
    EXPECT_EQ(parse({"session"}).command, Command::Session);
    EXPECT_NE(usage_error({"session", "--box-id", "3"}).find("each request carries its own"),
              std::string::npos);
    std::vector<std::string_view> request{"--time", "2", "--box-id", "7", "--", "/bin/echo", "x"};
    const BoxConfig c = parse_run_options(request);
    EXPECT_EQ(c.box_id, 7);
    EXPECT_EQ(c.argv, (std::vector<std::string>{"/bin/echo", "x"}));
    std::vector<std::string_view> bad{"--bogus"};
    EXPECT_THROW(parse_run_options(bad), UsageError);
}

TEST(SandboxArgs, CpusAndCleanDir) {
    auto cl = parse({"run", "--cpus", "1,3-5", "--dir", "/dev/shm/khue/x", "--clean-dir", "--", "/bin/true"});
    EXPECT_EQ(cl.config.cpus, (std::vector<int>{1, 3, 4, 5}));
    EXPECT_TRUE(cl.config.clean_dir);
    EXPECT_TRUE(parse({"run", "--", "/bin/true"}).config.cpus.empty());
    for (const char* bad : {"", "a", "1,", "3-1", "-1", "1024", "0-2000", "1.5"}) {
        try {
            parse({"run", "--cpus", bad, "--", "/bin/true"});
            ADD_FAILURE() << "accepted --cpus '" << bad << "'";
        } catch (const UsageError& e) {
            EXPECT_NE(std::string(e.what()).find("--cpus"), std::string::npos) << e.what();
        }
    }
}
