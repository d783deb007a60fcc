#include "khue/judge/compile.hpp"

#include "khue/judge/build_run.hpp"

#include "khue/judge/hash.hpp"
#include "khue/judge/java_scan.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <fstream>
#include <sstream>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

constexpr const char* kPchMount = "/judge/pch";
constexpr const char* kEntryFile = ".khue-entry";  // cached programs: entry source and main class

std::string memory_mib(Bytes b) {
    return std::to_string(std::max<std::uint64_t>(1, b.in_mib()));
}

bool has_extension(const Language& language, const fs::path& file) {
    auto ext = file.extension().string();
    if (ext.empty()) {
        return false;
    }
    ext.erase(0, 1);
    return std::find(language.extensions.begin(), language.extensions.end(), ext) !=
           language.extensions.end();
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// javac insists that a public class X lives in X.java; students often name the file otherwise.
fs::path java_file_name(const fs::path& file) {
    if (auto type = scan_java_source(slurp(file)).public_type) {
        return *type + ".java";
    }
    return file.filename();
}

void make_box_writable(const fs::path& dir) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::all);
}

// Compiler output: stdout then stderr, bounded.
std::string compiler_output(const fs::path& out, const fs::path& err) {
    std::string text = read_regular_file_bounded(out, kMaxCompilerOutput).value_or("");
    if (text.size() < kMaxCompilerOutput.count()) {
        text += read_regular_file_bounded(err, Bytes{kMaxCompilerOutput.count() - text.size()}).value_or("");
    }
    return text;
}

RunSpec build_spec(const Language& language, const BuildLimits& limits, const fs::path& dir) {
    RunSpec spec;
    spec.cpu_time = limits.time;
    spec.wall_time = limits.time * 1.5 + Seconds{5};
    spec.memory = limits.memory;
    spec.processes = language.compile_processes;
    spec.output = limits.output;
    spec.dir = dir;
    spec.env = language.compile_env;
    return spec;
}

}  // namespace

std::optional<std::string> read_regular_file_bounded(const fs::path& file, Bytes limit) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    std::string text(static_cast<std::size_t>(
                         std::min<std::uint64_t>(limit.count(), static_cast<std::uint64_t>(st.st_size))),
                     '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const auto n = ::read(fd, text.data() + got, text.size() - got);
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    text.resize(got);
    return text;
}

std::optional<fs::path> ensure_precompiled_header(const Language& language, const BuildCache& cache, Box& box,
                                                  const BuildLimits& limits) {
    if (!language.pch) {
        return std::nullopt;
    }
    const auto& pch = *language.pch;
    // The key covers the flags and the compiler binary itself, so an upgraded compiler gets a fresh header.
    std::string identity = language.id + "\n" + pch.header + "\n";
    for (const auto& arg : pch.argv) {
        identity += arg + "\n";
    }
    std::error_code ec;
    const auto compiler = fs::canonical(pch.argv.front(), ec);
    if (!ec) {
        identity += compiler.string() + "\n" + std::to_string(fs::file_size(compiler, ec)) + "\n" +
                    std::to_string(fs::last_write_time(compiler, ec).time_since_epoch().count());
    }
    const auto key = sha256_hex(identity);
    if (auto found = cache.find("pch", key)) {
        return fs::exists(*found / (pch.header + ".gch")) ? found : std::nullopt;  // else: a recorded failure
    }
    const auto staging = cache.staging("pch");
    const fs::path header = pch.header;
    make_box_writable(staging / header.parent_path());
    {
        std::ofstream input(staging / "pch-input.h");
        input << "#include <" << pch.header << ">\n";
    }
    ArgvContext context;
    context.dir = "/box";
    context.input = "pch-input.h";
    context.output = pch.header + ".gch";
    auto spec = build_spec(language, limits, staging);
    spec.argv = expand_argv(pch.argv, context);
    const auto report = box.run(spec);
    fs::remove(staging / "pch-input.h", ec);
    if (report.status != RunStatus::Exited || report.exit_code != 0) {
        // Published without the .gch: remembered as "does not build here", so compiles don't retry each time.
        fs::remove_all(staging / header.parent_path(), ec);
        cache.publish(staging, "pch", key);
        return std::nullopt;
    }
    return cache.publish(staging, "pch", key);
}

BuildResult build_program(const BuildRequest& request, Box& box, const BuildCache* cache, bool use_pch) {
    const Language& language = *request.language;
    BuildResult result;
    result.executable.language = &language;
    result.executable.dir = request.build_dir;
    make_box_writable(request.build_dir);

    std::vector<std::string> sources;
    for (const auto& file : request.files) {
        auto name = file.filename();
        if (language.needs_main_class && has_extension(language, file)) {
            name = java_file_name(file);
        }
        fs::copy_file(file, request.build_dir / name, fs::copy_options::overwrite_existing);
        fs::permissions(request.build_dir / name, fs::perms::owner_read | fs::perms::owner_write |
                                                      fs::perms::group_read | fs::perms::others_read);
        if (has_extension(language, file) &&
            std::find(sources.begin(), sources.end(), name.string()) == sources.end()) {
            sources.push_back(name.string());
        }
    }
    std::sort(sources.begin(), sources.end());
    if (sources.empty()) {
        result.output = "no " + language.name + " source file among the submitted files";
        return result;
    }
    result.executable.source = sources.front();
    if (request.entry_point) {
        if (std::find(sources.begin(), sources.end(), *request.entry_point) != sources.end()) {
            result.executable.source = *request.entry_point;
        } else if (language.needs_main_class) {
            result.executable.main_class = *request.entry_point;
        }
    }
    if (language.needs_main_class && result.executable.main_class.empty()) {
        std::vector<fs::path> copied;
        for (const auto& s : sources) {
            copied.push_back(request.build_dir / s);
        }
        auto main_class = find_java_main_class(copied);
        if (!main_class) {
            result.output =
                "cannot find the class to run: exactly one class must declare "
                "`public static void main(String[] args)`";
            return result;
        }
        result.executable.main_class = *main_class;
    }

    if (language.compile.empty()) {
        result.ok = true;
        return result;
    }
    ArgvContext context;
    context.dir = "/box";
    // `./NAME`: a file named like an option (`-E.c`) must never reach the compiler as a flag.
    context.source = "./" + result.executable.source;
    for (const auto& s : sources) {
        context.sources.push_back("./" + s);
    }
    context.main_class = result.executable.main_class;
    auto spec = build_spec(language, request.limits, request.build_dir);
    if (language.pch && cache != nullptr && use_pch) {
        if (auto pch_dir = ensure_precompiled_header(language, *cache, box, request.limits)) {
            ArgvContext pch_context;
            pch_context.pch = kPchMount;
            context.pch_flags = expand_argv(language.pch->use_flags, pch_context);
            spec.mounts.push_back({*pch_dir, kPchMount, false});
        }
    }
    spec.argv = expand_argv(language.compile, context);
    const auto base = request.build_dir.parent_path() / (request.build_dir.filename().string() + ".compile");
    spec.stdout_file = fs::path(base.string() + ".stdout");
    spec.stderr_file = fs::path(base.string() + ".stderr");
    const auto report = box.run(spec);
    result.time = report.wall_time;
    result.cpu_time = report.cpu_time;
    result.output = compiler_output(*spec.stdout_file, *spec.stderr_file);
    std::error_code ec;
    fs::remove(*spec.stdout_file, ec);
    fs::remove(*spec.stderr_file, ec);
    switch (report.status) {
        case RunStatus::Exited:
            result.ok = report.exit_code == 0;
            result.cacheable = true;
            break;
        case RunStatus::TimeLimit:
        case RunStatus::WallTimeLimit:
            result.output += "\n[compilation exceeded the time limit]";
            break;
        case RunStatus::MemoryLimit:
            result.output += "\n[compilation exceeded the memory limit]";
            break;
        case RunStatus::OutputLimit:
            result.output += "\n[compilation wrote too large a file]";
            break;
        default:
            result.output += "\n[compiler killed by signal " + std::to_string(report.signal) + "]";
            break;
    }
    if (result.ok && language.needs_main_class) {
        auto class_file = result.executable.main_class;
        std::replace(class_file.begin(), class_file.end(), '.', '/');
        if (!fs::exists(request.build_dir / (class_file + ".class"))) {
            result.ok = false;
            result.output +=
                "\nmain class " + result.executable.main_class + " was not produced by the compiler";
        }
    }
    return result;
}

namespace {

// A validator folder with build/run scripts (build_run.hpp), cached like any other program.
Executable build_cached_script_program(const fs::path& program, const BuildCache& cache, Box& box,
                                       const BuildLimits& limits) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(program)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    const auto key = sha256_hex("build-run\n" + program.filename().string() + "\n" + sha256_tree(program));
    Executable exe;
    exe.language = &build_run_language();
    exe.source = "run";
    if (auto found = cache.find("programs", key)) {
        exe.dir = *found;
        return exe;
    }
    const auto staging = cache.staging("programs");
    auto built = build_script_program(files, staging, box, limits);
    if (!built.ok) {
        std::error_code ec;
        fs::remove_all(staging, ec);
        throw std::runtime_error(program.string() + " does not build:\n" + built.output);
    }
    exe.dir = cache.publish(staging, "programs", key);
    return exe;
}

}  // namespace

Executable build_cached_program(const fs::path& program, const LanguageSet& languages,
                                const BuildCache& cache, Box& box, const BuildLimits& limits) {
    std::vector<fs::path> files;
    std::string digest;
    if (fs::is_directory(program)) {
        if (fs::exists(program / "build") || fs::exists(program / "run")) {
            return build_cached_script_program(program, cache, box, limits);
        }
        for (const auto& entry : fs::directory_iterator(program)) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        digest = sha256_tree(program);
    } else {
        files.push_back(program);
        digest = sha256_file(program);
    }
    const Language* language = languages.guess(files);
    if (language == nullptr) {
        throw std::runtime_error(program.string() +
                                 ": cannot tell the program's language from its file names");
    }
    std::string identity = language->id + "\n";
    for (const auto& arg : language->compile) {
        identity += arg + "\n";
    }
    identity += program.filename().string() + "\n" + digest;
    const auto key = sha256_hex(identity);
    Executable exe;
    exe.language = language;
    if (auto found = cache.find("programs", key)) {
        std::istringstream entry(read_regular_file_bounded(*found / kEntryFile, kib(4)).value_or(""));
        std::getline(entry, exe.source);
        std::getline(entry, exe.main_class);
        exe.dir = *found;
        return exe;
    }
    const auto staging = cache.staging("programs");
    BuildRequest request{language, files, std::nullopt, staging, limits};
    auto built = build_program(request, box, &cache);
    if (!built.ok) {
        std::error_code ec;
        fs::remove_all(staging, ec);
        throw std::runtime_error(program.string() + " does not compile:\n" + built.output);
    }
    {
        std::ofstream entry(staging / kEntryFile);
        entry << built.executable.source << "\n" << built.executable.main_class << "\n";
    }
    exe = built.executable;
    exe.dir = cache.publish(staging, "programs", key);
    return exe;
}

std::vector<std::string> run_argv(const Executable& exe, Bytes memory_limit,
                                  const std::vector<std::string>& extra_args) {
    ArgvContext context;
    context.dir = kExeMount;
    context.source = exe.source;
    context.sources = {exe.source};
    context.main_class = exe.main_class;
    context.memory_mib = memory_mib(memory_limit);
    auto argv = expand_argv(exe.language->run, context);
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    return argv;
}

RunSpec run_spec(const Executable& exe, Bytes memory_limit, const std::vector<std::string>& extra_args) {
    RunSpec spec;
    spec.argv = run_argv(exe, memory_limit, extra_args);
    spec.env = exe.language->run_env;
    spec.processes = exe.language->run_processes;
    spec.memory = memory_limit + exe.language->memory_allowance;
    spec.mounts.push_back({exe.dir, kExeMount, false});
    return spec;
}

}  // namespace khue::judge
