#include "khue/judge/build_run.hpp"

#include <algorithm>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

constexpr fs::perms kScriptPerms = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec;

std::string bounded_output(const fs::path& out, const fs::path& err) {
    std::string text = read_regular_file_bounded(out, kMaxCompilerOutput).value_or("");
    text += read_regular_file_bounded(err, kMaxCompilerOutput).value_or("");
    if (text.size() > kMaxCompilerOutput.count()) {
        text.resize(kMaxCompilerOutput.count());
    }
    return text;
}

}  // namespace

bool is_build_run_program(const std::vector<fs::path>& files) {
    return std::any_of(files.begin(), files.end(),
                       [](const fs::path& f) { return f.filename() == "build" || f.filename() == "run"; });
}

const Language& build_run_language() {
    static const Language language = [] {
        Language l;
        l.id = "build-run";
        l.name = "build/run scripts";
        // "$@" passes the test's arguments on; $0 is "run".
        l.run = {"/bin/sh", "-c", "cd {dir} && exec ./run \"$@\"", "run"};
        l.compile_env = {{"PATH", "/usr/local/bin:/usr/bin:/bin"}, {"HOME", "/box"}};
        l.run_env = {{"PATH", "/usr/local/bin:/usr/bin:/bin"}};
        // A script starts an interpreter or a JVM: more than one process or thread.
        l.compile_processes = 64;
        l.run_processes = 64;
        return l;
    }();
    return language;
}

BuildResult build_script_program(const std::vector<fs::path>& files, const fs::path& build_dir, Box& box,
                                 const BuildLimits& limits) {
    const Language& language = build_run_language();
    BuildResult result;
    result.executable.language = &language;
    result.executable.dir = build_dir;
    result.executable.source = "run";
    fs::create_directories(build_dir);
    fs::permissions(build_dir, fs::perms::all);
    for (const fs::path& file : files) {
        const fs::path target = build_dir / file.filename();
        fs::copy_file(file, target, fs::copy_options::overwrite_existing);
        const bool script = file.filename() == "build" || file.filename() == "run";
        // The box's user does not own the copies: the host sets the bits the build needs.
        fs::permissions(target, script ? kScriptPerms
                                       : fs::perms::owner_read | fs::perms::owner_write |
                                             fs::perms::group_read | fs::perms::others_read);
    }
    if (fs::exists(build_dir / "build")) {
        RunSpec spec;
        spec.argv = {"/bin/sh", "-c", "exec ./build"};
        spec.cpu_time = limits.time;
        spec.wall_time = limits.time * 1.5 + Seconds{5};
        spec.memory = limits.memory;
        spec.processes = language.compile_processes;
        spec.output = limits.output;
        spec.dir = build_dir;
        spec.env = language.compile_env;
        const fs::path base = build_dir.parent_path() / (build_dir.filename().string() + ".build");
        spec.stdout_file = fs::path(base.string() + ".stdout");
        spec.stderr_file = fs::path(base.string() + ".stderr");
        const RunReport report = box.run(spec);
        result.time = report.wall_time;
        result.cpu_time = report.cpu_time;
        result.output = bounded_output(*spec.stdout_file, *spec.stderr_file);
        std::error_code ec;
        fs::remove(*spec.stdout_file, ec);
        fs::remove(*spec.stderr_file, ec);
        if (report.status != RunStatus::Exited || report.exit_code != 0) {
            result.output +=
                "\n[the build script " +
                (report.status == RunStatus::Exited ? "exited with code " + std::to_string(report.exit_code)
                                                    : std::string(to_string(report.status))) +
                "]";
            return result;
        }
    }
    if (!fs::is_regular_file(build_dir / "run")) {
        result.output += "\n[no run script: the folder has none and build did not make one]";
        return result;
    }
    // A run script made by build belongs to the box's user; make sure everyone may execute it.
    std::error_code ec;
    fs::permissions(build_dir / "run", kScriptPerms, fs::perm_options::add, ec);
    result.ok = true;
    return result;
}

}  // namespace khue::judge
