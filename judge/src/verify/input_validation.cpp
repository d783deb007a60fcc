// `khue verify` runs the package's input validators on every test input, in the sandbox (SPECS §1): a
// validator gets the input on stdin and the group's or case's input_validator flags as arguments, and must
// exit 42 for a valid input.
#include "khue/judge/verify.hpp"

#include <stdlib.h>

#include "khue/judge/cache.hpp"
#include "khue/judge/checker.hpp"
#include "khue/judge/compile.hpp"
#include "khue/judge/language.hpp"

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

constexpr int kValid = 42;

std::string first_line(const std::optional<std::string>& text) {
    if (!text || text->empty()) {
        return {};
    }
    const auto end = text->find('\n');
    return ": " + text->substr(0, std::min<std::size_t>(end, 200));
}

// A scratch folder the box's user may write in; removed with this object.
class Scratch {
  public:
    Scratch() {
        std::string pattern = (scratch_root() / "khue-validate-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw SandboxError("cannot create a work folder under " + scratch_root().string());
        }
        path_ = pattern;
        fs::permissions(path_, fs::perms::all);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

}  // namespace

InputValidationReport validate_inputs(const Problem& problem, const LanguageSet& languages,
                                      const fs::path& cache_dir, Box& box) {
    InputValidationReport report;
    const BuildCache cache(cache_dir);
    const BuildLimits build_limits{problem.limits.compilation_time, problem.limits.compilation_memory,
                                   mib(256)};
    for (const Program& program : problem.input_validators) {
        Executable exe;
        try {
            exe = build_cached_program(program.path, languages, cache, box, build_limits);
        } catch (const SandboxError&) {
            throw;
        } catch (const std::exception& e) {
            report.failures.push_back("input validator " + program.name + ": " + e.what());
            continue;
        }
        Scratch scratch;
        for (const TestCase* test : problem.test_cases()) {
            RunSpec spec = run_spec(exe, problem.limits.validation_memory, test->input_validator_args);
            spec.cpu_time = problem.limits.validation_time;
            spec.wall_time = problem.limits.validation_time * 2 + Seconds{1};
            spec.output = problem.limits.validation_output;
            spec.stdin_file = test->input;
            const fs::path dir = scratch.path() / "box";
            std::error_code ec;
            fs::remove_all(dir, ec);
            fs::create_directories(dir);
            fs::permissions(dir, fs::perms::all);
            spec.dir = dir;
            spec.stdout_file = scratch.path() / "stdout";
            spec.stderr_file = scratch.path() / "stderr";
            const RunReport run = box.run(spec);
            ++report.runs;
            if (run.status == RunStatus::Exited && run.exit_code == kValid) {
                continue;
            }
            std::string why = run.status == RunStatus::Exited ? "exit code " + std::to_string(run.exit_code)
                                                              : std::string(to_string(run.status));
            std::string said = first_line(read_regular_file_bounded(scratch.path() / "stderr", kib(4)));
            if (said.empty()) {
                said = first_line(read_regular_file_bounded(scratch.path() / "stdout", kib(4)));
            }
            std::string args;
            for (const std::string& a : test->input_validator_args) {
                args += " " + a;
            }
            report.failures.push_back(
                "input validator " + program.name + " rejects data/" + test->name + ".in (" + why +
                ", expected 42; arguments:" + (args.empty() ? " none" : args) + ")" + said);
        }
    }
    return report;
}

}  // namespace khue::judge
