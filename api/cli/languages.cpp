// `khue languages`: compiles and runs each configured language's hello-world through the box and says which
// languages work on this host. Exit 0 iff all of them do.
#include "command.hpp"

#include "khue/judge/box.hpp"
#include "khue/judge/cache.hpp"
#include "khue/judge/compile.hpp"
#include "khue/judge/language.hpp"

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;
using namespace khue::judge;

struct Options {
    std::string file;
    std::string only;
    int repeat = 1;
    bool no_pch = false;
};

struct SelfTest {
    bool ok = false;
    Seconds compile_time{0};
    Seconds compile_cpu{0};
    Seconds run_time{0};
    std::string problem;
};

SelfTest self_test(const Language& language, Box& box, const BuildCache& cache, const fs::path& work,
                   bool use_pch) {
    SelfTest test;
    const auto dir = work / language.id;
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto source = dir / language.hello_file;
    std::ofstream(source) << language.hello_source;
    BuildRequest request{&language, {source}, std::nullopt, dir / "build", BuildLimits{}};
    auto built = build_program(request, box, &cache, use_pch);
    test.compile_time = built.time;
    test.compile_cpu = built.cpu_time;
    if (!built.ok) {
        test.problem = "compile failed: " + built.output.substr(0, 300);
        return test;
    }
    auto spec = run_spec(built.executable, mib(512));
    spec.cpu_time = Seconds{10};
    spec.wall_time = Seconds{20};
    spec.output = mib(1);
    spec.dir = dir / "run";
    fs::create_directories(*spec.dir);
    fs::permissions(*spec.dir, fs::perms::all);
    spec.stdout_file = dir / "stdout";
    spec.stderr_file = dir / "stderr";
    const auto report = box.run(spec);
    test.run_time = report.wall_time;
    const auto out = read_regular_file_bounded(dir / "stdout", kib(4)).value_or("");
    if (report.status != RunStatus::Exited || report.exit_code != 0) {
        test.problem = "run failed (" + std::string(to_string(report.status)) + ", exit " +
                       std::to_string(report.exit_code) +
                       "): " + read_regular_file_bounded(dir / "stderr", Bytes{300}).value_or("");
    } else if (out != language.hello_output) {
        test.problem = "wrong output: '" + out.substr(0, 100) + "'";
    } else {
        test.ok = true;
    }
    return test;
}

Seconds median(std::vector<Seconds> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? Seconds{0} : v[v.size() / 2];
}

int run_languages(const Options& opts) {
    LanguageSet languages;
    try {
        languages = opts.file.empty() ? default_languages() : load_languages(opts.file);
    } catch (const LanguageError& e) {
        std::fprintf(stderr, "khue languages: %s\n", e.what());
        return 2;
    }
    std::string pattern = (fs::temp_directory_path() / "khue-languages-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        std::fprintf(stderr, "khue languages: cannot create a temp folder\n");
        return 2;
    }
    const fs::path work = pattern;
    fs::permissions(work, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    int failed = 0;
    try {
        KhueBoxClient box;
        const BuildCache cache;
        std::printf("%-11s %-12s %-5s %9s %11s %9s  %s\n", "id", "name", "works", "compile", "compile-cpu",
                    "run", opts.repeat > 1 ? "(medians)" : "");
        for (const auto& language : languages.all()) {
            if (!opts.only.empty() && language.id != opts.only) {
                continue;
            }
            SelfTest test;
            std::vector<Seconds> compile, compile_cpu, run;
            for (int i = 0; i < opts.repeat; ++i) {
                try {
                    test = self_test(language, box, cache, work, !opts.no_pch);
                } catch (const std::exception& e) {
                    test = SelfTest{};
                    test.problem = e.what();
                }
                if (!test.ok) {
                    break;
                }
                compile.push_back(test.compile_time);
                compile_cpu.push_back(test.compile_cpu);
                run.push_back(test.run_time);
            }
            failed += test.ok ? 0 : 1;
            std::printf("%-11s %-12s %-5s %7.3f s %9.3f s %7.3f s  %s\n", language.id.c_str(),
                        language.name.c_str(), test.ok ? "yes" : "NO", median(compile).count(),
                        median(compile_cpu).count(), median(run).count(), test.problem.c_str());
            std::fflush(stdout);
        }
    } catch (const SandboxError& e) {
        std::fprintf(stderr, "khue languages: sandbox: %s\n", e.what());
        failed = 1;
    }
    std::error_code ec;
    fs::remove_all(work, ec);
    return failed == 0 ? 0 : 1;
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<Options>();
    auto* sub = app.add_subcommand("languages", "Self-test every configured language through the sandbox");
    sub->add_option(
        "--file", opts->file,
        "Languages file (default: $KHUE_LANGUAGES, else share/khue/languages.yaml of the installation)");
    sub->add_option("--only", opts->only, "Test only this language id");
    sub->add_option("--repeat", opts->repeat, "Run each self-test N times and print medians (benchmarks)")
        ->check(CLI::Range(1, 100));
    sub->add_flag("--no-pch", opts->no_pch,
                  "Compile without precompiled headers (to measure what they save)");
    return [opts] { return run_languages(*opts); };
});

}  // namespace
}  // namespace khue::cli
