// `khue judge PROBLEM_DIR_OR_ZIP SOURCE... [--language ID] [--time-limit SEC] [--json]` (docs/cli.md): judges
// one submission offline. Exit 0 when judging completed, whatever the verdict; 2 for bad arguments or an
// invalid package; 3 when the sandbox failed (nothing was decided).
#include "command.hpp"
#include "package_arg.hpp"

#include "khue/judge/box.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"
#include "khue/judge/result_json.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;
using namespace khue::judge;

struct JudgeArgs {
    std::string problem;
    std::vector<std::string> sources;
    std::string language;
    double time_limit = 0;
    bool json = false;
};

int run_judge(const JudgeArgs& args) {
    for (const auto& source : args.sources) {
        if (!fs::is_regular_file(source)) {
            std::fprintf(stderr, "khue judge: %s: no such file\n", source.c_str());
            return 2;
        }
    }
    const auto package = khue::cli::load_package_or_report("judge", args.problem);
    if (!package) {
        return 2;
    }
    const Problem& problem = package->problem();
    SubmissionFiles files;
    files.language = args.language;
    for (const auto& source : args.sources) {
        files.sources.emplace_back(source);
    }
    JudgeOptions options;
    if (args.time_limit > 0) {
        options.time_limit_override = Seconds{args.time_limit};
    }
    if (!args.json) {
        options.on_test = [](const TestResult& test) {
            std::fprintf(stderr, "  %-32s %-3s %6.3f s %8llu KiB  %s\n", test.name.c_str(),
                         std::string(to_string(test.verdict)).c_str(), test.cpu_time.count(),
                         static_cast<unsigned long long>(test.memory.in_kib()),
                         test.message.substr(0, test.message.find('\n')).c_str());
        };
    }
    JudgeOutcome outcome;
    try {
        KhueBoxClient box;
        outcome = judge_submission(problem, files, options, box);
    } catch (const LanguageError& e) {
        std::fprintf(stderr, "khue judge: %s\n", e.what());
        return 2;
    } catch (const PackageError& e) {
        std::fprintf(stderr, "khue judge: %s: %s\n", args.problem.c_str(), e.what());
        return 2;
    } catch (const SandboxError& e) {
        std::fprintf(stderr, "khue judge: sandbox: %s\n", e.what());
        return 3;
    }
    if (outcome.internal_error) {
        std::fprintf(stderr, "khue judge: the sandbox failed, nothing was decided: %s\n",
                     outcome.internal_message.c_str());
        return 3;
    }
    if (args.json) {
        std::cout << to_json(outcome) << "\n";
        return 0;
    }
    if (!outcome.compile.ok) {
        std::cout << "compile error:\n" << outcome.compile.output << "\n";
    }
    std::cout << "verdict " << to_string(outcome.verdict);
    if (problem.scoring) {
        std::cout << ", score " << outcome.score << " / " << outcome.max_score;
    }
    std::cout << " (" << outcome.language << ", time limit " << outcome.time_limit.count() << " s, "
              << outcome.tests.size() << " tests run)\n";
    if (!outcome.internal_message.empty()) {
        std::cout << outcome.internal_message << "\n";
    }
    return 0;
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<JudgeArgs>();
    auto* sub = app.add_subcommand("judge", "Judge one submission offline against a problem package");
    sub->add_option("problem", args->problem, "Problem package directory or .zip")->required();
    sub->add_option("sources", args->sources, "Source files of the submission")->required();
    sub->add_option("--language", args->language,
                    "Language id (c, cpp, python3, java, pascal, rust, javascript)");
    sub->add_option("--time-limit", args->time_limit, "Time limit in seconds (overrides the package's)")
        ->check(CLI::PositiveNumber);
    sub->add_flag("--json", args->json, "Print the result as one JSON object");
    return [args] { return run_judge(*args); };
});

}  // namespace
}  // namespace khue::cli
