// `khue judge PROBLEM_DIR_OR_ZIP SOURCE... [--language ID] [--time-limit SEC] [--json] [--samples-only]`
// (docs/cli.md): judges one submission offline. --samples-only runs the sample tests only, and its JSON gives
// each sample's input, expected output and the program's output (64 KiB each at most): the team page's
// "run on samples", which `khue serve` runs as a child process. Exit 0 when judging completed, whatever the
// verdict; 2 for bad arguments or an invalid package; 3 when the sandbox failed (nothing was decided).
#include "command.hpp"
#include "package_arg.hpp"

#include "khue/judge/box.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"
#include "khue/judge/result_json.hpp"
#include "khue/judge/source_names.hpp"
#include "khue/judge/verify.hpp"

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
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
    bool samples_only = false;
};

constexpr Bytes kSampleTextLimit = kib(64);

// The first `limit` bytes of a file, with "…" when there is more.
std::string file_head(const fs::path& file, Bytes limit) {
    std::ifstream in(file, std::ios::binary);
    std::string text(limit.count() + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > limit.count()) {
        text.resize(limit.count());
        text += "…";
    }
    return text;
}

// Adds each sample's input and expected output to `khue judge --json --samples-only`.
boost::json::value samples_json(const Problem& problem, const JudgeOutcome& outcome) {
    auto value = judge_outcome_json(outcome);
    for (auto& item : value.as_object()["tests"].as_array()) {
        auto& test = item.as_object();
        for (const TestCase* c : problem.test_cases()) {
            if (c->name == test["name"].as_string()) {
                test["input"] = file_head(c->input, kSampleTextLimit);
                test["expected"] = file_head(c->answer, kSampleTextLimit);
                test.emplace("output", "");
                test.emplace("error_output", "");
            }
        }
    }
    return value;
}

int run_judge(const JudgeArgs& args) {
    for (const auto& source : args.sources) {
        if (!fs::is_regular_file(source)) {
            std::fprintf(stderr, "khue judge: %s: no such file\n", source.c_str());
            if (args.json) {
                print_json_error("no such file", source);
            }
            return 2;
        }
        const auto name = fs::path(source).filename().string();
        if (auto problem = source_file_name_problem(name)) {
            std::fprintf(stderr, "khue judge: %s: %s\n", source.c_str(), problem->c_str());
            return 2;
        }
    }
    const auto package = khue::cli::load_package_or_report("judge", args.problem, args.json);
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
    if (args.samples_only) {
        options.samples_only = true;
        options.keep_output = kSampleTextLimit;
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
        if (!options.time_limit_override && !problem.limits.time_limit) {
            // As `khue verify` does: run the accepted example submissions and derive the limit from them.
            VerifyOptions verify;
            verify.time_limit_only = true;
            verify.progress = [](const std::string& line) {
                std::fprintf(stderr, "khue judge: %s\n", line.c_str());
            };
            const VerifyReport report = verify_problem(problem, verify, box);
            options.time_limit_override = report.time_limit;
            std::fprintf(stderr, "khue judge: the package gives no time limit; using %.3f s (%s)\n",
                         report.time_limit.count(), report.decision.explanation.c_str());
        }
        outcome = judge_submission(problem, files, options, box);
    } catch (const LanguageError& e) {
        std::fprintf(stderr, "khue judge: %s\n", e.what());
        if (args.json) {
            print_json_error(e.what());
        }
        return 2;
    } catch (const PackageError& e) {
        std::fprintf(stderr, "khue judge: %s: %s\n", args.problem.c_str(), e.what());
        if (args.json) {
            print_json_error(e.message(), e.file().generic_string(), e.line());
        }
        return 2;
    } catch (const SandboxError& e) {
        std::fprintf(stderr, "khue judge: sandbox: %s\n", e.what());
        if (args.json) {
            print_json_error(std::string("sandbox: ") + e.what());
        }
        return 3;
    }
    if (outcome.internal_error) {
        std::fprintf(stderr, "khue judge: the sandbox failed, nothing was decided: %s\n",
                     outcome.internal_message.c_str());
        if (args.json) {
            print_json_error("the sandbox failed, nothing was decided: " + outcome.internal_message);
        }
        return 3;
    }
    if (args.json && args.samples_only) {
        std::cout << boost::json::serialize(samples_json(problem, outcome)) << "\n";
        return 0;
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
    sub->add_flag(
        "--samples-only", args->samples_only,
        "Run the sample tests only (not a judgement); with --json, give each sample's input, expected "
        "output and the program's output");
    return [args] { return run_judge(*args); };
});

}  // namespace
}  // namespace khue::cli
