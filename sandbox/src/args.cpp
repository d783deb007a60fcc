#include "khue/sandbox/args.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace khue::sandbox {

const char* const kUsage =
    "usage: khue-box run [options] -- PROGRAM [ARGS...]\n"
    "       khue-box session        (warm mode: many runs, one per request on standard input;\n"
    "                                see docs/architecture.md \"Warm sessions\")\n"
    "       khue-box check [--json]\n"
    "       khue-box cleanup\n"
    "       khue-box clean DIR...   (empty folders a box wrote to; same path rules as --dir)\n"
    "run options:\n"
    "  --time SEC          CPU time limit (all processes and threads together)\n"
    "  --wall-time SEC     wall-clock limit (default 2*time+1, or 10 without --time)\n"
    "  --memory MIB        memory limit\n"
    "  --processes N       processes+threads limit (default 64)\n"
    "  --output MIB        largest file the program may write (default 64)\n"
    "  --stdin FILE --stdout FILE --stderr FILE   (default: inherit khue-box's own)\n"
    "  --dir DIR           mounted read-write at /box, the working directory\n"
    "  --clean-dir         empty DIR after the run (a failure is a sandbox_error)\n"
    "  --mount HOST:INSIDE[:rw]   extra bind mount, read-only unless :rw (repeatable)\n"
    "  --env NAME=VALUE    environment variable (repeatable; nothing else is inherited)\n"
    "  --tmp-size MIB      size of the private /tmp (default 64)\n"
    "  --box-id N          slot 0..999 (default: a free one)\n"
    "  --cpus LIST         pin the program to these CPUs, e.g. 1 or 0,2-3 (default: all)\n"
    "  --result FILE       where to write the JSON result ('-' = standard output, the default)\n";

namespace {

std::string quoted(std::string_view s) {
    return "'" + std::string(s) + "'";
}

double parse_seconds(std::string_view flag, std::string_view value) {
    double v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || end != value.data() + value.size() || !std::isfinite(v) || v <= 0 || v > 1e6) {
        throw UsageError(std::string(flag) + ": expected a positive number of seconds, got " + quoted(value));
    }
    return v;
}

std::uint64_t parse_count(std::string_view flag, std::string_view value, std::uint64_t min,
                          std::uint64_t max) {
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || end != value.data() + value.size() || v < min || v > max) {
        throw UsageError(std::string(flag) + ": expected an integer from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got " + quoted(value));
    }
    return v;
}

Micros to_micros(double seconds) {
    return Micros{static_cast<Micros::rep>(std::llround(seconds * 1e6))};
}

constexpr std::uint64_t kMaxMib = std::uint64_t{1} << 20;  // 1 TiB: anything larger is a typo

// Inside paths that would hide what every program relies on, or the box's own folders.
constexpr std::array kReservedInside = {"/proc", "/dev",   "/sys",   "/usr",    "/etc", "/bin", "/sbin",
                                        "/lib",  "/lib32", "/lib64", "/libx32", "/box", "/tmp"};

bool is_under(std::string_view path, std::string_view dir) {
    return path == dir || (path.starts_with(dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

std::vector<int> parse_cpus(std::string_view value) {
    std::vector<int> out;
    std::size_t pos = 0;
    const auto bad = [&] {
        return UsageError("--cpus: expected CPU numbers 0.." + std::to_string(kMaxCpu) +
                          " as a list like 1 or 0,2-3, got " + quoted(value));
    };
    while (pos <= value.size()) {
        auto comma = value.find(',', pos);
        std::string_view item = value.substr(pos, comma == std::string_view::npos ? value.npos : comma - pos);
        auto dash = item.find('-');
        std::string_view lo_text = item.substr(0, dash);
        std::string_view hi_text = dash == std::string_view::npos ? lo_text : item.substr(dash + 1);
        int lo = -1, hi = -1;
        auto r1 = std::from_chars(lo_text.data(), lo_text.data() + lo_text.size(), lo);
        auto r2 = std::from_chars(hi_text.data(), hi_text.data() + hi_text.size(), hi);
        if (item.empty() || r1.ec != std::errc{} || r1.ptr != lo_text.data() + lo_text.size() ||
            r2.ec != std::errc{} || r2.ptr != hi_text.data() + hi_text.size() || lo < 0 || hi < lo ||
            hi > kMaxCpu) {
            throw bad();
        }
        for (int c = lo; c <= hi; ++c) {
            out.push_back(c);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        pos = comma + 1;
    }
    return out;
}

BindMount parse_mount(std::string_view value) {
    BindMount m;
    std::string_view rest = value;
    if (rest.ends_with(":rw")) {
        m.writable = true;
        rest.remove_suffix(3);
    } else if (rest.ends_with(":ro")) {
        rest.remove_suffix(3);
    }
    auto colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) {
        throw UsageError("--mount: expected HOST:INSIDE[:rw], got " + quoted(value));
    }
    m.host_path = std::string(rest.substr(0, colon));
    if (m.host_path.front() != '/') {
        throw UsageError("--mount: HOST must be an absolute path, got " + quoted(m.host_path));
    }
    m.inside_path = normalise_inside_path(rest.substr(colon + 1), "--mount");
    for (std::string_view reserved : kReservedInside) {
        if (is_under(m.inside_path, reserved)) {
            throw UsageError("--mount: INSIDE " + quoted(m.inside_path) + " would shadow " +
                             std::string(reserved) + "; mount somewhere else, e.g. /judge/...");
        }
    }
    return m;
}

}  // namespace

std::string normalise_inside_path(std::string_view path, std::string_view flag) {
    if (path.empty() || path.front() != '/') {
        throw UsageError(std::string(flag) + ": inside path must be absolute, got " + quoted(path));
    }
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') {
            ++i;
        }
        auto j = path.find('/', i);
        if (j == std::string_view::npos) {
            j = path.size();
        }
        std::string_view part = path.substr(i, j - i);
        if (part == "." || part == "..") {
            throw UsageError(std::string(flag) + ": inside path must not contain '.' or '..', got " +
                             quoted(path));
        }
        if (!part.empty()) {
            out += '/';
            out += part;
        }
        i = j;
    }
    if (out.empty()) {
        throw UsageError(std::string(flag) + ": inside path must not be '/'");
    }
    return out;
}

CommandLine parse_command_line(std::span<const std::string_view> args) {
    CommandLine cl;
    if (args.empty()) {
        throw UsageError("missing command: expected run, session, check, cleanup or clean");
    }
    std::string_view cmd = args[0];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        cl.command = Command::Help;
        return cl;
    }
    if (cmd == "check") {
        cl.command = Command::Check;
        for (auto a : args.subspan(1)) {
            if (a != "--json") {
                throw UsageError("check: unknown option " + quoted(a));
            }
            cl.json = true;
        }
        return cl;
    }
    if (cmd == "cleanup") {
        cl.command = Command::Cleanup;
        if (args.size() > 1) {
            throw UsageError("cleanup: unexpected argument " + quoted(args[1]));
        }
        return cl;
    }
    if (cmd == "clean") {
        cl.command = Command::Clean;
        for (auto a : args.subspan(1)) {
            if (a.empty() || a.starts_with("-")) {
                throw UsageError("clean: expected folders, got " + quoted(a));
            }
            cl.folders.emplace_back(a);
        }
        if (cl.folders.empty()) {
            throw UsageError("clean: missing folder");
        }
        return cl;
    }
    if (cmd == "session") {
        cl.command = Command::Session;
        if (args.size() > 1) {
            throw UsageError("session: unexpected argument " + quoted(args[1]) +
                             " (each request carries its own run options)");
        }
        return cl;
    }
    if (cmd != "run") {
        throw UsageError("unknown command " + quoted(cmd) +
                         ": expected run, session, check, cleanup or clean");
    }
    cl.command = Command::Run;
    cl.config = parse_run_options(args.subspan(1));
    return cl;
}

BoxConfig parse_run_options(std::span<const std::string_view> args) {
    BoxConfig c;
    std::size_t i = 0;
    auto take_value = [&](std::string_view flag) -> std::string_view {
        if (i + 1 >= args.size()) {
            throw UsageError(std::string(flag) + ": missing value");
        }
        i += 2;
        return args[i - 1];
    };
    auto once = [](auto& field, std::string_view flag) {
        if (field.has_value()) {
            throw UsageError(std::string(flag) + ": given twice");
        }
    };
    while (i < args.size()) {
        std::string_view flag = args[i];
        if (flag == "--") {
            ++i;
            break;
        }
        // Only "--flag value" is accepted; say so instead of reporting an unknown option.
        if (auto eq = flag.find('='); flag.starts_with("--") && eq != std::string_view::npos) {
            throw UsageError(std::string(flag.substr(0, eq)) + ": write the value as a separate argument");
        }
        if (flag == "--time") {
            once(c.cpu_time_limit, flag);
            c.cpu_time_limit = to_micros(parse_seconds(flag, take_value(flag)));
        } else if (flag == "--wall-time") {
            once(c.wall_time_limit, flag);
            c.wall_time_limit = to_micros(parse_seconds(flag, take_value(flag)));
        } else if (flag == "--memory") {
            once(c.memory_limit, flag);
            c.memory_limit = mib(parse_count(flag, take_value(flag), 1, kMaxMib));
        } else if (flag == "--processes") {
            c.max_processes = static_cast<unsigned>(parse_count(flag, take_value(flag), 1, 100000));
        } else if (flag == "--output") {
            c.output_limit = mib(parse_count(flag, take_value(flag), 1, kMaxMib));
        } else if (flag == "--tmp-size") {
            c.tmp_size = mib(parse_count(flag, take_value(flag), 1, kMaxMib));
        } else if (flag == "--stdin") {
            once(c.stdin_path, flag);
            c.stdin_path = std::string(take_value(flag));
        } else if (flag == "--stdout") {
            once(c.stdout_path, flag);
            c.stdout_path = std::string(take_value(flag));
        } else if (flag == "--stderr") {
            once(c.stderr_path, flag);
            c.stderr_path = std::string(take_value(flag));
        } else if (flag == "--dir") {
            once(c.work_dir, flag);
            c.work_dir = std::string(take_value(flag));
            if (c.work_dir->empty()) {
                throw UsageError("--dir: empty path");
            }
        } else if (flag == "--clean-dir") {
            c.clean_dir = true;
            ++i;
        } else if (flag == "--mount") {
            c.mounts.push_back(parse_mount(take_value(flag)));
        } else if (flag == "--env") {
            std::string_view v = take_value(flag);
            auto eq = v.find('=');
            if (eq == 0 || eq == std::string_view::npos) {
                throw UsageError("--env: expected NAME=VALUE, got " + quoted(v));
            }
            c.env.emplace_back(v);
        } else if (flag == "--box-id") {
            once(c.box_id, flag);
            c.box_id = static_cast<int>(parse_count(flag, take_value(flag), 0, kMaxBoxId));
        } else if (flag == "--cpus") {
            if (!c.cpus.empty()) {
                throw UsageError("--cpus: given twice");
            }
            c.cpus = parse_cpus(take_value(flag));
        } else if (flag == "--result") {
            once(c.result_path, flag);
            c.result_path = std::string(take_value(flag));
        } else if (flag.starts_with("-")) {
            throw UsageError("run: unknown option " + quoted(flag));
        } else {
            throw UsageError("run: unexpected argument " + quoted(flag) + " (put the program after --)");
        }
    }
    for (; i < args.size(); ++i) {
        c.argv.emplace_back(args[i]);
    }
    if (c.argv.empty()) {
        throw UsageError("run: missing program after --");
    }
    if (c.clean_dir && !c.work_dir) {
        throw UsageError("--clean-dir: needs --dir");
    }
    if (c.argv[0].empty()) {
        throw UsageError("run: empty program name");
    }
    return c;
}

Micros BoxConfig::effective_wall_time_limit() const {
    if (wall_time_limit) {
        return *wall_time_limit;
    }
    if (cpu_time_limit) {
        return 2 * *cpu_time_limit + std::chrono::seconds{1};
    }
    return std::chrono::seconds{10};
}

}  // namespace khue::sandbox
