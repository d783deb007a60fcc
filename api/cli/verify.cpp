// `khue verify PROBLEM_DIR_OR_ZIP [--json]` (docs/cli.md): judges every example submission and compares each
// result with its promise; prints the time limit and how it was found. Exit 0 iff everything matches; 1 on a
// mismatch; 2 for bad arguments or an invalid package; 3 when the sandbox failed.
#include "command.hpp"
#include "package_arg.hpp"

#include "khue/judge/box.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/result_json.hpp"
#include "khue/judge/verify.hpp"

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace khue::cli {
namespace {

namespace fs = std::filesystem;
using namespace khue::judge;

struct VerifyArgs {
    std::string problem;
    bool json = false;
};

void print_table(const Problem& problem, const VerifyReport& report) {
    std::printf("%-40s %-28s %-4s %9s %9s  %s\n", "submission", "expected", "got", "slowest", "limit", "");
    for (const auto& s : report.submissions) {
        const std::string got = s.error.empty() ? std::string(to_string(s.outcome.verdict)) : "-";
        std::printf("%-40s %-28s %-4s %7.3f s %7.3f s  %s\n", s.submission->name.c_str(),
                    describe_expectation(s.submission->expectation).c_str(), got.c_str(), s.max_time.count(),
                    s.judged_with.count(), s.match.ok ? "ok" : "MISMATCH");
        if (problem.scoring && s.error.empty()) {
            std::printf("%-40s score %g / %g\n", "", s.outcome.score, s.outcome.max_score);
        }
        for (const auto& failure : s.match.failures) {
            std::printf("    %s\n", failure.c_str());
        }
    }
    if (!problem.input_validators.empty()) {
        std::printf("\ninput validators: %d run(s), %zu failure(s)\n", report.input_validation.runs,
                    report.input_validation.failures.size());
        for (const auto& failure : report.input_validation.failures) {
            std::printf("    %s\n", failure.c_str());
        }
    }
    std::printf("\ntime limit %.3f s (%s)\n  %s\n", report.time_limit.count(),
                report.time_limit_derived ? "derived from the submissions" : "from problem.yaml",
                report.decision.explanation.c_str());
    if (!report.decision.consistent) {
        std::printf("  INCONSISTENT: a time-limit-exceeded submission is too fast for the required margin\n");
    }
    std::printf("%s\n",
                report.ok ? "verify: all submissions behave as promised" : "verify: MISMATCH (see above)");
}

boost::json::value report_json(const Problem& problem, const VerifyReport& report) {
    boost::json::array warnings;
    for (const auto& w : problem.warnings) {
        warnings.emplace_back(w.to_string());
    }
    boost::json::array input_failures;
    for (const auto& f : report.input_validation.failures) {
        input_failures.emplace_back(f);
    }
    boost::json::array submissions;
    for (const auto& s : report.submissions) {
        boost::json::array failures;
        for (const auto& f : s.match.failures) {
            failures.emplace_back(f);
        }
        submissions.push_back(boost::json::object{
            {"name", s.submission->name},
            {"expected", describe_expectation(s.submission->expectation)},
            {"verdict", s.error.empty() ? boost::json::value(to_string(s.outcome.verdict)) : nullptr},
            {"score", s.outcome.score},
            {"max_time", s.max_time.count()},
            {"time_limit", s.judged_with.count()},
            {"ok", s.match.ok},
            {"failures", std::move(failures)},
            {"result", s.error.empty() ? judge_outcome_json(s.outcome) : nullptr},
        });
    }
    return boost::json::object{
        {"ok", report.ok},
        {"time_limit", report.time_limit.count()},
        {"time_limit_derived", report.time_limit_derived},
        {"time_limit_consistent", report.decision.consistent},
        {"time_limit_explanation", report.decision.explanation},
        {"submissions", std::move(submissions)},
        {"input_validation", boost::json::object{{"runs", report.input_validation.runs},
                                                 {"failures", std::move(input_failures)}}},
        {"warnings", std::move(warnings)},
    };
}

int run_verify(const VerifyArgs& args) {
    const auto package = khue::cli::load_package_or_report("verify", args.problem, args.json);
    if (!package) {
        return 2;
    }
    const Problem& problem = package->problem();
    for (const auto& warning : problem.warnings) {
        std::fprintf(stderr, "warning: %s\n", warning.to_string().c_str());
    }
    if (problem.submissions.empty()) {
        std::fprintf(stderr, "khue verify: %s has no example submissions\n", args.problem.c_str());
        if (args.json) {
            print_json_error("the package has no example submissions", "submissions");
        }
        return 1;
    }
    VerifyOptions options;
    options.progress = [](const std::string& line) { std::fprintf(stderr, "verify: %s\n", line.c_str()); };
    VerifyReport report;
    try {
        KhueBoxClient box;
        report = verify_problem(problem, options, box);
    } catch (const SandboxError& e) {
        std::fprintf(stderr, "khue verify: sandbox: %s\n", e.what());
        if (args.json) {
            print_json_error(std::string("sandbox: ") + e.what());
        }
        return 3;
    } catch (const PackageError& e) {
        std::fprintf(stderr, "khue verify: %s: %s\n", args.problem.c_str(), e.what());
        if (args.json) {
            print_json_error(e.message(), e.file().generic_string(), e.line());
        }
        return 2;
    }
    for (const auto& s : report.submissions) {
        if (s.outcome.internal_error) {
            std::fprintf(stderr, "khue verify: the sandbox failed on %s: %s\n", s.submission->name.c_str(),
                         s.outcome.internal_message.c_str());
            if (args.json) {
                print_json_error("the sandbox failed on " + s.submission->name + ": " +
                                 s.outcome.internal_message);
            }
            return 3;
        }
    }
    if (args.json) {
        std::cout << boost::json::serialize(report_json(problem, report)) << "\n";
    } else {
        print_table(problem, report);
    }
    return report.ok ? 0 : 1;
}

const bool registered = register_command([](CLI::App& app) -> std::function<int()> {
    auto args = std::make_shared<VerifyArgs>();
    auto* sub =
        app.add_subcommand("verify", "Judge a package's example submissions and check their promises");
    sub->add_option("problem", args->problem, "Problem package directory or .zip")->required();
    sub->add_flag("--json", args->json, "Print the report as one JSON object");
    return [args] { return run_verify(*args); };
});

}  // namespace
}  // namespace khue::cli
