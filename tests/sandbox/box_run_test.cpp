// Over 600 lines on purpose: one fixture drives the real khue-box for every protection, and the cases read
// best side by side with the shared helpers (BoxRun, the fixtures) they use. Integration tests: the real
// khue-box binary runs real programs. They need root (namespaces, cgroups, uid switching), as CI has, and
// skip themselves otherwise. Each run picks a free slot itself, so they may run in parallel with each other
// and with other users of khue-box on the host.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "khue/test/temp_dir.hpp"

extern char** environ;

namespace {

namespace stdfs = std::filesystem;

std::string read_file(const stdfs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct BoxRun {
    int exit_status = -1;  // of khue-box itself
    std::string result;    // the JSON result file
    std::string err;       // khue-box's (and, unless redirected, the program's) standard error
    std::string out;       // khue-box's (and, unless redirected, the program's) standard output

    // The raw JSON text of a top-level field ("exited" without quotes for strings).
    std::string field(const std::string& name) const {
        std::smatch m;
        std::regex re("\"" + name + "\": (\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}]+)");
        if (!std::regex_search(result, m, re)) {
            return "<missing>";
        }
        return m[2].matched ? m[2].str() : m[1].str();
    }
    double number(const std::string& name) const { return std::stod(field(name)); }
};

class SandboxRun : public ::testing::Test {
  protected:
    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "khue-box needs root";
        }
        scratch_.emplace("khue-box-test", "/tmp");
        tmp_ = scratch_->path();
    }

    BoxRun box(std::vector<std::string> args) {
        std::vector<std::string> argv = {KHUE_BOX_PATH};
        if (!args.empty() && args[0] == "run") {
            argv.push_back("run");
            argv.push_back("--result");
            argv.push_back((tmp_ / "result.json").string());
            args.erase(args.begin());
        }
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char*> cargv;
        for (auto& a : argv) {
            cargv.push_back(a.data());
        }
        cargv.push_back(nullptr);
        stdfs::remove(tmp_ / "result.json");
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, (tmp_ / "khue-box.out").c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, (tmp_ / "khue-box.err").c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        pid_t pid = 0;
        BoxRun r;
        int rc = posix_spawn(&pid, argv[0].c_str(), &fa, nullptr, cargv.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) {
            ADD_FAILURE() << "cannot start " << argv[0];
            return r;
        }
        int status = 0;
        waitpid(pid, &status, 0);
        r.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        r.result = read_file(tmp_ / "result.json");
        r.err = read_file(tmp_ / "khue-box.err");
        r.out = read_file(tmp_ / "khue-box.out");
        return r;
    }

    std::string path(const std::string& name) const { return (tmp_ / name).string(); }

    // Starts `khue-box run --result RESULT ARGS...` without waiting for it.
    static pid_t start_box(const std::string& result, std::vector<std::string> args) {
        std::vector<std::string> argv = {KHUE_BOX_PATH, "run", "--result", result};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char*> cargv;
        for (auto& a : argv) {
            cargv.push_back(a.data());
        }
        cargv.push_back(nullptr);
        pid_t pid = 0;
        EXPECT_EQ(posix_spawn(&pid, argv[0].c_str(), nullptr, nullptr, cargv.data(), environ), 0);
        return pid;
    }
    static int wait_exit(pid_t pid) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    static BoxRun result_of(const std::string& file) {
        BoxRun r;
        r.result = read_file(file);
        return r;
    }

    std::optional<khue::test::TempDir> scratch_;
    stdfs::path tmp_;
};

TEST_F(SandboxRun, ExitCodeIsReported) {
    BoxRun r = box({"run", "--", "/bin/sh", "-c", "exit 3"});
    EXPECT_EQ(r.exit_status, 0) << r.err;
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(r.field("exit_code"), "3");
    EXPECT_EQ(r.field("signal"), "null");
    EXPECT_EQ(r.field("oom_killed"), "false");
    EXPECT_NE(r.field("limits_backend"), "<missing>");
    EXPECT_NE(r.field("box_id"), "null");
}

TEST_F(SandboxRun, SignalIsReported) {
    BoxRun r = box({"run", "--", "/bin/sh", "-c", "kill -SEGV $$"});
    EXPECT_EQ(r.field("status"), "signaled") << r.result;
    EXPECT_EQ(r.field("signal"), "11");
    EXPECT_EQ(r.field("exit_code"), "null");
}

TEST_F(SandboxRun, BusyLoopStopsPromptlyAtTheCpuLimit) {
    // A generous wall limit: the host may be busy, and the CPU limit must win on its own.
    BoxRun r =
        box({"run", "--time", "0.5", "--wall-time", "30", "--", "/bin/sh", "-c", "while :; do :; done"});
    EXPECT_EQ(r.field("status"), "time_limit") << r.result;
    EXPECT_GE(r.number("cpu_time"), 0.5);
    EXPECT_LT(r.number("cpu_time"), 0.5 + 0.1) << "the poll should stop it within a few ms";
}

TEST_F(SandboxRun, CpuTimeCountsEveryProcess) {
    BoxRun r = box({"run", "--time", "0.6", "--wall-time", "30", "--", "/bin/sh", "-c",
                    "sh -c 'while :; do :; done' & sh -c 'while :; do :; done' & wait"});
    EXPECT_EQ(r.field("status"), "time_limit") << r.result;
    EXPECT_GE(r.number("cpu_time"), 0.6);
    EXPECT_LT(r.number("cpu_time"), 0.6 + 0.1);
}

TEST_F(SandboxRun, SleepHitsTheWallLimit) {
    BoxRun r = box({"run", "--time", "5", "--wall-time", "0.3", "--", "/bin/sleep", "10"});
    EXPECT_EQ(r.field("status"), "wall_time_limit") << r.result;
    EXPECT_GE(r.number("wall_time"), 0.3);
    EXPECT_LT(r.number("wall_time"), 3.0);
    EXPECT_LT(r.number("cpu_time"), 0.2);
}

TEST_F(SandboxRun, MemoryLimitIsAnOomKill) {
    BoxRun r = box({"run", "--memory", "64", "--", "/usr/bin/python3", "-c",
                    "x = bytearray(256 * 1024 * 1024); print(len(x))"});
    EXPECT_EQ(r.field("status"), "memory_limit") << r.result;
    EXPECT_EQ(r.field("oom_killed"), "true");
    EXPECT_GE(r.number("memory_kib"), 60 * 1024);
    EXPECT_LE(r.number("memory_kib"), 64 * 1024 + 64);
}

// Memory held in the box's tmpfs is in nobody's size, so at the limit the OOM killer must still find the
// program, not the box's init: the program (and what it starts) always scores highest, and cannot lower it.
TEST_F(SandboxRun, TheProgramIsTheOomKillersFirstChoice) {
    BoxRun r = box(
        {"run", "--", "/bin/sh", "-c",
         "cat /proc/self/oom_score_adj; echo -1000 > /proc/self/oom_score_adj 2>/dev/null || echo refused"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(r.out, "1000\nrefused\n");
    BoxRun full = box({"run", "--memory", "32", "--tmp-size", "128", "--", "/bin/sh", "-c",
                       "head -c 100000000 /dev/zero > /tmp/fill; echo survived"});
    EXPECT_EQ(full.field("status"), "memory_limit") << full.result;
}

TEST_F(SandboxRun, PeakMemoryIsMeasured) {
    BoxRun r = box({"run", "--memory", "256", "--", "/usr/bin/python3", "-c",
                    "x = bytearray(100 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(r.field("oom_killed"), "false");
    EXPECT_GE(r.number("memory_kib"), 100 * 1024);
}

TEST_F(SandboxRun, OutputLimit) {
    BoxRun r = box({"run", "--output", "1", "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
                    "head -c 3000000 /dev/zero"});
    EXPECT_EQ(r.field("status"), "output_limit") << r.result;
    EXPECT_EQ(stdfs::file_size(path("out.txt")), 1024u * 1024u);
}

TEST_F(SandboxRun, ExactlyTheOutputLimitIsAllowed) {
    BoxRun r = box({"run", "--output", "1", "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
                    "head -c 1048576 /dev/zero"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(stdfs::file_size(path("out.txt")), 1024u * 1024u);
}

TEST_F(SandboxRun, StdinAndStdoutFiles) {
    std::ofstream(path("in.txt")) << "hello\nbox\n";
    BoxRun r = box({"run", "--stdin", path("in.txt"), "--stdout", path("out.txt"), "--stderr",
                    path("err.txt"), "--", "/bin/sh", "-c", "cat; echo oops >&2"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "hello\nbox\n");
    EXPECT_EQ(read_file(path("err.txt")), "oops\n");
}

TEST_F(SandboxRun, WithoutStreamOptionsTheProgramSharesOurs) {
    BoxRun r = box({"run", "--", "/bin/sh", "-c", "echo to-stdout; echo to-stderr >&2"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(r.out, "to-stdout\n");
    EXPECT_EQ(r.err, "to-stderr\n");
}

TEST_F(SandboxRun, SymlinkAsStdoutIsRefused) {
    std::ofstream(path("victim")) << "precious";
    stdfs::create_symlink(path("victim"), path("out.txt"));
    BoxRun r = box({"run", "--stdout", path("out.txt"), "--", "/bin/echo", "overwrite"});
    EXPECT_EQ(r.exit_status, 1);
    EXPECT_EQ(r.field("status"), "sandbox_error") << r.result;
    EXPECT_NE(r.field("message").find("--stdout"), std::string::npos);
    EXPECT_NE(r.field("message").find("is a symlink; refused"), std::string::npos) << r.result;
    EXPECT_EQ(read_file(path("victim")), "precious");
}

TEST_F(SandboxRun, SymlinkPlantedByABoxInTheMiddleOfAPathIsRefused) {
    stdfs::create_directory(path("work"));
    stdfs::create_directory(path("host"));
    std::ofstream(path("host/canary")) << "precious";
    // A previous program (box uid) turned a folder of its box into a link to a host folder.
    BoxRun plant = box({"run", "--dir", path("work"), "--env", "T=" + path("host"), "--", "/bin/sh", "-c",
                        "ln -s \"$T\" /box/up"});
    ASSERT_EQ(plant.field("status"), "exited") << plant.result;
    BoxRun out = box({"run", "--stdout", path("work/up/canary"), "--", "/bin/echo", "PWNED"});
    EXPECT_EQ(out.field("status"), "sandbox_error") << out.result;
    EXPECT_NE(out.field("message").find("a symlink owned by uid"), std::string::npos) << out.result;
    BoxRun dir = box({"run", "--dir", path("work/up"), "--", "/bin/sh", "-c", "echo PWNED > /box/canary"});
    EXPECT_EQ(dir.field("status"), "sandbox_error") << dir.result;
    EXPECT_EQ(read_file(path("host/canary")), "precious");
}

TEST_F(SandboxRun, SymlinkPlantedByABoxAsAMountSourceIsRefused) {
    stdfs::create_directory(path("work"));
    // A previous program left /box/etc pointing at the host's /etc; a judge that mounts that path must not
    // bind the host's /etc into the next box.
    BoxRun plant = box({"run", "--dir", path("work"), "--", "/bin/ln", "-s", "/etc", "/box/etc"});
    ASSERT_EQ(plant.field("status"), "exited") << plant.result;
    BoxRun r = box({"run", "--mount", path("work/etc") + ":/judge/etc", "--", "/bin/true"});
    EXPECT_EQ(r.field("status"), "sandbox_error") << r.result;
    EXPECT_NE(r.field("message").find("a symlink owned by uid"), std::string::npos) << r.result;
}

TEST_F(SandboxRun, FifoAsStdoutIsRefusedWithoutHanging) {
    ASSERT_EQ(::mkfifo(path("out.txt").c_str(), 0644), 0);
    BoxRun r = box({"run", "--stdout", path("out.txt"), "--", "/bin/echo", "x"});
    EXPECT_EQ(r.exit_status, 1);
    EXPECT_EQ(r.field("status"), "sandbox_error") << r.result;
    EXPECT_NE(r.field("message").find("is a FIFO; refused"), std::string::npos) << r.result;
}

TEST_F(SandboxRun, OnlyTheGivenEnvironment) {
    ::setenv("KHUE_TEST_SECRET", "leak", 1);
    BoxRun r = box(
        {"run", "--env", "A=1", "--env", "B=two words", "--stdout", path("out.txt"), "--", "/usr/bin/env"});
    ::unsetenv("KHUE_TEST_SECRET");
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "A=1\nB=two words\n");
}

TEST_F(SandboxRun, ProgramIsFoundOnThePathItIsGiven) {
    BoxRun r = box({"run", "--env", "PATH=/usr/bin", "--stdout", path("out.txt"), "--", "echo", "found"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "found\n");
    BoxRun missing = box({"run", "--", "no-such-program-khue"});
    EXPECT_EQ(missing.field("status"), "sandbox_error") << missing.result;
    EXPECT_NE(missing.field("message").find("no-such-program-khue"), std::string::npos);
}

TEST_F(SandboxRun, WorkDirIsWritableAndHandedBack) {
    stdfs::create_directory(path("work"));
    struct stat before {};
    ASSERT_EQ(::stat(path("work").c_str(), &before), 0);
    BoxRun r =
        box({"run", "--dir", path("work"), "--", "/bin/sh", "-c", "pwd > where && echo data > /box/f"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("work/where")), "/box\n");
    EXPECT_EQ(read_file(path("work/f")), "data\n");
    struct stat after {};
    ASSERT_EQ(::stat(path("work").c_str(), &after), 0);
    EXPECT_EQ(after.st_uid, before.st_uid);
    EXPECT_EQ(after.st_mode, before.st_mode);
}

TEST_F(SandboxRun, SystemFolderIsNeverHandedToTheBox) {
    for (const char* dir : {"/", "/tmp", "/etc", "/usr/lib"}) {
        struct stat before {};
        ASSERT_EQ(::stat(dir, &before), 0);
        BoxRun r = box({"run", "--dir", dir, "--", "/bin/true"});
        EXPECT_EQ(r.exit_status, 1) << dir;
        EXPECT_NE(r.field("message").find("refusing"), std::string::npos) << r.result;
        struct stat after {};
        ASSERT_EQ(::stat(dir, &after), 0);
        EXPECT_EQ(after.st_uid, before.st_uid) << dir;
    }
}

TEST_F(SandboxRun, SystemFoldersAreReadOnly) {
    BoxRun r = box({"run", "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
                    "touch /usr/x 2>/dev/null && echo usr; touch /x 2>/dev/null && echo root; "
                    "touch /etc/x 2>/dev/null && echo etc; touch /tmp/x && echo tmp-ok"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "tmp-ok\n");
}

TEST_F(SandboxRun, ExtraMountsAreReadOnlyUnlessRw) {
    stdfs::create_directory(path("ro"));
    stdfs::create_directory(path("rw"));
    std::ofstream(path("ro/data")) << "judge data";
    ::chmod(path("rw").c_str(), 0777);
    BoxRun r = box({"run", "--mount", path("ro") + ":/judge/ro", "--mount", path("rw") + ":/judge/rw:rw",
                    "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
                    "cat /judge/ro/data; echo; touch /judge/ro/x 2>/dev/null || echo ro-refused; "
                    "touch /judge/rw/x && echo rw-ok"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "judge data\nro-refused\nrw-ok\n");
}

TEST_F(SandboxRun, NoNetwork) {
    BoxRun r =
        box({"run", "--stdout", path("out.txt"), "--", "/usr/bin/python3", "-c",
             "import socket\n"
             "try:\n"
             "    socket.create_connection(('127.0.0.1', 22), timeout=2); print('connected')\n"
             "except OSError as e:\n"
             "    print('refused')\n"
             "print(sorted(l.split(':')[0].strip() for l in open('/proc/self/net/dev').readlines()[2:]))\n"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    // The socket cannot even be created (AF_INET is refused, SECCOMP.md); were it allowed, the network
    // namespace holds only a loopback interface, and that is down.
    EXPECT_EQ(read_file(path("out.txt")), "refused\n['lo']\n");
}

TEST_F(SandboxRun, HostProcessesAreInvisible) {
    BoxRun r = box({"run", "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
                    "for p in /proc/[0-9]*; do echo ${p#/proc/}; done"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    // Only the shell itself (PID 2): host processes are in another PID namespace, and the init (PID 1, root)
    // is hidden by hidepid.
    EXPECT_EQ(read_file(path("out.txt")), "2\n");
}

TEST_F(SandboxRun, RunsAsAnUnprivilegedUserWithoutCapabilities) {
    BoxRun r = box({"run", "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
                    "grep -E '^(Uid|Gid|Groups|CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status; "
                    "tty >/dev/null 2>&1 && echo has-tty"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    std::string box_id = r.field("box_id");
    std::string uid = std::to_string(60000 + std::stoi(box_id));
    std::string out = read_file(path("out.txt"));
    EXPECT_NE(out.find("Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid), std::string::npos) << out;
    // No supplementary groups (the kernel ends the list with a space).
    EXPECT_NE(out.find("Groups:\t \n"), std::string::npos) << out;
    EXPECT_NE(out.find("CapEff:\t0000000000000000"), std::string::npos) << out;
    EXPECT_NE(out.find("CapBnd:\t0000000000000000"), std::string::npos) << out;
    EXPECT_NE(out.find("NoNewPrivs:\t1"), std::string::npos) << out;
    EXPECT_NE(out.find("Seccomp:\t2"), std::string::npos) << out;
    EXPECT_EQ(out.find("has-tty"), std::string::npos) << out;
}

TEST_F(SandboxRun, SeccompDeniesNamespacesAndPersonality) {
    BoxRun r = box({"run", "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
                    "unshare -n true 2>/dev/null || echo unshare-denied; "
                    "setarch x86_64 -R true 2>/dev/null || echo personality-denied"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "unshare-denied\npersonality-denied\n");
}

TEST_F(SandboxRun, X32SystemCallKillsTheProgram) {
    BoxRun r = box({"run", "--mount", std::string(KHUE_X32_HELPER_PATH) + ":/judge/x32", "--", "/judge/x32"});
    EXPECT_EQ(r.field("status"), "signaled") << r.result << r.out;
    EXPECT_EQ(r.field("signal"), std::to_string(SIGSYS));
}

// Whether this kernel runs i386 system calls (int $0x80) at all: known from the kernel command line
// (ia32_emulation=) or the kernel's config; unknown otherwise.
std::optional<bool> ia32_emulation() {
    std::string cmdline = read_file("/proc/cmdline");
    for (const char* off : {"ia32_emulation=0", "ia32_emulation=false", "ia32_emulation=n"}) {
        if (cmdline.find(off) != std::string::npos) {
            return false;
        }
    }
    bool forced_on = cmdline.find("ia32_emulation=1") != std::string::npos ||
                     cmdline.find("ia32_emulation=true") != std::string::npos;
    struct utsname u {};
    ::uname(&u);
    std::string config = read_file(std::string("/boot/config-") + u.release);
    if (config.empty()) {
        return forced_on ? std::optional<bool>(true) : std::nullopt;
    }
    if (config.find("\nCONFIG_IA32_EMULATION=y") == std::string::npos) {
        return false;
    }
    if (config.find("\nCONFIG_IA32_EMULATION_DEFAULT_DISABLED=y") != std::string::npos) {
        return forced_on;
    }
    return true;
}

TEST_F(SandboxRun, I386SystemCallNeverRuns) {
    // The helper calls exit(42) through int $0x80. What matters on every kernel: the call never ran (no exit
    // status 42, nothing printed after it) and the program died. Which signal killed it depends on the
    // kernel: SIGSYS from the seccomp filter where IA32 emulation exists, SIGSEGV from the CPU where it does
    // not.
    BoxRun r = box({"run", "--stdout", path("out.txt"), "--mount",
                    std::string(KHUE_X32_HELPER_PATH) + ":/judge/x32", "--", "/judge/x32", "int80"});
    EXPECT_EQ(r.field("status"), "signaled") << r.result;
    EXPECT_NE(r.field("exit_code"), "42") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "");
    auto ia32 = ia32_emulation();
    if (ia32 == true) {
        EXPECT_EQ(r.field("signal"), std::to_string(SIGSYS)) << "IA32 emulation is on: the filter must kill";
    } else {
        EXPECT_TRUE(r.field("signal") == std::to_string(SIGSYS) ||
                    r.field("signal") == std::to_string(SIGSEGV))
            << r.result;
    }
}

TEST_F(SandboxRun, OnlyUnixSocketsMayBeCreated) {
    BoxRun r =
        box({"run", "--stdout", path("out.txt"), "--", "/usr/bin/python3", "-c",
             "import socket\n"
             "for name in ('AF_VSOCK', 'AF_NETLINK', 'AF_PACKET', 'AF_INET', 'AF_INET6', 'AF_ALG'):\n"
             "    try:\n"
             "        socket.socket(getattr(socket, name), socket.SOCK_DGRAM); print(name, 'created')\n"
             "    except OSError as e:\n"
             "        print(name, e.errno)\n"
             "socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); print('AF_UNIX created')\n"
             "socket.socketpair(socket.AF_UNIX); print('AF_UNIX pair created')\n"
             "try:\n"
             "    socket.socketpair(socket.AF_INET); print('AF_INET pair created')\n"
             "except OSError as e:\n"
             "    print('AF_INET pair', e.errno)\n"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    const std::string eafnosupport = std::to_string(EAFNOSUPPORT);
    std::string expected;
    for (const char* name : {"AF_VSOCK", "AF_NETLINK", "AF_PACKET", "AF_INET", "AF_INET6", "AF_ALG"}) {
        expected += std::string(name) + " " + eafnosupport + "\n";
    }
    expected += "AF_UNIX created\nAF_UNIX pair created\nAF_INET pair " + eafnosupport + "\n";
    EXPECT_EQ(read_file(path("out.txt")), expected);
}

TEST_F(SandboxRun, LocksInABoxAreNeverTakenSoNoBoxCanSeeThem) {
    // The box locks a file every box can open (flock, POSIX and OFD locks), says so, and holds on. While it
    // holds on, the host must be able to take the conflicting locks: nothing was locked, so no other box can
    // read a signal from it. Watching and leases fail.
    pid_t pid = start_box(
        path("result.json"),
        {"--stdout", path("out.txt"), "--wall-time", "20", "--", "/usr/bin/python3", "-c",
         "import fcntl, os, struct, time\n"
         "fd = os.open('/usr/bin/true', os.O_RDONLY)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\n"
         "fcntl.fcntl(fd, fcntl.F_SETLK, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 0, 0, 0))\n"
         "fcntl.fcntl(fd, 37, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 0, 0, 0))\n"
         "for what, call in (('getlk', lambda: fcntl.fcntl(fd, fcntl.F_GETLK, "
         "struct.pack('hhqqi', fcntl.F_WRLCK, 0, 0, 0, 0))),\n"
         "                   ('notify', lambda: fcntl.fcntl(os.open('/usr', os.O_RDONLY), "
         "fcntl.F_NOTIFY, 1)),\n"
         "                   ('lease', lambda: fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK))):\n"
         "    try:\n"
         "        call(); print(what, 'allowed')\n"
         "    except OSError as e:\n"
         "        print(what, e.errno)\n"
         "import ctypes\n"
         "libc = ctypes.CDLL(None, use_errno=True)\n"
         "print('inotify', ctypes.get_errno() if libc.inotify_init() < 0 else 'allowed')\n"
         "print('locked', flush=True)\n"
         "time.sleep(15)\n"});
    std::string out;
    for (int i = 0; i < 200 && out.find("locked") == std::string::npos; ++i) {
        ::usleep(50000);
        out = read_file(path("out.txt"));
    }
    ASSERT_NE(out.find("locked"), std::string::npos) << out;
    int fd = ::open("/usr/bin/true", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0) << "the box's flock() is visible outside it";
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    ASSERT_EQ(::fcntl(fd, F_GETLK, &probe), 0);
    EXPECT_EQ(probe.l_type, F_UNLCK) << "the box's POSIX lock is visible outside it";
    probe = {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    ASSERT_EQ(::fcntl(fd, F_OFD_GETLK, &probe), 0);
    EXPECT_EQ(probe.l_type, F_UNLCK) << "the box's OFD lock is visible outside it";
    ::close(fd);
    ::kill(pid, SIGTERM);
    wait_exit(pid);
    EXPECT_NE(out.find("getlk " + std::to_string(ENOLCK) + "\n"), std::string::npos) << out;
    EXPECT_NE(out.find("notify " + std::to_string(EPERM) + "\n"), std::string::npos) << out;
    EXPECT_NE(out.find("lease " + std::to_string(EPERM) + "\n"), std::string::npos) << out;
    EXPECT_NE(out.find("inotify " + std::to_string(EPERM) + "\n"), std::string::npos) << out;
}

TEST_F(SandboxRun, HostInformationIsUnreadable) {
    // The test input has a telling host path; the program must read its content but never learn the path.
    std::ofstream(path("secret-test-042.in")) << "input line\n";
    BoxRun r =
        box({"run", "--stdin", path("secret-test-042.in"), "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
             "echo fd0=$(readlink /proc/self/fd/0); head -n1; "
             "for f in /proc/cmdline /proc/locks /proc/mounts /proc/modules /proc/sys/kernel/hostname; do "
             "  cat $f >/dev/null 2>&1 && echo readable $f; done; "
             "cat /proc/self/cgroup; cat /proc/self/mountinfo; cat /etc/passwd /etc/group; id -un"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    std::string out = read_file(path("out.txt"));
    EXPECT_NE(out.find("fd0=/memfd:stdin (deleted)\ninput line\n"), std::string::npos) << out;
    EXPECT_EQ(out.find("secret-test-042"), std::string::npos) << out;
    EXPECT_EQ(out.find(tmp_.string()), std::string::npos) << out;
    EXPECT_EQ(out.find("readable"), std::string::npos) << out;
    // A cgroup namespace: every hierarchy shows the box's own cgroup as "/".
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        if (line.find(":/") != std::string::npos && line.find("::") == std::string::npos &&
            line.find(':') < 3) {
            EXPECT_TRUE(line.ends_with(":/")) << line;
        }
    }
    EXPECT_EQ(out.find("khue/box-"), std::string::npos) << out;
    // A synthetic passwd and group: the box's uid is named, none of the host's accounts are.
    std::string uid = std::to_string(60000 + std::stoi(r.field("box_id")));
    EXPECT_NE(out.find("khue:x:" + uid + ":" + uid + ":"), std::string::npos) << out;
    EXPECT_TRUE(out.ends_with("khue\n")) << out;
    std::istringstream host_passwd(read_file("/etc/passwd"));
    for (std::string line; std::getline(host_passwd, line);) {
        std::string name = line.substr(0, line.find(':'));
        if (!name.empty() && name != "root" && name != "nobody") {
            EXPECT_EQ(out.find("\n" + name + ":x:"), std::string::npos) << "host account " << name;
        }
    }
}

TEST_F(SandboxRun, StdinCopyIsARegularSeekableFile) {
    std::ofstream(path("in.txt")) << "0123456789";
    BoxRun r =
        box({"run", "--stdin", path("in.txt"), "--stdout", path("out.txt"), "--", "/usr/bin/python3", "-c",
             "import os, stat, sys\n"
             "st = os.fstat(0); print(stat.S_ISREG(st.st_mode), st.st_size)\n"
             "os.lseek(0, 5, 0); print(sys.stdin.read())\n"
             "try:\n"
             "    os.write(0, b'x'); print('writable')\n"
             "except OSError as e:\n"
             "    print('read-only')\n"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "True 10\n56789\nread-only\n");
}

TEST_F(SandboxRun, CapabilityEnabledCopyIsRefusedForAnUnprivilegedUser) {
    // A copy of khue-box with file capabilities, run by "nobody": before, any user could read root's files
    // through --stdin this way.
    if (std::system("command -v setcap >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "setcap (libcap2-bin) is not installed";
    }
    stdfs::permissions(tmp_, stdfs::perms::owner_all | stdfs::perms::group_read | stdfs::perms::group_exec |
                                 stdfs::perms::others_read | stdfs::perms::others_exec);
    std::string copy = path("khue-box-with-caps");
    stdfs::copy_file(KHUE_BOX_PATH, copy);
    ASSERT_EQ(std::system(("setcap cap_sys_admin,cap_setuid,cap_setgid,cap_dac_override+ep " + copy).c_str()),
              0);
    std::string out = path("caps.out");
    std::string cmd = "setpriv --reuid=65534 --regid=65534 --clear-groups " + copy +
                      " run --stdin /etc/shadow -- /bin/cat > " + out + " 2>&1";
    int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2) << read_file(out);
    EXPECT_NE(read_file(out).find("capabilities"), std::string::npos) << read_file(out);
    EXPECT_EQ(read_file(out).find("root:"), std::string::npos) << "/etc/shadow leaked";
}

TEST_F(SandboxRun, SudoCallerMayNameOnlyPathsUnderTheRoots) {
    // Under a sudo rule khue-box must not read, write, chown or mount root's files for its caller.
    stdfs::create_directories("/tmp/khue");
    khue::test::TempDir inside_dir("box-test", "/tmp/khue");
    const stdfs::path inside = inside_dir.path();
    std::ofstream(inside / "in.txt") << "fine\n";
    // A root-owned symlink inside a root that points out of it.
    stdfs::create_symlink("/etc", inside / "etc-link");
    // The result file must be under a root as well.
    stdfs::path own_tmp = tmp_;
    tmp_ = inside;
    ::setenv("SUDO_UID", "1000", 1);
    ::setenv("KHUE_BOX_ROOTS", "/", 1);  // ignored for a sudo caller
    BoxRun ok = box({"run", "--stdin", (inside / "in.txt").string(), "--stdout",
                     (inside / "out.txt").string(), "--dir", inside.string(), "--", "/bin/cat"});
    std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
        {{"--stdin", "/etc/shadow"}, "--stdin"},
        {{"--stdin", (inside / "etc-link" / "shadow").string()}, "--stdin"},
        {{"--stdout", "/etc/khue-box-test-out"}, "--stdout"},
        {{"--dir", "/var/spool"}, "--dir"},
        {{"--mount", "/etc:/judge/etc"}, "--mount"},
        {{"--mount", (inside / "etc-link").string() + ":/judge/etc"}, "--mount"}};
    std::vector<BoxRun> results;
    for (auto& [args, flag] : refused) {
        std::vector<std::string> argv = {"run"};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.insert(argv.end(), {"--", "/bin/cat"});
        results.push_back(box(argv));
    }
    // --result outside the roots: refused before the program runs.
    std::vector<std::string> argv = {KHUE_BOX_PATH, "run",      "--result", "/etc/khue-box-test-result",
                                     "--",          "/bin/true"};
    std::string cmd;
    for (auto& a : argv) {
        cmd += a + " ";
    }
    int result_status = std::system((cmd + ">/dev/null 2>&1").c_str());
    ::unsetenv("SUDO_UID");
    ::unsetenv("KHUE_BOX_ROOTS");
    tmp_ = own_tmp;
    EXPECT_EQ(ok.field("status"), "exited") << ok.result;
    EXPECT_EQ(read_file(inside / "out.txt"), "fine\n");
    for (std::size_t i = 0; i < refused.size(); ++i) {
        EXPECT_EQ(results[i].field("status"), "sandbox_error") << refused[i].second << results[i].result;
        EXPECT_NE(results[i].field("message").find(refused[i].second + ":"), std::string::npos)
            << results[i].result;
        EXPECT_NE(results[i].field("message").find("outside the folders"), std::string::npos)
            << results[i].result;
    }
    EXPECT_FALSE(stdfs::exists("/etc/khue-box-test-out"));
    EXPECT_EQ(WEXITSTATUS(result_status), 1);
    EXPECT_FALSE(stdfs::exists("/etc/khue-box-test-result"));
}

TEST_F(SandboxRun, PlainRootWithKhueBoxRootsIsConfinedToo) {
    ::setenv("KHUE_BOX_ROOTS", tmp_.c_str(), 1);
    std::ofstream(path("in.txt")) << "x";
    BoxRun inside = box({"run", "--stdin", path("in.txt"), "--", "/bin/true"});
    BoxRun outside = box({"run", "--stdin", "/etc/hostname", "--", "/bin/true"});
    ::unsetenv("KHUE_BOX_ROOTS");
    EXPECT_EQ(inside.field("status"), "exited") << inside.result;
    EXPECT_EQ(outside.field("status"), "sandbox_error") << outside.result;
}

// A program that leaves a marker, ~60 MiB in a file it chmods to 000, and a folder chain far deeper than its
// open-file limit (the last folder chmod'ed to 000) in /box.
constexpr const char* kPoison =
    "import os\n"
    "open('marker', 'w').write('x')\n"
    "with open('big', 'wb') as f:\n"
    "    for _ in range(60): f.write(b'a' * (1 << 20))\n"
    "os.chmod('big', 0)\n"
    "for i in range(3000):\n"
    "    os.mkdir('d'); os.chdir('d')\n"
    "    if i % 500 == 0: os.symlink('/etc', 'link')\n"
    "os.chmod('.', 0)\n"
    "print('poisoned')\n";
// Uses ~120 MiB, and fails if the marker is there.
constexpr const char* kVictim =
    "import os, sys\n"
    "if os.path.exists('marker'): print('marker present'); sys.exit(3)\n"
    "x = b'\\1' * (110 << 20)\n"
    "print('ok', len(x))\n";

class SandboxLeftovers : public SandboxRun {
  protected:
    void SetUp() override {
        SandboxRun::SetUp();
        if (IsSkipped()) {
            return;
        }
        // On tmpfs, as the judge keeps its run folders: every page left there is charged to the slot's
        // memory cgroup.
        leftover_.emplace("khue-box-leftover", "/dev/shm");
        dir_ = leftover_->path();
    }
    void TearDown() override {
        // The program chmod's what it leaves to 000: give it back before the folder is removed.
        if (!dir_.empty()) {
            int fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd >= 0) {
                std::system(("chmod -R u+rwx " + dir_.string() + " 2>/dev/null").c_str());
                ::close(fd);
            }
        }
        leftover_.reset();
        SandboxRun::TearDown();
    }
    BoxRun run_python(const std::string& box_id, const std::string& memory, const char* code, bool clean) {
        std::vector<std::string> args = {"run", "--box-id",    box_id, "--memory", memory,       "--time",
                                         "20",  "--wall-time", "60",   "--dir",    dir_.string()};
        if (clean) {
            args.push_back("--clean-dir");
        }
        args.insert(args.end(), {"--", "/usr/bin/python3", "-c", code});
        return box(args);
    }
    std::optional<khue::test::TempDir> leftover_;
    stdfs::path dir_;
};

TEST_F(SandboxLeftovers, LeftoversDoNotCountAgainstTheNextRunInTheSlot) {
    // Without --clean-dir the files stay in the caller's folder, but not in the next run's memory: before,
    // the victim was killed at its limit (or its --memory could not even be set: EBUSY).
    BoxRun poison = run_python("951", "512", kPoison, false);
    ASSERT_EQ(poison.field("status"), "exited") << poison.result;
    stdfs::remove(dir_ / "marker");
    BoxRun victim = run_python("951", "128", kVictim, false);
    EXPECT_EQ(victim.field("status"), "exited") << victim.result;
    EXPECT_EQ(victim.field("exit_code"), "0") << victim.result;
    EXPECT_EQ(victim.field("oom_killed"), "false") << victim.result;
}

TEST_F(SandboxLeftovers, CleanDirEmptiesTheBoxFolderAfterTheRun) {
    BoxRun poison = run_python("952", "512", kPoison, true);
    ASSERT_EQ(poison.field("status"), "exited") << poison.result;
    EXPECT_TRUE(stdfs::is_empty(dir_)) << "the folder was not emptied";
    EXPECT_TRUE(stdfs::exists("/etc/passwd"));
    BoxRun victim = run_python("952", "128", kVictim, true);
    EXPECT_EQ(victim.field("status"), "exited") << victim.result;
    EXPECT_EQ(victim.field("exit_code"), "0") << "the marker of run 1 was still there: " << victim.result;
}

TEST_F(SandboxLeftovers, AFolderThatCannotBeEmptiedIsASandboxError) {
    // A mount point inside the folder (only the host can make one) stops the cleaner: the run must not end
    // with a verdict on a dirty folder.
    stdfs::create_directory(dir_ / "mnt");
    ASSERT_EQ(::mount("khue-test", (dir_ / "mnt").c_str(), "tmpfs", 0, "size=1m"), 0);
    BoxRun r = box({"run", "--dir", dir_.string(), "--clean-dir", "--", "/bin/true"});
    ::umount2((dir_ / "mnt").c_str(), MNT_DETACH);
    EXPECT_EQ(r.exit_status, 1);
    EXPECT_EQ(r.field("status"), "sandbox_error") << r.result;
    EXPECT_NE(r.field("message").find("--clean-dir"), std::string::npos) << r.result;
}

TEST_F(SandboxLeftovers, CleanCommandEmptiesWhatABoxLeft) {
    // For folders whose contents the judge needed back (a compiler's output): afterwards it empties them with
    // `khue-box clean`, which removes the box uid's files whatever their depth and modes.
    BoxRun poison = run_python("953", "512", kPoison, false);
    ASSERT_EQ(poison.field("status"), "exited") << poison.result;
    EXPECT_FALSE(stdfs::is_empty(dir_));
    // A sudo caller may not empty a folder outside the roots.
    ::setenv("SUDO_UID", "1000", 1);
    BoxRun refused = box({"clean", dir_.string()});
    ::unsetenv("SUDO_UID");
    EXPECT_EQ(refused.exit_status, 1);
    EXPECT_NE(refused.err.find("outside the folders"), std::string::npos) << refused.err;
    EXPECT_TRUE(stdfs::exists(dir_ / "marker"));
    BoxRun cleaned = box({"clean", dir_.string()});
    EXPECT_EQ(cleaned.exit_status, 0) << cleaned.err;
    EXPECT_TRUE(stdfs::is_empty(dir_));
    EXPECT_EQ(box({"clean"}).exit_status, 2);
}

TEST_F(SandboxRun, CleanDirNeedsADir) {
    BoxRun r = box({"run", "--clean-dir", "--", "/bin/true"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--clean-dir"), std::string::npos) << r.err;
}

TEST_F(SandboxRun, CpuTimeIsSummedOverThreads) {
    BoxRun r = box({"run", "--time", "20", "--wall-time", "60", "--processes", "8", "--stdout",
                    path("out.txt"), "--mount", std::string(KHUE_THREADS_HELPER_PATH) + ":/judge/threads",
                    "--", "/judge/threads", "4", "0.3"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "4 threads done\n");
    // Each thread measured 0.3 s of its own CPU time.
    EXPECT_GE(r.number("cpu_time"), 4 * 0.3) << r.result;
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    ::sched_getaffinity(0, sizeof cpus, &cpus);
    std::cout << "cpus " << CPU_COUNT(&cpus) << ", cpu_time " << r.number("cpu_time") << " s, wall_time "
              << r.number("wall_time") << " s\n";
}

TEST_F(SandboxRun, ProcessLimitCountsThreads) {
    BoxRun r =
        box({"run", "--processes", "3", "--stdout", path("out.txt"), "--mount",
             std::string(KHUE_THREADS_HELPER_PATH) + ":/judge/threads", "--", "/judge/threads", "8", "0.01"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(r.field("exit_code"), "3") << read_file(path("out.txt"));
}

TEST_F(SandboxRun, CpusPinsTheProgramAndItsThreads) {
    cpu_set_t mine;
    CPU_ZERO(&mine);
    ::sched_getaffinity(0, sizeof mine, &mine);
    int cpu = 0;
    while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &mine)) {
        ++cpu;
    }
    BoxRun r = box({"run", "--cpus", std::to_string(cpu), "--stdout", path("out.txt"), "--",
                    "/usr/bin/python3", "-c",
                    "import os, threading\n"
                    "print(sorted(os.sched_getaffinity(0)))\n"
                    "try:\n"
                    "    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)) | {0}); print('widened')\n"
                    "except OSError as e:\n"
                    "    print('refused', e.errno)\n"
                    "t = threading.Thread(target=lambda: print(sorted(os.sched_getaffinity(0)))); t.start(); "
                    "t.join()\n"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    std::string one = "[" + std::to_string(cpu) + "]\n";
    EXPECT_EQ(read_file(path("out.txt")), one + "refused " + std::to_string(EPERM) + "\n" + one);
    // Without --cpus nothing is pinned or denied.
    BoxRun free = box({"run", "--stdout", path("free.txt"), "--", "/usr/bin/python3", "-c",
                       "import os; os.sched_setaffinity(0, os.sched_getaffinity(0)); print('ok')"});
    EXPECT_EQ(read_file(path("free.txt")), "ok\n") << free.result;
}

TEST_F(SandboxRun, NothingOutlivesTheRun) {
    // A daemonised grandchild would keep running after the program exits, unless the box kills it.
    BoxRun r = box({"run", "--", "/bin/sh", "-c", "(setsid sleep 30 &) ; exit 0"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_LT(r.number("wall_time"), 5.0);
    std::string uid = std::to_string(60000 + std::stoi(r.field("box_id")));
    // No process of the box uid is left on the host.
    for (const auto& e : stdfs::directory_iterator("/proc")) {
        std::string name = e.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        struct stat st {};
        if (::stat(e.path().c_str(), &st) == 0 && std::to_string(st.st_uid) == uid) {
            std::string cmd = read_file(e.path() / "cmdline");
            EXPECT_EQ(cmd.find("sleep"), std::string::npos) << "left over: pid " << name;
        }
    }
}

TEST_F(SandboxRun, ProcessLimit) {
    BoxRun r =
        box({"run", "--processes", "4", "--stdout", path("out.txt"), "--", "/bin/sh", "-c",
             "for i in 1 2 3 4 5 6 7 8; do sleep 5 & done 2>/dev/null; echo started; kill $(jobs -p)"});
    EXPECT_NE(r.field("status"), "sandbox_error") << r.result;
    EXPECT_LT(r.number("wall_time"), 5.0) << "some sleeps must have failed to start";
}

TEST_F(SandboxRun, JavaRuns) {
    BoxRun r = box({"run", "--memory", "1024", "--time", "10", "--stderr", path("err.txt"), "--",
                    "/usr/bin/java", "-version"});
    EXPECT_EQ(r.field("status"), "exited") << r.result << read_file(path("err.txt"));
    EXPECT_EQ(r.field("exit_code"), "0");
    EXPECT_NE(read_file(path("err.txt")).find("version"), std::string::npos);
}

TEST_F(SandboxRun, GccCompilesAndTheResultRuns) {
    stdfs::create_directory(path("work"));
    std::ofstream(path("work/a.c"))
        << "#include <stdio.h>\nint main(void) { puts(\"compiled\"); return 0; }\n";
    BoxRun cc =
        box({"run", "--time", "20", "--wall-time", "60", "--memory", "512", "--dir", path("work"), "--env",
             "PATH=/usr/bin:/bin", "--stderr", path("cc.txt"), "--", "gcc", "-O2", "-o", "a", "a.c"});
    ASSERT_EQ(cc.field("status"), "exited") << cc.result << read_file(path("cc.txt"));
    ASSERT_EQ(cc.field("exit_code"), "0") << read_file(path("cc.txt"));
    BoxRun run = box({"run", "--dir", path("work"), "--stdout", path("out.txt"), "--", "./a"});
    EXPECT_EQ(run.field("status"), "exited") << run.result;
    EXPECT_EQ(read_file(path("out.txt")), "compiled\n");
}

TEST_F(SandboxRun, PythonRuns) {
    BoxRun r = box({"run", "--memory", "256", "--stdout", path("out.txt"), "--", "/usr/bin/python3", "-c",
                    "import sys; print(sum(range(10)), sys.version_info.major)"});
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(read_file(path("out.txt")), "45 3\n");
}

TEST_F(SandboxRun, TerminatingKhueBoxKillsTheBoxAndStillWritesAResult) {
    std::string result = path("result.json");
    std::vector<std::string> argv = {KHUE_BOX_PATH, "run", "--wall-time", "60", "--result",
                                     result,        "--",  "/bin/sleep",  "30"};
    std::vector<char*> cargv;
    for (auto& a : argv) {
        cargv.push_back(a.data());
    }
    cargv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0].c_str(), nullptr, nullptr, cargv.data(), environ), 0);
    // Give it time to start the box; a signal during setup must be handled just as well.
    ::usleep(300'000);
    ::kill(pid, SIGTERM);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    BoxRun r;
    r.result = read_file(result);
    EXPECT_EQ(r.field("status"), "sandbox_error") << r.result;
    EXPECT_NE(r.field("message").find("interrupted"), std::string::npos) << r.result;
    EXPECT_LT(r.number("wall_time"), 10.0);
}

TEST_F(SandboxRun, ConcurrentRunsGetDistinctSlots) {
    std::vector<pid_t> pids;
    for (int i = 0; i < 3; ++i) {
        pids.push_back(start_box(path("r" + std::to_string(i)), {"--", "/bin/sleep", "0.5"}));
    }
    std::set<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(wait_exit(pids[i]), 0);
        BoxRun r = result_of(path("r" + std::to_string(i)));
        EXPECT_EQ(r.field("status"), "exited") << r.result;
        ids.insert(r.field("box_id"));
    }
    EXPECT_EQ(ids.size(), 3u);
}

TEST_F(SandboxRun, CleanupLeavesBusySlotsAlone) {
    pid_t busy = start_box(path("busy.json"), {"--box-id", "777", "--", "/bin/sleep", "1"});
    ::usleep(300'000);
    BoxRun cleanup = box({"cleanup"});
    EXPECT_EQ(cleanup.exit_status, 0) << cleanup.err;
    EXPECT_EQ(wait_exit(busy), 0);
    EXPECT_EQ(result_of(path("busy.json")).field("status"), "exited");
    // Slots come back by themselves after a cleanup.
    BoxRun again = box({"run", "--box-id", "777", "--memory", "64", "--", "/bin/true"});
    EXPECT_EQ(again.field("status"), "exited") << again.result;
}

TEST_F(SandboxRun, ResultMayGoToDevNullButNotToAFifo) {
    EXPECT_EQ(wait_exit(start_box("/dev/null", {"--", "/bin/true"})), 0);
    ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0644), 0);
    EXPECT_EQ(wait_exit(start_box(path("fifo"), {"--", "/bin/true"})), 1);
}

TEST_F(SandboxRun, BadUsageExitsTwoAndNamesTheFlag) {
    BoxRun r = box({"run", "--tmie", "1", "--", "/bin/true"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find("--tmie"), std::string::npos) << r.err;
}

TEST_F(SandboxRun, CheckReportsEveryProtection) {
    BoxRun r = box({"check", "--json"});
    EXPECT_EQ(r.exit_status, 0) << r.out;
    for (const char* p :
         {"cgroup backend", "seccomp filter active", "PID namespace", "no capabilities",
          "unprivileged box uid", "no_new_privs", "cgroup namespace", "host-wide /proc files hidden"}) {
        EXPECT_NE(r.out.find(p), std::string::npos) << p;
    }
    EXPECT_NE(r.out.find("\"ok\": true"), std::string::npos) << r.out;
}

TEST_F(SandboxRun, RlimitFallbackWarnsLoudly) {
    ::setenv("KHUE_BOX_BACKEND", "rlimit", 1);
    BoxRun r = box({"run", "--time", "1", "--memory", "64", "--", "/bin/true"});
    ::unsetenv("KHUE_BOX_BACKEND");
    EXPECT_EQ(r.field("status"), "exited") << r.result;
    EXPECT_EQ(r.field("limits_backend"), "rlimit");
    EXPECT_NE(r.result.find("NO CGROUP LIMITS"), std::string::npos);
    EXPECT_NE(r.err.find("WARNING"), std::string::npos);
}

}  // namespace
