// judge_submission: compile, then for each test (in Problem::test_cases() order, as the scoring module
// allows) run in the box, check, decide the verdict with decide_verdict(), and aggregate with
// score_submission().
#include "khue/judge/pipeline.hpp"

#include "khue/judge/box.hpp"
#include "khue/judge/build_run.hpp"
#include "khue/judge/cache.hpp"
#include "khue/judge/checker.hpp"
#include "khue/judge/compile.hpp"
#include "khue/judge/compile_cache.hpp"
#include "khue/judge/default_validator.hpp"
#include "khue/judge/interactive.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/remove_tree.hpp"
#include "khue/judge/scoring.hpp"
#include "khue/judge/testlib_interactor.hpp"
#include "khue/judge/themis.hpp"
#include "khue/judge/verdict.hpp"
#include "pipeline/file_io.hpp"

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

constexpr Bytes kMaxTestMessage = kib(4);

// The scratch folder of one judging: given by the caller, or a private temp folder removed afterwards.
class WorkDir {
  public:
    explicit WorkDir(const fs::path& given) {
        if (!given.empty()) {
            path_ = given;
            fs::create_directories(path_);
            return;
        }
        std::string pattern = (scratch_root() / "khue-judge-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw SandboxError("cannot create a work folder under " + scratch_root().string());
        }
        path_ = pattern;
        owned_ = true;
        // The box's user must reach the folders mounted from here; the contents stay judge-owned.
        fs::permissions(path_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    }
    ~WorkDir() {
        if (owned_) {
            try {
                remove_tree(path_);  // whatever the programs left, however deep
            } catch (const std::exception& e) {
                std::fprintf(stderr, "khue: %s\n", e.what());
            }
        }
    }
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
    bool owned_ = false;
};

// A fresh, empty folder the box's user may write in. Whatever a program left there is removed whatever its
// shape (remove_tree.hpp); if it cannot be, SandboxError fails the job rather than judge on a dirty box.
fs::path fresh_box_dir(const fs::path& dir) {
    empty_directory(dir);
    fs::permissions(dir, fs::perms::all);
    return dir;
}

std::string bounded(std::string text, Bytes limit = kMaxTestMessage) {
    if (text.size() > limit.count()) {
        text.resize(limit.count());
        text += "…";
    }
    return text;
}

std::string format_seconds(Seconds s) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f s", s.count());
    return buffer;
}

// What happened to the run, for the judges' message when the checker never ran.
std::string describe_run(const RunReport& run, const TestLimits& limits) {
    switch (run.status) {
        case RunStatus::Exited:
            if (run.cpu_time > limits.time_limit) {  // it ended by itself, over the limit
                return "CPU time limit " + format_seconds(limits.time_limit) + " exceeded (" +
                       format_seconds(run.cpu_time) + ")";
            }
            return run.exit_code == 0 ? "" : "exited with code " + std::to_string(run.exit_code);
        case RunStatus::Signaled:
            return "killed by signal " + std::to_string(run.signal);
        case RunStatus::TimeLimit:
            return "CPU time limit " + format_seconds(limits.time_limit) + " exceeded";
        case RunStatus::WallTimeLimit:
            return "wall time limit exceeded";
        case RunStatus::MemoryLimit:
            return "memory limit " + std::to_string(limits.memory_limit.in_mib()) + " MiB exceeded";
        case RunStatus::OutputLimit:
            return "output limit " + std::to_string(limits.output_limit.in_mib()) + " MiB exceeded";
        case RunStatus::SandboxError:
            return "sandbox error: " + run.message;
    }
    return "";
}

bool ran_cleanly(const RunReport& run) {
    return run.status == RunStatus::Exited && run.exit_code == 0;
}

std::vector<fs::path> submission_files(const Problem& problem, const SubmissionFiles& files,
                                       const Language& lang) {
    std::vector<fs::path> all = files.sources;
    // include/default and include/<language> are added to every submission of that language
    // (docs/packages.md).
    for (const auto& key : {std::string("default"), lang.id}) {
        auto it = problem.include.find(key);
        if (it == problem.include.end()) {
            continue;
        }
        for (const auto& entry : fs::directory_iterator(it->second)) {
            if (entry.is_regular_file()) {
                all.push_back(entry.path());
            }
        }
    }
    return all;
}

struct Judging {
    const Problem& problem;
    const JudgeOptions& options;
    Box& box;
    const fs::path& work;
    const Executable& submission;
    const std::optional<Executable>& validator;
    TestLimits limits;  // with the language's multiplier and allowance
    ValidationLimits validation;
    int index = 0;

    RunSpec submission_spec(const TestCase& test, const fs::path& out, const fs::path& err,
                            const std::string& dir = "run") const {
        auto spec = run_spec(submission, problem.limits.memory, test.args);
        spec.memory = limits.memory_limit;
        spec.cpu_time = limits.time_limit;
        spec.wall_time = limits.time_limit * 2 + Seconds{1};
        spec.output = limits.output_limit;
        spec.dir = fresh_box_dir(work / dir);
        if (!out.empty()) {
            spec.stdout_file = out;
        }
        spec.stderr_file = err;
        return spec;
    }

    CheckOutcome check(const TestCase& test, const fs::path& input, const fs::path& team_output,
                       const fs::path& feedback) const {
        if (!validator) {
            CheckOutcome outcome;
            try {
                outcome.result = default_validate_files(
                    team_output, test.answer, parse_default_validator_args(test.output_validator_args));
            } catch (const std::exception& e) {
                outcome.result.status = CheckStatus::JudgeError;
                outcome.result.judge_message = std::string("default validator: ") + e.what();
            }
            return outcome;
        }
        CheckFiles files{input, test.answer, team_output, feedback, test.output_validator_args};
        if (problem.checker_protocol == CheckerProtocol::Testlib) {
            return run_testlib_checker(*validator, files, validation, box);
        }
        if (problem.checker_protocol == CheckerProtocol::Themis) {
            return run_themis_checker(*validator, files, *problem.file_io, problem.scoring, validation, box);
        }
        if (problem.checker_protocol == CheckerProtocol::Cms) {
            CheckOutcome outcome = run_cms_checker(*validator, files, validation, box);
            if (outcome.score_multiplier && !problem.scoring) {
                // Partly right is not right in a pass-fail problem.
                outcome.result.status = CheckStatus::WrongAnswer;
                outcome.score_multiplier.reset();
            }
            return outcome;
        }
        return run_kattis_validator(*validator, files, validation, box);
    }

    // The last pass's output and error output, bounded (a program may write up to the output limit).
    void keep_outputs(const fs::path& out_dir, const std::string& tag, TestResult& result) const {
        int last = 1;
        for (int pass = 2; fs::exists(out_dir / (tag + "." + std::to_string(pass) + ".err")); ++pass) {
            last = pass;
        }
        const auto head = [&](const fs::path& file) {
            std::ifstream in(file, std::ios::binary);
            std::string text(options.keep_output.count() + 1, '\0');
            in.read(text.data(), static_cast<std::streamsize>(text.size()));
            text.resize(static_cast<std::size_t>(in.gcount()));
            return bounded(std::move(text), options.keep_output);
        };
        const auto stem = out_dir / (tag + "." + std::to_string(last));
        result.output = head(fs::path(stem.string() + ".out"));
        result.error_output = head(fs::path(stem.string() + ".err"));
    }

    TestResult run_test(const TestCase& test) {
        ++index;
        TestResult result;
        result.name = test.name;
        result.group = test.group;
        const auto tag = std::to_string(index);
        // Per test, removed afterwards: outputs of hundreds of tests must not pile up, and a checker that
        // sees this folder sees only this test's output.
        const auto out_dir = fresh_box_dir(work / ("out-" + tag));
        // Only custom validators get a feedback dir; the default validator runs in-process.
        const auto feedback = validator ? fresh_box_dir(work / ("feedback-" + tag)) : fs::path();
        fs::path input = test.input;
        std::optional<double> multiplier;
        // Multi-pass: the feedback dir persists between passes; nextpass.in becomes the next pass's input.
        for (int pass = 1;; ++pass) {
            const auto team_output = out_dir / (tag + "." + std::to_string(pass) + ".out");
            const auto team_error = out_dir / (tag + "." + std::to_string(pass) + ".err");
            RunReport run;
            CheckOutcome checked;
            Verdict verdict;
            std::string time_note;
            if (problem.interactive) {
                CheckFiles files{input, test.answer, {}, feedback, test.output_validator_args};
                auto spec = submission_spec(test, {}, team_error);
                auto interaction = problem.checker_protocol == CheckerProtocol::Testlib
                                       ? run_testlib_interactor(spec, *validator, files, validation, box)
                                       : run_interactive(spec, *validator, files, validation, box);
                run = interaction.submission;
                checked = interaction.check;
                verdict =
                    decide_interactive_verdict(interaction.submission, interaction.validator, checked.result,
                                               interaction.validator_exited_first, limits);
            } else {
                // Each run of a near-limit series (time_confirm.hpp) writes its own output and box folder;
                // the fastest run's are the ones checked.
                std::vector<RunSpec> specs;
                const auto run_once = [&](int attempt) {
                    const auto suffix = attempt == 0 ? std::string() : ".rerun" + std::to_string(attempt);
                    const fs::path out = team_output.string() + suffix;
                    auto spec =
                        submission_spec(test, problem.file_io ? fs::path() : out, team_error, "run" + suffix);
                    if (problem.file_io) {
                        pipeline_detail::use_file_io(spec, input, *problem.file_io, out.string() + ".stdin",
                                                     out.string() + ".stdout");
                    } else {
                        spec.stdin_file = input;
                    }
                    spec.cpu_time = cpu_kill_limit(limits.time_limit, options.time_confirmation.margin);
                    specs.push_back(spec);
                    return box.run(spec);
                };
                auto series = run_confirming_time(run_once, limits.time_limit, options.time_confirmation);
                run = series.fastest;
                const RunSpec& spec = specs[series.fastest_index];
                if (series.fastest_index > 0 && !problem.file_io) {
                    fs::rename(*spec.stdout_file, team_output);
                }
                if (series.confirmed()) {
                    result.time_runs = static_cast<int>(series.cpu_times.size());
                    time_note = "CPU time near the limit: the fastest of " +
                                std::to_string(series.cpu_times.size()) + " runs decided (";
                    for (std::size_t i = 0; i < series.cpu_times.size(); ++i) {
                        time_note += (i ? ", " : "") + format_seconds(series.cpu_times[i]);
                    }
                    time_note += ")";
                }
                std::optional<std::string> no_output;
                if (problem.file_io && ran_cleanly(run)) {
                    no_output = pipeline_detail::collect_file_output(*spec.dir, *problem.file_io, team_output,
                                                                     limits.output_limit);
                }
                if (no_output) {
                    checked.result.status = CheckStatus::WrongAnswer;
                    checked.result.judge_message = *no_output;
                    checked.result.team_message = *no_output;
                } else if (ran_cleanly(run)) {
                    checked = check(test, input, team_output, feedback);
                }
                verdict = decide_verdict(run, checked.result, limits);
            }
            result.cpu_time += run.cpu_time;
            result.wall_time += run.wall_time;
            result.memory = std::max(result.memory, run.peak_memory);
            result.verdict = verdict;
            result.score = checked.result.score;
            multiplier = checked.score_multiplier;
            result.message = bounded(checked.result.judge_message);
            result.team_message = bounded(checked.result.team_message);
            if (result.message.empty() && verdict != Verdict::AC) {
                result.message = describe_run(run, limits);
            }
            if (!time_note.empty()) {
                result.message += (result.message.empty() ? "" : "; ") + time_note;
            }
            if (verdict != Verdict::AC || !problem.multi_pass || !checked.next_pass) {
                break;
            }
            if (pass >= problem.limits.validation_passes) {
                result.verdict = Verdict::JE;
                result.message = "output validator asked for pass " + std::to_string(pass + 1) +
                                 " but validation_passes is " +
                                 std::to_string(problem.limits.validation_passes);
                break;
            }
            // Moved out of the feedback dir, which the validator keeps writing to.
            const auto next = out_dir / (tag + "." + std::to_string(pass + 1) + ".in");
            fs::rename(feedback / "nextpass.in", next);
            fs::permissions(next, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                      fs::perms::others_read);
            input = next;
        }
        result.score_multiplier = multiplier;
        if (options.keep_output.count() > 0) {
            keep_outputs(out_dir, tag, result);
        }
        remove_tree(out_dir);
        if (!feedback.empty()) {
            remove_tree(feedback);
        }
        return result;
    }
};

}  // namespace

JudgeOutcome judge_submission(const Problem& problem, const SubmissionFiles& files,
                              const JudgeOptions& options, Box& box) {
    const LanguageSet& languages = options.languages != nullptr ? *options.languages : default_languages();
    // A folder with build/run scripts is a program of its own kind (SPECS §1), whatever its sources are.
    const bool scripts = files.language.empty() && is_build_run_program(files.sources);
    const Language* language = scripts                  ? &build_run_language()
                               : files.language.empty() ? languages.guess(files.sources)
                                                        : languages.find(files.language);
    if (language == nullptr) {
        throw LanguageError(
            files.language.empty()
                ? "cannot tell the language of the submission from its file names; give --language"
                : "unknown language '" + files.language + "'");
    }
    if (files.sources.empty()) {
        throw LanguageError("no source files given");
    }
    const auto time_limit =
        options.time_limit_override ? options.time_limit_override : problem.limits.time_limit;
    if (!time_limit) {
        throw PackageError(
            "problem.yaml", 0,
            "the package gives no time limit; pass one (--time-limit) or derive it with khue verify");
    }

    JudgeOutcome outcome;
    outcome.language = language->id;
    outcome.time_limit = *time_limit;
    outcome.max_score = score_submission(problem, {}).max_score.value_or(0.0);
    WorkDir work(options.work_dir);
    const BuildCache cache(options.cache_dir);
    const BuildLimits build_limits{problem.limits.compilation_time, problem.limits.compilation_memory,
                                   mib(256)};
    try {
        BuildRequest request{language, submission_files(problem, files, *language), files.entry_point,
                             work.path() / "build", build_limits};
        auto built = scripts ? build_script_program(files.sources, work.path() / "build", box, build_limits)
                             : build_program_cached(request, box, cache, options.compile_cache_limit);
        outcome.compile = {built.ok, built.output, built.time, built.cached};
        if (!built.ok) {
            outcome.verdict = Verdict::CE;
            return outcome;
        }

        std::optional<Executable> validator;
        if (problem.output_validator) {
            try {
                validator =
                    build_cached_program(problem.output_validator->path, languages, cache, box, build_limits);
            } catch (const SandboxError&) {
                throw;
            } catch (const std::exception& e) {
                // The package's fault, not the sandbox's: retrying will not help, so no internal_error.
                outcome.verdict = Verdict::JE;
                outcome.internal_message = std::string("output validator: ") + e.what();
                return outcome;
            }
        } else if (problem.interactive) {
            throw PackageError("problem.yaml", 0, "an interactive problem needs an output validator");
        }

        Judging judging{problem,
                        options,
                        box,
                        work.path(),
                        built.executable,
                        validator,
                        TestLimits{*time_limit * language->time_multiplier,
                                   problem.limits.memory + language->memory_allowance, problem.limits.output},
                        ValidationLimits{problem.limits.validation_time, problem.limits.validation_memory,
                                         problem.limits.validation_output},
                        0};
        Outcomes outcomes;
        if (options.samples_only) {
            outcome.verdict = Verdict::AC;
            for (const TestCase* test : problem.test_cases()) {
                if (test->group != "sample" && !test->group.starts_with("sample/")) {
                    continue;
                }
                outcome.tests.push_back(judging.run_test(*test));
                if (outcome.verdict == Verdict::AC) {
                    outcome.verdict = outcome.tests.back().verdict;
                }
                if (options.on_test) {
                    options.on_test(outcome.tests.back());
                }
            }
            return outcome;
        }
        for (const TestCase* test : problem.test_cases()) {
            if (options.stop_at_first_failure && !should_run(problem, *test, outcomes)) {
                continue;
            }
            auto result = judging.run_test(*test);
            outcomes[test->name] = TestOutcome{result.verdict, result.score, result.score_multiplier};
            outcome.tests.push_back(result);
            if (options.on_test) {
                options.on_test(outcome.tests.back());
            }
        }
        const auto scored = score_submission(problem, outcomes);
        outcome.verdict = scored.verdict;
        outcome.score = scored.score;
        outcome.max_score = scored.max_score.value_or(outcome.max_score);
        if (scored.verdict == Verdict::JE && outcome.internal_message.empty()) {
            outcome.internal_message = scored.explanation;
        }
    } catch (const SandboxError& e) {
        outcome.verdict = Verdict::JE;
        outcome.internal_error = true;
        outcome.internal_message = e.what();
    }
    return outcome;
}

}  // namespace khue::judge
