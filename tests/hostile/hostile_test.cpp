// Over 600 lines on purpose: the corpus runner and the host checks it makes after every case belong together.
// The hostile-program corpus: one test per file in tests/hostile/cases/, each run through the real khue-box.
// After every run the runner checks the result against the file's `khue-expect` line and then checks that the
// host is unharmed: planted files intact, nothing written outside the box folder, no process of the box's uid
// left, the box's cgroups empty.
//
// Needs root (khue-box does, and so does the victim fixture, a host process under the box's uid); the tests
// skip themselves otherwise. CI runs them as root.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "case_spec.hpp"
#include "host.hpp"
#include "khue/sandbox/protocol.hpp"
#include "khue/test/temp_dir.hpp"
#include "warm_session.hpp"

namespace khue::hostile {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using sandbox::protocol::Bytes;

// Box ids 900-909 belong to this corpus, so it never collides with the sandbox's own tests.
constexpr int kBoxId = 900;
constexpr uid_t kBoxUid = 60000 + kBoxId;
constexpr int kNeighbourId = 901;
constexpr uid_t kNeighbourUid = 60000 + kNeighbourId;
// Killing a box's processes is asynchronous in the kernel (SIGKILL, then exit): allow this much after
// khue-box returns before calling a process a leftover.
constexpr auto kReapGrace = 1500ms;

extern "C" char** environ;

// The khue-box under test: the one built with this binary, or KHUE_BOX to try another build.
std::string box_path() {
    const char* override_path = std::getenv("KHUE_BOX");
    return override_path != nullptr && *override_path != '\0' ? override_path : KHUE_BOX_PATH;
}

// Host state shared by every case: planted files, the secret in khue-box's environment and an inherited fd.
struct World {
    fs::path root;
    fs::path canary;
    fs::path secret;
    fs::path other_box;
    std::string secret_value;
    int secret_fd = -1;
    std::string canary_content;

    World() {
        std::random_device rd;
        secret_value = "hostile-secret-" + std::to_string(rd()) + std::to_string(rd());
        // On tmpfs, as the judge's run folders are (judge scratch_root()): what a box writes into /box is
        // charged to its memory cgroup.
        root = fs::path("/dev/shm") / ("khue-hostile-" + std::to_string(::getpid()));
        fs::create_directories(root / "planted");
        fs::create_directories(root / "other-box");
        canary = root / "planted" / "canary.txt";
        secret = root / "planted" / "secret.txt";
        canary_content = "khue canary: a box wrote here if this line changed\n";
        std::ofstream(canary) << canary_content;
        std::ofstream(secret) << secret_value << "\n";
        std::ofstream(root / "other-box" / "secret.txt") << secret_value << " of another box\n";
        // World-readable on purpose: only the box's mount namespace may keep the program away from them.
        for (const auto& p : {root, root / "planted", root / "other-box"}) {
            fs::permissions(p, fs::perms(0755));
        }
        for (const auto& p : {canary, secret, root / "other-box" / "secret.txt"}) {
            fs::permissions(p, fs::perms(0644));
        }
        // Without O_CLOEXEC, so every khue-box starts with it open (it must close it before the program
        // runs).
        secret_fd = ::open(secret.c_str(), O_RDONLY);
        ::setenv("KHUE_HOSTILE_SECRET", secret_value.c_str(), 1);
    }
    ~World() {
        ::close(secret_fd);
        ::unsetenv("KHUE_HOSTILE_SECRET");
        // A failed case keeps its folder for inspection, and with it the planted files it refers to.
        bool kept = false;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(root, ec)) {
            kept = kept || e.path().filename().string().starts_with("case-");
        }
        if (!kept) {
            fs::remove_all(root, ec);
        }
    }
};

World& world() {
    static World w;
    return w;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
        s.replace(pos, from.size(), to);
    }
    return s;
}

struct Invocation {
    std::vector<std::string> argv;
    fs::path result, stdout_file, stderr_file;
};

struct Fixtures {
    std::unique_ptr<Listener> listener;
    std::unique_ptr<Victim> victim;
    std::unique_ptr<Pty> pty;
    std::unique_ptr<Neighbour> neighbour;
};

class HostileCase : public ::testing::TestWithParam<fs::path> {
  protected:
    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "the hostile corpus needs root (khue-box, a victim process)";
        }
        ASSERT_TRUE(fs::exists(box_path())) << "no khue-box at " << box_path();
        spec_ = parse_case(GetParam());
        if (spec_.language == Language::Python && !fs::exists("/usr/bin/python3")) {
            GTEST_SKIP() << "no /usr/bin/python3 on this host for the box to run";
        }
        work_ = world().root / ("case-" + spec_.name);
        fs::remove_all(work_);
        box_ = work_ / "box";
        fs::create_directories(box_);
        fs::create_directories(work_ / "build");
        // Root-owned like a judge's folder: handing it to the box's uid is khue-box's job.
        fs::permissions(box_, fs::perms(0755));
        fs::permissions(work_, fs::perms(0755));
    }

    void TearDown() override {
        if (!HasFailure() && !work_.empty()) {
            fs::remove_all(work_);
        } else if (!work_.empty()) {
            // Kept for inspection, but not a disk-filling case's hundreds of MiB.
            std::error_code ec;
            Bytes box_size{};
            for (auto it = fs::recursive_directory_iterator(box_, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && !it->is_symlink(ec)) {
                    box_size = box_size + Bytes{it->file_size(ec)};
                }
            }
            if (box_size > sandbox::protocol::mib(16)) {
                fs::remove_all(box_, ec);
            }
            std::cerr << "kept for inspection: " << work_ << "\n";
        }
    }

    std::string expand(const std::string& s) const {
        std::string out = s;
        const std::pair<const char*, std::string> vars[] = {
            {"{box}", box_.string()},
            {"{work}", work_.string()},
            {"{root}", world().root.string()},
            {"{canary}", world().canary.string()},
            {"{secret}", world().secret.string()},
            {"{other}", (world().root / "other-box").string()},
            {"{neighbour}", (work_ / "neighbour").string()},
            {"{port}", fixtures_.listener ? std::to_string(fixtures_.listener->port()) : "0"},
            {"{abstract}", fixtures_.listener ? fixtures_.listener->abstract_name() : ""},
            {"{uid}", std::to_string(kBoxUid)},
            {"{boxid}", std::to_string(kBoxId)},
        };
        for (const auto& [name, value] : vars) {
            out = replace_all(out, name, value);
        }
        return out;
    }

    // Compiles or copies the case program into the box; returns the command that runs it inside.
    std::vector<std::string> install_program() {
        std::string stem = spec_.source.stem().string();
        switch (spec_.language) {
            case Language::C: {
                fs::path out = work_ / "build" / stem;
                std::vector<std::string> gcc = {"gcc",
                                                "-std=gnu11",
                                                "-O1",
                                                "-static",
                                                "-Wall",
                                                "-I",
                                                spec_.source.parent_path().string()};
                gcc.insert(gcc.end(), spec_.cflags.begin(), spec_.cflags.end());
                gcc.insert(gcc.end(), {"-o", out.string(), spec_.source.string()});
                int rc = run_and_wait(gcc, work_ / "build" / "gcc.log");
                EXPECT_EQ(rc, 0) << "gcc failed:\n" << read_file(work_ / "build" / "gcc.log");
                fs::copy_file(out, box_ / stem, fs::copy_options::overwrite_existing);
                fs::permissions(box_ / stem, fs::perms(0755));
                return {"/box/" + stem};
            }
            case Language::Shell:
            case Language::Python: {
                std::string name = spec_.source.filename().string();
                fs::copy_file(spec_.source, box_ / name, fs::copy_options::overwrite_existing);
                fs::permissions(box_ / name, fs::perms(0644));
                return {spec_.language == Language::Shell ? "/bin/sh" : "/usr/bin/python3", "/box/" + name};
            }
        }
        return {};
    }

    Invocation build(const RunSpec& run, const std::string& prefix,
                     const std::vector<std::string>& program) const {
        Invocation inv;
        std::vector<std::string> options, command;
        auto dashdash = std::find(run.args.begin(), run.args.end(), "--");
        for (auto it = run.args.begin(); it != dashdash; ++it) {
            options.push_back(expand(*it));
        }
        if (dashdash != run.args.end()) {
            for (auto it = dashdash + 1; it != run.args.end(); ++it) {
                command.push_back(expand(*it));
            }
        } else {
            command = program;
        }
        auto given = [&](const std::string& flag) {
            return std::find(options.begin(), options.end(), flag) != options.end();
        };
        auto value_of = [&](const std::string& flag) {
            auto it = std::find(options.begin(), options.end(), flag);
            return it != options.end() && it + 1 != options.end() ? fs::path(*(it + 1)) : fs::path();
        };
        inv.argv = {box_path(), "run"};
        auto add_default = [&](const std::string& flag, const std::string& value) {
            if (!given(flag)) {
                inv.argv.insert(inv.argv.end(), {flag, value});
            }
        };
        add_default("--box-id", std::to_string(kBoxId));
        add_default("--dir", box_.string());
        add_default("--stdout", (work_ / (prefix + "stdout.txt")).string());
        add_default("--stderr", (work_ / (prefix + "stderr.txt")).string());
        if (warm_mode()) {
            // A session answers on its own output; the result file is the runner's (warm_session.hpp).
            for (auto it = std::find(options.begin(), options.end(), "--result"); it != options.end();
                 it = std::find(options.begin(), options.end(), "--result")) {
                options.erase(it, std::min(it + 2, options.end()));
            }
        } else {
            add_default("--result", (work_ / (prefix + "result.json")).string());
        }
        add_default("--time", "2");
        add_default("--wall-time", "6");
        add_default("--memory", "256");
        inv.argv.insert(inv.argv.end(), options.begin(), options.end());
        if (spec_.env_fill && prefix.empty()) {
            for (int i = 0; i < spec_.env_fill->count; ++i) {
                inv.argv.push_back("--env");
                inv.argv.push_back("BIG" + std::to_string(i) + "=" +
                                   std::string(static_cast<std::size_t>(spec_.env_fill->length), 'e'));
            }
        }
        inv.argv.push_back("--");
        inv.argv.insert(inv.argv.end(), command.begin(), command.end());
        if (spec_.argv_fill && prefix.empty()) {
            for (int i = 0; i < spec_.argv_fill->count; ++i) {
                inv.argv.push_back(std::string(static_cast<std::size_t>(spec_.argv_fill->length), 'a'));
            }
        }
        inv.result = value_of("--result").empty() ? work_ / (prefix + "result.json") : value_of("--result");
        inv.stdout_file =
            value_of("--stdout").empty() ? work_ / (prefix + "stdout.txt") : value_of("--stdout");
        inv.stderr_file =
            value_of("--stderr").empty() ? work_ / (prefix + "stderr.txt") : value_of("--stderr");
        return inv;
    }

    // Runs khue-box, killing it after the case's timeout. Returns its exit status (128+signal if killed).
    int spawn_box(const Invocation& inv, const std::string& prefix) {
        if (warm_mode()) {
            if (!warm_) {
                std::vector<std::string> env;
                for (char** e = environ; *e != nullptr; ++e) {
                    env.emplace_back(*e);
                }
                env.insert(env.end(), spec_.box_env.begin(), spec_.box_env.end());
                warm_ = std::make_unique<WarmSession>(box_path(), env, work_ / "khue-box-session.err");
            }
            std::ofstream(work_ / (prefix + "khue-box.err")) << "(warm session: see khue-box-session.err)\n";
            return warm_->run(inv.argv, inv.result,
                              std::chrono::duration_cast<std::chrono::milliseconds>(spec_.timeout));
        }
        std::vector<char*> argv;
        for (const auto& a : inv.argv) {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        fs::path out = work_ / (prefix + "khue-box.out"), err = work_ / (prefix + "khue-box.err");
        int in_fd = fixtures_.pty ? fixtures_.pty->slave() : ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        std::vector<std::string> env_strings;
        for (char** e = environ; *e != nullptr; ++e) {
            env_strings.emplace_back(*e);
        }
        env_strings.insert(env_strings.end(), spec_.box_env.begin(), spec_.box_env.end());
        std::vector<char*> envp;
        for (auto& e : env_strings) {
            envp.push_back(e.data());
        }
        envp.push_back(nullptr);
        pid_t pid = ::fork();
        if (pid == 0) {
            // The secret fd (World::secret_fd) stays open on purpose; khue-box must not pass it on.
            ::dup2(in_fd, 0);
            ::dup2(out_fd, 1);
            ::dup2(err_fd, 2);
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
        if (!fixtures_.pty) {
            ::close(in_fd);
        }
        ::close(out_fd);
        ::close(err_fd);
        int status = 0;
        auto deadline = std::chrono::steady_clock::now() + spec_.timeout;
        for (;;) {
            pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid) {
                break;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                ADD_FAILURE() << prefix << "khue-box still running after " << spec_.timeout.count()
                              << " s: killed it";
                ::kill(pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                break;
            }
            std::this_thread::sleep_for(5ms);
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    static Outcome read_outcome(int box_exit, const fs::path& result) {
        Outcome o;
        o.box_exit = box_exit;
        struct stat st {};
        // Never follow a symlink a box may have planted; a planted link is not a result.
        if (::lstat(result.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            return o;
        }
        boost::system::error_code ec;
        auto value = boost::json::parse(read_file(result), ec);
        if (ec || !value.is_object()) {
            return o;
        }
        o.has_result = true;
        for (const auto& [key, v] : value.as_object()) {
            std::ostringstream text;
            if (v.is_string()) {
                text << v.as_string().c_str();
            } else if (v.is_bool()) {
                text << (v.as_bool() ? "true" : "false");
            } else if (v.is_int64()) {
                text << v.as_int64();
            } else if (v.is_uint64()) {
                text << v.as_uint64();
            } else if (v.is_double()) {
                text << v.as_double();
            } else {
                continue;
            }
            o.fields[std::string(key)] = text.str();
        }
        return o;
    }

    void check_outcome(const RunSpec& run, const Invocation& inv, int box_exit, const std::string& label) {
        Outcome o = read_outcome(box_exit, inv.result);
        std::string diagnostics = "\n  khue-box exit " + std::to_string(box_exit) +
                                  "\n  result: " + read_file(inv.result, 4096) +
                                  "  khue-box stderr: " + read_file(work_ / (label + "khue-box.err"), 4096) +
                                  "\n  program stderr (head): " + read_file(inv.stderr_file, 2048);
        // khue-box's own contract: 0 = result written, 1 = sandbox error, 2 = usage. A case may allow the
        // sandbox refusing (status=sandbox_error), never a usage error.
        bool allows_error = std::any_of(run.expect.begin(), run.expect.end(), [](const Term& t) {
            return t.key == "status" && t.op == Op::Eq &&
                   std::find(t.values.begin(), t.values.end(), "sandbox_error") != t.values.end();
        });
        EXPECT_TRUE(box_exit == 0 || (box_exit == 1 && allows_error))
            << label << "khue-box exited " << box_exit << diagnostics;
        if (box_exit == 0) {
            EXPECT_TRUE(o.has_result) << label << "khue-box exited 0 without a JSON result" << diagnostics;
        }
        if (o.has_result && o.fields.contains("box_id")) {
            EXPECT_EQ(o.fields["box_id"], std::to_string(kBoxId)) << label << diagnostics;
        }
        for (const auto& problem : unmet_terms(run.expect, o)) {
            ADD_FAILURE() << label << "expectation not met: " << problem << diagnostics;
        }
        for (const Term& t : run.checks) {
            check_host_term(t, inv, label);
        }
    }

    void check_host_term(const Term& t, const Invocation& inv, const std::string& label) {
        const fs::path& file = t.key.starts_with("stdout") ? inv.stdout_file : inv.stderr_file;
        struct stat st {};
        bool regular = ::lstat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode);
        if (t.key.ends_with("-size")) {
            Bytes size{regular ? static_cast<std::uint64_t>(st.st_size) : 0};
            Bytes limit{std::stoull(t.values.front())};
            EXPECT_TRUE(compare(static_cast<double>(size.count()), t.op, static_cast<double>(limit.count())))
                << label << t.text << ": " << file << " holds " << size.count() << " bytes";
        } else if (t.key.ends_with("-lacks")) {
            std::string content = regular ? read_file(file) : "";
            EXPECT_EQ(content.find(t.values.front()), std::string::npos)
                << label << t.text << ": " << file << " holds the text";
        } else if (t.key.ends_with("-has")) {
            std::string content = regular ? read_file(file) : "";
            EXPECT_NE(content.find(t.values.front()), std::string::npos)
                << label << t.text << ": " << file << " lacks the text";
        }
    }

    void check_host(const Snapshot& before, const std::set<fs::path>& written, const std::string& label) {
        Snapshot after = snapshot(world().root, skipped(written));
        for (const auto& d : differences(before, after)) {
            ADD_FAILURE() << label << "host file outside the box " << d;
        }
        if (read_file(world().canary) != world().canary_content) {
            ADD_FAILURE() << label << "the planted canary " << world().canary
                          << " was overwritten with: " << read_file(world().canary, 200);
            // Restored so that the next case starts from an intact host and fails only for its own reasons.
            std::ofstream(world().canary, std::ios::trunc) << world().canary_content;
        }
        std::set<pid_t> except;
        if (fixtures_.victim) {
            except.insert(fixtures_.victim->pid());
            EXPECT_TRUE(fixtures_.victim->alive())
                << label << "the host victim process (uid " << kBoxUid << ") was killed from inside the box";
        }
        std::vector<std::string> left, cgroups;
        auto deadline = std::chrono::steady_clock::now() + kReapGrace;
        do {
            left = processes_of_uid(kBoxUid, except);
            cgroups = busy_box_cgroups(kBoxId);
            if (left.empty() && cgroups.empty()) {
                break;
            }
            std::this_thread::sleep_for(20ms);
        } while (std::chrono::steady_clock::now() < deadline);
        for (const auto& p : left) {
            ADD_FAILURE() << label << "process left behind after khue-box returned: " << p;
        }
        for (const auto& c : cgroups) {
            ADD_FAILURE() << label << "box cgroup still holds processes: " << c;
        }
        for (const auto& f : stray_files_of_uid(kBoxUid)) {
            ADD_FAILURE() << label << "file of the box's uid in a shared host folder: " << f;
        }
        if (fixtures_.listener) {
            EXPECT_EQ(fixtures_.listener->connections(), 0)
                << label << "a box connected to the host listener";
        }
        if (fixtures_.pty) {
            EXPECT_EQ(fixtures_.pty->injected(), "") << label << "characters were injected into the terminal";
        }
    }

    std::set<fs::path> skipped(const std::set<fs::path>& written) const {
        std::set<fs::path> s = written;
        s.insert(box_);
        s.insert(work_ / "build");
        s.insert(work_ / "neighbour");
        s.insert(work_ / "neighbour.log");
        s.insert(work_ / "neighbour.log.json");
        s.insert(work_ / "khue-box-session.err");  // the warm session's own diagnostics
        return s;
    }

    CaseSpec spec_;
    fs::path work_, box_;
    Fixtures fixtures_;
    std::unique_ptr<WarmSession> warm_;  // KHUE_HOSTILE_WARM=1: every run of the case goes through it
};

TEST_P(HostileCase, HostSurvivesAndResultMatches) {
    if (spec_.host.contains("listener")) {
        fixtures_.listener = std::make_unique<Listener>();
    }
    if (spec_.host.contains("victim")) {
        fixtures_.victim = std::make_unique<Victim>(kBoxUid);
    }
    if (spec_.host.contains("pty-stdin")) {
        fixtures_.pty = std::make_unique<Pty>();
    }
    if (spec_.host.contains("neighbour")) {
        fs::create_directories(work_ / "neighbour");
        std::ofstream(work_ / "neighbour" / "secret.txt") << world().secret_value << " of the neighbour\n";
        fixtures_.neighbour = std::make_unique<Neighbour>(box_path(), kNeighbourId, work_ / "neighbour",
                                                          work_ / "neighbour.log");
        ASSERT_TRUE(fixtures_.neighbour->wait_started(kNeighbourUid, 5000ms))
            << "the neighbour box did not start: " << read_file(work_ / "neighbour.log", 4096);
    }
    std::vector<std::string> program = install_program();
    ASSERT_FALSE(HasFailure());

    std::vector<std::pair<const RunSpec*, std::string>> runs = {{&spec_.first, ""}};
    if (spec_.then) {
        runs.emplace_back(&*spec_.then, "then-");
    }
    for (const auto& [run, prefix] : runs) {
        Invocation inv = build(*run, prefix, program);
        std::set<fs::path> written = {inv.result, inv.stdout_file, inv.stderr_file,
                                      work_ / (prefix + "khue-box.out"), work_ / (prefix + "khue-box.err")};
        // Output files may change, but a planted file named as an output (by a case) must still stay intact.
        for (const auto& planted : {world().canary, world().secret}) {
            written.erase(planted);
        }
        Snapshot before = snapshot(world().root, skipped(written));
        int box_exit = spawn_box(inv, prefix);
        std::string label = prefix.empty() ? "" : "[second run] ";
        check_outcome(*run, inv, box_exit, label);
        check_host(before, written, label);
        if (std::getenv("KHUE_HOSTILE_VERBOSE") != nullptr) {
            // For auditing a passing case: why each attack failed, in the program's own words.
            std::cerr << label << "result: " << read_file(inv.result, 4096) << label << "program stderr:\n"
                      << read_file(inv.stderr_file, 8192) << "\n";
        }
    }
    if (fixtures_.neighbour) {
        fixtures_.neighbour->kill_box();
        std::vector<std::string> left, cgroups;
        auto deadline = std::chrono::steady_clock::now() + kReapGrace;
        do {
            left = processes_of_uid(kNeighbourUid, {});
            cgroups = busy_box_cgroups(kNeighbourId);
            std::this_thread::sleep_for(20ms);
        } while ((!left.empty() || !cgroups.empty()) && std::chrono::steady_clock::now() < deadline);
        for (const auto& p : left) {
            ADD_FAILURE() << "khue-box killed by SIGKILL left its program running: " << p;
        }
        for (const auto& c : cgroups) {
            ADD_FAILURE() << "khue-box killed by SIGKILL left its cgroup busy: " << c;
        }
    }
}

std::vector<fs::path> case_files() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(KHUE_HOSTILE_CASES_DIR)) {
        auto ext = e.path().extension();
        if (ext == ".c" || ext == ".sh" || ext == ".py") {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileCase, ::testing::ValuesIn(case_files()),
                         [](const ::testing::TestParamInfo<fs::path>& param_info) {
                             std::string name = param_info.param.filename().string();
                             std::replace_if(
                                 name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
                             return name;
                         });

// The format itself, so that a typo in a case header is an error rather than a silently weaker test.
TEST(HostileCaseFormat, ParsesAlternativesAndComparisons) {
    auto terms = parse_terms("status=exited|signaled cpu_time>=1.5 status!=sandbox_error", "here");
    ASSERT_EQ(terms.size(), 3u);
    EXPECT_EQ(terms[0].values, (std::vector<std::string>{"exited", "signaled"}));
    EXPECT_EQ(terms[1].key, "cpu_time");
    EXPECT_EQ(terms[1].op, Op::Ge);
    EXPECT_EQ(terms[2].op, Op::Ne);
}

TEST(HostileCaseFormat, RejectsTermWithoutOperator) {
    EXPECT_THROW(parse_terms("status", "case.c:3"), CaseFormatError);
    EXPECT_THROW(parse_terms("cpu_time>=fast", "case.c:3"), CaseFormatError);
}

TEST(HostileCaseFormat, SplitsQuotedWords) {
    auto words = split_words(R"(--stdout x -- /bin/sh -c "echo a; echo b")", "here");
    ASSERT_EQ(words.size(), 6u);
    EXPECT_EQ(words[5], "echo a; echo b");
    EXPECT_THROW(split_words(R"(-c "unterminated)", "here"), CaseFormatError);
}

TEST(HostileCaseFormat, ExitCodeIsJudgedOnlyForExitedRuns) {
    auto terms = parse_terms("status=exited|signaled exit_code=0", "here");
    Outcome killed{0, {{"status", "signaled"}, {"signal", "31"}}, true};
    EXPECT_TRUE(unmet_terms(terms, killed).empty());
    Outcome escaped{0, {{"status", "exited"}, {"exit_code", "1"}}, true};
    EXPECT_EQ(unmet_terms(terms, escaped).size(), 1u);
}

TEST(HostileCaseFormat, MissingResultCountsAsSandboxErrorOnlyForExitOne) {
    auto terms = parse_terms("status=sandbox_error|exited", "here");
    EXPECT_TRUE(unmet_terms(terms, Outcome{1, {}, false}).empty());
    EXPECT_EQ(unmet_terms(terms, Outcome{2, {}, false}).size(), 1u);
}

TEST(HostileCaseFormat, UnknownDirectiveNamesFileAndLine) {
    khue::test::TempDir tmp("khue-hostile-format");
    const fs::path file = tmp / "case.c";
    std::ofstream(file)
        << "// khue-expect: status=exited\n// khue-expext: status=exited\nint main(void) {}\n";
    try {
        parse_case(file);
        ADD_FAILURE() << "a misspelt directive was accepted";
    } catch (const CaseFormatError& e) {
        EXPECT_NE(std::string(e.what()).find(file.string() + ":2:"), std::string::npos) << e.what();
    }
}

TEST(HostileCaseFormat, BoxEnvIsNameValueWords) {
    khue::test::TempDir tmp("khue-hostile-env");
    const fs::path file = tmp / "case.c";
    std::ofstream(file)
        << "// khue-expect: status=sandbox_error\n// khue-box-env: SUDO_UID=1000 SUDO_USER=khue\n";
    EXPECT_EQ(parse_case(file).box_env, (std::vector<std::string>{"SUDO_UID=1000", "SUDO_USER=khue"}));
    std::ofstream(file, std::ios::trunc) << "// khue-expect: status=exited\n// khue-box-env: SUDO_UID\n";
    EXPECT_THROW(parse_case(file), CaseFormatError);
}

TEST(HostileCaseFormat, EveryCorpusFileParses) {
    std::size_t count = 0;
    for (const auto& file : case_files()) {
        EXPECT_NO_THROW(parse_case(file)) << file;
        ++count;
    }
    EXPECT_GE(count, 40u);
}

}  // namespace
}  // namespace khue::hostile
