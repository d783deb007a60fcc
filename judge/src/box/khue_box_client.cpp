// The khue-box client: one `khue-box run` process per run, spawned with Boost.Process v2 and waited for
// asynchronously on an Asio io_context (pidfd-based on Linux, so no SIGCHLD handler and no hand-made fork).
#include "khue/judge/box.hpp"
#include "khue/judge/cache.hpp"

#include "box/khue_box_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace khue::judge {
namespace asio = boost::asio;
namespace bp = boost::process::v2;
namespace fs = std::filesystem;

namespace {

std::string seconds_arg(Seconds s) {
    std::ostringstream out;
    out.precision(6);
    out << std::fixed << s.count();
    return out.str();
}

// khue-box takes whole MiB; round up so that a limit is never tightened by the conversion.
std::string mib_arg(Bytes b) {
    const std::uint64_t m = (b.count() + mib(1).count() - 1) / mib(1).count();
    return std::to_string(m == 0 ? 1 : m);
}

std::string read_bounded(const fs::path& file, std::size_t limit) {
    std::ifstream in(file, std::ios::binary);
    std::string text(limit, '\0');
    in.read(text.data(), static_cast<std::streamsize>(limit));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

// A private folder for result files, so that concurrent clients never collide.
class ScratchDir {
  public:
    ScratchDir() {
        std::string pattern = (scratch_root() / "khue-client-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw SandboxError("cannot create a scratch folder under " + scratch_root().string());
        }
        path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    fs::path file(const std::string& name) const { return path_ / name; }

  private:
    fs::path path_;
};

class Fd {
  public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    Fd& operator=(Fd&& o) noexcept {
        reset();
        fd_ = std::exchange(o.fd_, -1);
        return *this;
    }
    ~Fd() { reset(); }
    void reset() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = -1;
    }
    int get() const { return fd_; }

  private:
    int fd_ = -1;
};

Fd open_or_throw(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw SandboxError("cannot open " + path.string() + ": " + std::strerror(errno));
    }
    return Fd(fd);
}

// Upper bound on how long one khue-box may take before we assume the sandbox hangs: its own wall limit plus
// setup and teardown slack.
std::chrono::steady_clock::duration client_deadline(const RunSpec& spec) {
    Seconds wall =
        spec.wall_time ? *spec.wall_time : (spec.cpu_time ? *spec.cpu_time * 2 + Seconds{1} : Seconds{10});
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(wall + Seconds{30});
}

// One spawned khue-box with its result and stderr files.
struct Launch {
    fs::path result_file;
    fs::path stderr_file;
    std::optional<bp::process> process;
    int exit_code = -1;
    bool done = false;
    bool timed_out = false;
};

RunReport collect(const Launch& launch) {
    const auto diagnostics = [&] {
        auto text = read_bounded(launch.stderr_file, 4096);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
            text.pop_back();
        }
        return text.empty() ? std::string() : ": " + text;
    };
    if (launch.timed_out) {
        throw SandboxError("khue-box did not finish in time and was killed" + diagnostics());
    }
    if (launch.exit_code != 0) {
        throw SandboxError("khue-box exited with status " + std::to_string(launch.exit_code) + diagnostics());
    }
    const auto text = read_bounded(launch.result_file, 1 << 20);
    if (text.empty()) {
        throw SandboxError("khue-box wrote no result" + diagnostics());
    }
    return parse_box_result(text);
}

}  // namespace

std::optional<fs::path> locate_khue_box() {
    std::error_code ec;
    if (const char* env = std::getenv("KHUE_BOX"); env != nullptr && *env != '\0') {
        return fs::path(env);
    }
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto beside = exe.parent_path() / "khue-box";
        if (fs::exists(beside, ec)) {
            return beside;
        }
    }
    return std::nullopt;
}

bool box_via_sudo() {
    if (const char* env = std::getenv("KHUE_BOX_SUDO"); env != nullptr && *env != '\0') {
        return std::string_view(env) != "0";
    }
    return ::geteuid() != 0;
}

std::pair<fs::path, std::vector<std::string>> khue_box_launch(const fs::path& khue_box, bool sudo,
                                                              std::vector<std::string> args) {
    if (!sudo) {
        return {khue_box, std::move(args)};
    }
    // -n: never prompt (a missing rule is an error at once, not a hang); the rule names khue-box by its full
    // path, so it is given as such.
    std::vector<std::string> argv{"-n", "--", fs::absolute(khue_box).string()};
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    return {"/usr/bin/sudo", std::move(argv)};
}

namespace {

std::vector<std::string> run_arguments(const RunSpec& spec, const std::optional<fs::path>& result_file,
                                       std::optional<int> box_id) {
    std::vector<std::string> args;
    const auto add = [&](std::string flag, std::string value) {
        args.push_back(std::move(flag));
        args.push_back(std::move(value));
    };
    if (spec.cpu_time) {
        add("--time", seconds_arg(*spec.cpu_time));
    }
    if (spec.wall_time) {
        add("--wall-time", seconds_arg(*spec.wall_time));
    }
    if (spec.memory) {
        add("--memory", mib_arg(*spec.memory));
    }
    if (spec.processes) {
        add("--processes", std::to_string(*spec.processes));
    }
    if (spec.output) {
        add("--output", mib_arg(*spec.output));
    }
    if (spec.stdin_file) {
        add("--stdin", spec.stdin_file->string());
    }
    if (spec.stdout_file) {
        add("--stdout", spec.stdout_file->string());
    }
    if (spec.stderr_file) {
        add("--stderr", spec.stderr_file->string());
    }
    if (spec.dir) {
        add("--dir", spec.dir->string());
    }
    for (const auto& m : spec.mounts) {
        add("--mount", m.host.string() + ":" + m.inside.string() + (m.writable ? ":rw" : ""));
    }
    for (const auto& [name, value] : spec.env) {
        add("--env", name + "=" + value);
    }
    if (box_id) {
        add("--box-id", std::to_string(*box_id));
    }
    if (!spec.cpus.empty()) {
        std::string list;
        for (int cpu : spec.cpus) {
            list += (list.empty() ? "" : ",") + std::to_string(cpu);
        }
        add("--cpus", list);
    }
    if (result_file) {
        add("--result", result_file->string());
    }
    args.emplace_back("--");
    args.insert(args.end(), spec.argv.begin(), spec.argv.end());
    return args;
}

}  // namespace

std::vector<std::string> khue_box_arguments(const RunSpec& spec, const fs::path& result_file,
                                            std::optional<int> box_id) {
    auto args = run_arguments(spec, result_file, box_id);
    args.insert(args.begin(), "run");
    return args;
}

std::vector<std::string> khue_box_session_request(const RunSpec& spec, std::optional<int> box_id) {
    return run_arguments(spec, std::nullopt, box_id);
}

RunReport parse_box_result(std::string_view json) {
    boost::system::error_code ec;
    auto value = boost::json::parse(json, ec);
    if (ec || !value.is_object()) {
        throw SandboxError("khue-box result is not a JSON object: " + std::string(json.substr(0, 200)));
    }
    const auto& obj = value.as_object();
    const auto number = [&](const char* key) -> double {
        const auto* v = obj.if_contains(key);
        if (v == nullptr || v->is_null()) {
            return 0;
        }
        if (v->is_double()) {
            return v->as_double();
        }
        if (v->is_int64()) {
            return static_cast<double>(v->as_int64());
        }
        if (v->is_uint64()) {
            return static_cast<double>(v->as_uint64());
        }
        throw SandboxError(std::string("khue-box result: field '") + key + "' is not a number");
    };
    const auto* status_value = obj.if_contains("status");
    if (status_value == nullptr || !status_value->is_string()) {
        throw SandboxError("khue-box result has no 'status'");
    }
    const auto status = run_status_from_string(status_value->as_string());
    if (!status) {
        throw SandboxError("khue-box result: unknown status '" + std::string(status_value->as_string()) +
                           "'");
    }
    RunReport report;
    report.status = *status;
    if (const auto* m = obj.if_contains("message"); m != nullptr && m->is_string()) {
        report.message = std::string(m->as_string());
    }
    if (report.status == RunStatus::SandboxError) {
        throw SandboxError("khue-box: " +
                           (report.message.empty() ? std::string("sandbox error") : report.message));
    }
    report.exit_code = static_cast<int>(number("exit_code"));
    report.signal = static_cast<int>(number("signal"));
    report.cpu_time = Seconds{number("cpu_time")};
    report.wall_time = Seconds{number("wall_time")};
    const double memory_kib = number("memory_kib");
    report.peak_memory = kib(memory_kib > 0 ? static_cast<std::uint64_t>(std::llround(memory_kib)) : 0);
    if (const auto* o = obj.if_contains("oom_killed"); o != nullptr && o->is_bool()) {
        report.oom_killed = o->as_bool();
    }
    return report;
}

KhueBoxClient::KhueBoxClient() {
    auto found = locate_khue_box();
    if (!found) {
        throw SandboxError("khue-box not found: set KHUE_BOX, or put it next to the khue executable");
    }
    khue_box_ = *found;
    if (detail::warm_sessions_enabled()) {
        sessions_ = std::make_shared<detail::SessionPool>(khue_box_, sudo_);
    }
}

KhueBoxClient::KhueBoxClient(fs::path khue_box, std::optional<int> box_id, std::optional<int> helper_box_id)
    : khue_box_(std::move(khue_box)), box_id_(box_id), helper_box_id_(helper_box_id) {
    if (detail::warm_sessions_enabled()) {
        sessions_ = std::make_shared<detail::SessionPool>(khue_box_, sudo_);
    }
}

namespace {

struct Stdio {
    int in;
    int out;
};

// Starts every launch on `ctx`, waits for all of them (in any order), and records who ended first.
std::vector<std::size_t> run_all(asio::io_context& ctx, const fs::path& khue_box, bool sudo,
                                 std::vector<Launch>& launches,
                                 const std::vector<std::vector<std::string>>& args,
                                 const std::vector<Stdio>& stdio,
                                 std::chrono::steady_clock::duration deadline) {
    std::vector<std::size_t> order;
    std::vector<Fd> stderr_fds;
    for (std::size_t i = 0; i < launches.size(); ++i) {
        stderr_fds.push_back(open_or_throw(launches[i].stderr_file, O_WRONLY | O_CREAT | O_TRUNC));
        boost::system::error_code ec;
        auto [exe, argv] = khue_box_launch(khue_box, sudo, args[i]);
        launches[i].process.emplace(ctx, exe, argv,
                                    bp::process_stdio{stdio[i].in, stdio[i].out, stderr_fds.back().get()});
        (void)ec;
    }
    asio::steady_timer timer(ctx, deadline);
    std::size_t remaining = launches.size();
    for (std::size_t i = 0; i < launches.size(); ++i) {
        launches[i].process->async_wait([&, i](boost::system::error_code ec, int code) {
            launches[i].done = true;
            launches[i].exit_code = ec ? -1 : code;
            order.push_back(i);
            if (--remaining == 0) {
                timer.cancel();
            }
        });
    }
    timer.async_wait([&](boost::system::error_code ec) {
        if (ec) {
            return;  // cancelled: everything finished
        }
        for (auto& launch : launches) {
            if (!launch.done) {
                launch.timed_out = true;
                boost::system::error_code ignored;
                launch.process->terminate(ignored);
            }
        }
    });
    ctx.run();
    return order;
}

std::atomic<unsigned> launch_counter{0};

}  // namespace

std::vector<int> slot_cpus(int slot) {
    if (const char* env = std::getenv("KHUE_BOX_PIN"); env != nullptr && std::string_view(env) == "0") {
        return {};
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    if (slot < 0 || ::sched_getaffinity(0, sizeof set, &set) != 0) {
        return {};
    }
    std::vector<int> usable;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &set)) {
            usable.push_back(cpu);
        }
    }
    if (usable.empty()) {
        return {};
    }
    return {usable[static_cast<std::size_t>(slot) % usable.size()]};
}

RunSpec KhueBoxClient::pinned(const RunSpec& spec) const {
    RunSpec out = spec;
    if (out.cpus.empty()) {
        out.cpus = pin_;
    }
    return out;
}

RunReport KhueBoxClient::run(const RunSpec& given) {
    const RunSpec spec = pinned(given);
    if (sessions_) {
        if (auto line =
                sessions_->run(khue_box_session_request(spec, slot_for(spec)), client_deadline(spec))) {
            return parse_box_result(*line);
        }
    }
    ScratchDir scratch;
    const auto n = std::to_string(launch_counter++);
    // Declared before the launches: their process handles use the context's services when destroyed.
    asio::io_context ctx;
    std::vector<Launch> launches(1);
    launches[0].result_file = scratch.file("result-" + n + ".json");
    launches[0].stderr_file = scratch.file("stderr-" + n);
    // Streams the spec does not name would be inherited from khue-box: give it /dev/null, never ours.
    Fd null_in = open_or_throw("/dev/null", O_RDONLY);
    Fd null_out = open_or_throw("/dev/null", O_WRONLY);
    try {
        run_all(ctx, khue_box_, sudo_, launches,
                {khue_box_arguments(spec, launches[0].result_file, slot_for(spec))},
                {{null_in.get(), null_out.get()}}, client_deadline(spec));
    } catch (const boost::system::system_error& e) {
        throw SandboxError("cannot start " + khue_box_.string() + ": " + e.what());
    }
    return collect(launches[0]);
}

ConnectedReports KhueBoxClient::run_connected(const RunSpec& first_given, const RunSpec& second_given) {
    const RunSpec first = pinned(first_given);
    const RunSpec second = pinned(second_given);
    if (first.stdin_file || first.stdout_file || second.stdin_file || second.stdout_file) {
        throw std::invalid_argument("run_connected: stdin/stdout of connected programs are the pipes");
    }
    ScratchDir scratch;
    // Declared before the launches: their process handles use the context's services when destroyed.
    asio::io_context ctx;
    std::vector<Launch> launches(2);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto n = std::to_string(launch_counter++);
        launches[i].result_file = scratch.file("result-" + n + ".json");
        launches[i].stderr_file = scratch.file("stderr-" + n);
    }
    int to_first[2];
    int to_second[2];
    if (::pipe2(to_first, O_CLOEXEC) != 0) {
        throw SandboxError(std::string("pipe: ") + std::strerror(errno));
    }
    Fd first_in(to_first[0]);
    Fd second_out(to_first[1]);
    if (::pipe2(to_second, O_CLOEXEC) != 0) {
        throw SandboxError(std::string("pipe: ") + std::strerror(errno));
    }
    Fd second_in(to_second[0]);
    Fd first_out(to_second[1]);
    std::vector<std::size_t> order;
    const auto deadline = std::max(client_deadline(first), client_deadline(second));
    // Both khue-box processes are started before we wait; the launcher closes every descriptor except 0-2 in
    // each child, so neither holds the other's pipe ends and each sees EOF when the other side exits.
    try {
        std::vector<std::vector<std::string>> args{
            khue_box_arguments(first, launches[0].result_file, slot_for(first)),
            khue_box_arguments(second, launches[1].result_file, slot_for(second))};
        // Close our copies as soon as both children hold theirs: run_all starts both before it waits.
        asio::post(ctx, [&] {
            first_in.reset();
            first_out.reset();
            second_in.reset();
            second_out.reset();
        });
        order = run_all(ctx, khue_box_, sudo_, launches, args,
                        {{first_in.get(), first_out.get()}, {second_in.get(), second_out.get()}}, deadline);
    } catch (const boost::system::system_error& e) {
        throw SandboxError("cannot start " + khue_box_.string() + ": " + e.what());
    }
    ConnectedReports reports;
    reports.first = collect(launches[0]);
    reports.second = collect(launches[1]);
    // Which khue-box ended first only approximates which program ended first: each box still tidies up after
    // its program. A program killed by SIGPIPE is certain evidence, though: its peer had closed the pipe
    // before it.
    const auto died_of_sigpipe = [](const RunReport& r) {
        return r.status == RunStatus::Signaled && r.signal == SIGPIPE;
    };
    if (died_of_sigpipe(reports.second) && !died_of_sigpipe(reports.first)) {
        reports.first_ended_first = true;
    } else if (died_of_sigpipe(reports.first) && !died_of_sigpipe(reports.second)) {
        reports.first_ended_first = false;
    } else {
        reports.first_ended_first = !order.empty() && order.front() == 0;
    }
    return reports;
}

}  // namespace khue::judge
