// `khue languages`: compiles and runs each configured language's hello-world through the box and says which
// languages work on this host. Exit 0 iff all of them do.
#include "command.hpp"

#include "khue/judge/box.hpp"
#include "khue/judge/cache.hpp"
#include "khue/judge/compile.hpp"
#include "khue/judge/language.hpp"

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;
using namespace khue::judge;

struct SelfTest {
    bool ok = false;
    Seconds compile_time{0};
    Seconds run_time{0};
    std::string problem;
};

SelfTest self_test(const Language& language, Box& box, const BuildCache& cache, const fs::path& work) {
    SelfTest test;
    const auto dir = work / language.id;
    fs::create_directories(dir);
    const auto source = dir / language.hello_file;
    std::ofstream(source) << language.hello_source;
    BuildRequest request{&language, {source}, std::nullopt, dir / "build", BuildLimits{}};
    auto built = build_program(request, box, &cache);
    test.compile_time = built.time;
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

int run_languages(const std::string& file) {
    LanguageSet languages;
    try {
        languages = file.empty() ? default_languages() : load_languages(file);
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
        std::printf("%-11s %-12s %-5s %9s %9s  %s\n", "id", "name", "works", "compile", "run", "");
        for (const auto& language : languages.all()) {
            SelfTest test;
            try {
                test = self_test(language, box, cache, work);
            } catch (const std::exception& e) {
                test.problem = e.what();
            }
            failed += test.ok ? 0 : 1;
            std::printf("%-11s %-12s %-5s %7.3f s %7.3f s  %s\n", language.id.c_str(), language.name.c_str(),
                        test.ok ? "yes" : "NO", test.compile_time.count(), test.run_time.count(),
                        test.problem.c_str());
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
    auto file = std::make_shared<std::string>();
    auto* sub = app.add_subcommand("languages", "Self-test every configured language through the sandbox");
    sub->add_option("--file", *file,
                    "Languages file (default: judge/data/languages.yaml or $KHUE_LANGUAGES)");
    return [file] { return run_languages(*file); };
});

}  // namespace
}  // namespace khue::cli
