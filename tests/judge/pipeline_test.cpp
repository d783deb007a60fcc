// The judging pipeline against fixture packages, with a FakeBox standing in for khue-box: verdict flow,
// pass-fail stop, limits per language, validators' protocols, interactive order, multi-pass, scoring groups.
#include "khue/judge/pipeline.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/result_json.hpp"

#include "khue/test/temp_dir.hpp"
#include "programs/fake_programs.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <unistd.h>

namespace khue::judge {
namespace {

using namespace khue::judge::testing;

class Pipeline : public ::testing::Test {
  protected:
    void SetUp() override {
        scratch_ = tmp_.path();
        options_.cache_dir = scratch_ / "cache";
    }

    JudgeOutcome judge(const std::string& package, const std::string& source, FakeBox& box,
                       const std::string& language = "") {
        const auto problem = load_problem(kPrograms / package);
        SubmissionFiles files{language, {kPrograms / package / "submissions" / source}, std::nullopt};
        return judge_submission(problem, files, options_, box);
    }

    khue::test::TempDir tmp_{"khue-pipeline-test"};
    fs::path scratch_;
    JudgeOptions options_;
};

std::vector<std::string> names(const JudgeOutcome& outcome) {
    std::vector<std::string> out;
    for (const auto& t : outcome.tests) {
        out.push_back(t.name);
    }
    return out;
}

TEST_F(Pipeline, AcceptedSubmissionRunsSamplesThenSecretInOrder) {
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "accepted/sum.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::AC);
    EXPECT_TRUE(outcome.compile.ok);
    EXPECT_FALSE(outcome.internal_error);
    EXPECT_EQ(outcome.language, "c");
    EXPECT_EQ(names(outcome), (std::vector<std::string>{"sample/1", "secret/01", "secret/02", "secret/03"}));
    EXPECT_EQ(outcome.tests[1].group, "secret");
}

TEST_F(Pipeline, PassFailStopsAtTheFirstRejection) {
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "wrong_answer/wrong.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::WA);
    ASSERT_EQ(outcome.tests.size(), 2u);
    EXPECT_EQ(outcome.tests[0].verdict, Verdict::AC);
    EXPECT_EQ(outcome.tests[1].verdict, Verdict::WA);
    EXPECT_EQ(outcome.tests[1].name, "secret/01");
    EXPECT_FALSE(outcome.tests[1].message.empty()) << "the default validator explains a wrong answer";
}

TEST_F(Pipeline, RunsEveryTestWhenAskedNotToStop) {
    options_.stop_at_first_failure = false;
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "wrong_answer/wrong.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::WA);
    ASSERT_EQ(outcome.tests.size(), 4u);
    EXPECT_EQ(outcome.tests[2].verdict, Verdict::AC);  // 0 is small enough to come out right
    EXPECT_EQ(outcome.tests[3].verdict, Verdict::WA);
}

TEST_F(Pipeline, CompileErrorRunsNoTestAndKeepsTheCompilerOutput) {
    const auto source = scratch_ / "broken.c";
    write_file(source, "/* fake: ce */ int main( {");
    FakeBox box(simulate_sum);
    const auto problem = load_problem(kPrograms / "sum");
    const auto outcome = judge_submission(problem, {"", {source}, std::nullopt}, options_, box);
    EXPECT_EQ(outcome.verdict, Verdict::CE);
    EXPECT_FALSE(outcome.compile.ok);
    EXPECT_NE(outcome.compile.output.find("expected ';'"), std::string::npos);
    EXPECT_TRUE(outcome.tests.empty());
    EXPECT_EQ(box.calls().size(), 1u);
}

TEST_F(Pipeline, TimeLimitIsThePackagesTimesTheLanguageMultiplier) {
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "accepted/sum.py", box);
    EXPECT_EQ(outcome.verdict, Verdict::AC);
    EXPECT_EQ(outcome.language, "python3");
    EXPECT_DOUBLE_EQ(outcome.time_limit.count(), 1.0);
    const auto& run = box.calls().back();
    ASSERT_TRUE(run.cpu_time.has_value());
    // python3 has time_multiplier 2 in languages.yaml; the box stops a run 10 % over it (cpu_kill_limit).
    EXPECT_DOUBLE_EQ(run.cpu_time->count(), 2.0 * 1.1);
    EXPECT_EQ(run.argv.front(), "/usr/bin/python3");
    EXPECT_EQ(run.argv.back(), "/judge/exe/sum.py");
}

TEST_F(Pipeline, TimeLimitOverrideReplacesThePackagesLimit) {
    options_.time_limit_override = Seconds{3.0};
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "accepted/sum.c", box);
    EXPECT_DOUBLE_EQ(outcome.time_limit.count(), 3.0);
    EXPECT_DOUBLE_EQ(box.calls().back().cpu_time->count(), 3.0 * 1.1);  // stopped 10 % over (cpu_kill_limit)
    EXPECT_EQ(box.calls().back().memory, mib(256));
    EXPECT_EQ(box.calls().back().output, mib(8));
}

TEST_F(Pipeline, TimeLimitExceededComesFromTheBoxReport) {
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "time_limit_exceeded/loop.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::TLE);
    ASSERT_EQ(outcome.tests.size(), 1u);
    EXPECT_EQ(outcome.tests[0].verdict, Verdict::TLE);
}

TEST_F(Pipeline, CrashIsRunTimeError) {
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "run_time_error/crash.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::RTE);
    EXPECT_NE(outcome.tests.at(0).message.find("signal 6"), std::string::npos);
}

TEST_F(Pipeline, SandboxFailureIsAnInternalErrorNeverAVerdict) {
    FakeBox box([](const RunSpec& spec) -> RunReport {
        if (is_compile(spec)) {
            return exited(0);
        }
        throw SandboxError("khue-box exited with status 1: cgroup vanished");
    });
    const auto outcome = judge("sum", "accepted/sum.c", box);
    EXPECT_TRUE(outcome.internal_error);
    EXPECT_NE(outcome.internal_message.find("cgroup vanished"), std::string::npos);
}

TEST_F(Pipeline, PackageWithoutTimeLimitNeedsAnOverride) {
    FakeBox box(simulate_sum);
    EXPECT_THROW(judge("legacy-custom", "accepted/sum.c", box), PackageError);
}

TEST_F(Pipeline, UnknownLanguageIsRejected) {
    FakeBox box(simulate_sum);
    EXPECT_THROW(judge("sum", "accepted/sum.c", box, "cobol"), LanguageError);
}

TEST_F(Pipeline, CustomValidatorGetsTheKattisArgumentsAndItsMessageIsKept) {
    options_.time_limit_override = Seconds{1.0};
    std::vector<std::string> validator_tail;
    FakeBox box([&](const RunSpec& spec) -> RunReport {
        if (is_compile(spec) || !is_validator(spec)) {
            return simulate_sum(spec);
        }
        validator_tail.assign(spec.argv.end() - 4, spec.argv.end());
        const auto want = std::stol(read_file(host_path(spec, spec.argv[spec.argv.size() - 3])));
        const auto got = std::stol(read_file(*spec.stdin_file));
        if (want != got) {
            write_file(*spec.dir / "judgemessage.txt", "expected " + std::to_string(want));
            return exited(43);
        }
        return exited(42);
    });
    const auto outcome = judge("legacy-custom", "wrong_answer/wrong.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::WA);
    ASSERT_EQ(validator_tail.size(), 4u);
    EXPECT_EQ(validator_tail[0], "/judge/input/02.in");
    EXPECT_EQ(validator_tail[1], "/judge/answer/02.ans");
    EXPECT_EQ(validator_tail[2], "/box/");
    EXPECT_EQ(validator_tail[3], "strict");
    ASSERT_EQ(outcome.tests.size(), 2u);
    EXPECT_EQ(outcome.tests[1].message, "expected 15");
}

TEST_F(Pipeline, ValidatorExitCodeOtherThan42Or43IsAJudgeError) {
    options_.time_limit_override = Seconds{1.0};
    FakeBox box([](const RunSpec& spec) -> RunReport {
        if (is_compile(spec) || !is_validator(spec)) {
            return simulate_sum(spec);
        }
        return exited(0);
    });
    const auto outcome = judge("legacy-custom", "accepted/sum.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::JE);
    EXPECT_FALSE(outcome.internal_error) << "a broken validator is the package's fault, not the sandbox's";
    // --json carries the reason of the judge error.
    const auto json = boost::json::parse(to_json(outcome)).as_object();
    EXPECT_EQ(json.at("verdict").as_string(), "JE");
    EXPECT_NE(std::string(json.at("message").as_string()).find("judge error on"), std::string::npos)
        << json.at("message").as_string();
}

TEST_F(Pipeline, ValidatorIsCompiledOnceAndCached) {
    options_.time_limit_override = Seconds{1.0};
    int validator_compiles = 0;
    FakeBox box([&](const RunSpec& spec) -> RunReport {
        if (is_compile(spec) && behaviour(spec).empty()) {
            ++validator_compiles;
        }
        return is_validator(spec) ? exited(42) : simulate_sum(spec);
    });
    judge("legacy-custom", "accepted/sum.c", box);
    judge("legacy-custom", "accepted/sum.c", box);
    EXPECT_EQ(validator_compiles, 1);
}

TEST_F(Pipeline, TestlibCheckerGetsInputOutputAnswerAndItsExitCodesMap) {
    std::vector<std::string> checker_tail;
    FakeBox box([&](const RunSpec& spec) -> RunReport {
        const bool checker = !is_compile(spec) && spec.argv.size() >= 3 &&
                             spec.argv[spec.argv.size() - 2].rfind("/judge/output/", 0) == 0;
        if (!checker) {
            return simulate_sum(spec);
        }
        checker_tail.assign(spec.argv.end() - 3, spec.argv.end());
        const auto got = std::stol(read_file(host_path(spec, spec.argv[spec.argv.size() - 2])));
        const auto want = std::stol(read_file(host_path(spec, spec.argv.back())));
        if (got != want) {
            write_file(*spec.stderr_file, "wrong answer: expected " + std::to_string(want) + "\n");
            return exited(1);
        }
        return exited(0);
    });
    const auto outcome = judge("testlib", "wrong_answer/wrong.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::WA);
    ASSERT_EQ(checker_tail.size(), 3u);
    EXPECT_EQ(checker_tail[0], "/judge/input/02.in");
    EXPECT_EQ(checker_tail[2], "/judge/answer/02.ans");
    EXPECT_EQ(outcome.tests.back().message, "wrong answer: expected 15");
}

TEST_F(Pipeline, ScoringGroupsAddUpTheirMaxScores) {
    FakeBox box(simulate_sum);
    const auto partial = judge("scored", "partially_accepted/wrong.c", box);
    EXPECT_DOUBLE_EQ(partial.max_score, 100.0);
    EXPECT_DOUBLE_EQ(partial.score, 30.0);
    const auto full = judge("scored", "accepted/sum.c", box);
    EXPECT_DOUBLE_EQ(full.score, 100.0);
    EXPECT_EQ(full.verdict, Verdict::AC);
}

ConnectedReports connected(RunReport validator, RunReport submission, bool validator_first) {
    return {std::move(validator), std::move(submission), validator_first};
}

TEST_F(Pipeline, InteractiveValidatorWrongAnswerFirstBeatsALaterTimeout) {
    RunReport tle = exited(0, 1.0);
    tle.status = RunStatus::TimeLimit;
    FakeBox box(simulate_sum, [&](const RunSpec& validator, const RunSpec& submission) {
        EXPECT_TRUE(is_validator(validator));
        EXPECT_FALSE(submission.stdin_file.has_value());
        EXPECT_FALSE(submission.stdout_file.has_value());
        return connected(exited(43), tle, true);
    });
    EXPECT_EQ(judge("guess", "wrong_answer/linear.c", box).verdict, Verdict::WA);
}

TEST_F(Pipeline, InteractiveSubmissionTimeoutWinsWhenTheValidatorDidNotReject) {
    RunReport tle = exited(0, 1.0);
    tle.status = RunStatus::TimeLimit;
    FakeBox box(simulate_sum,
                [&](const RunSpec&, const RunSpec&) { return connected(exited(43), tle, false); });
    EXPECT_EQ(judge("guess", "time_limit_exceeded/silent.c", box).verdict, Verdict::TLE);
}

TEST_F(Pipeline, InteractiveValidatorCrashIsAJudgeError) {
    RunReport crash = exited(0);
    crash.status = RunStatus::Signaled;
    crash.signal = 11;
    FakeBox box(simulate_sum,
                [&](const RunSpec&, const RunSpec&) { return connected(crash, exited(0), true); });
    EXPECT_EQ(judge("guess", "accepted/binary.c", box).verdict, Verdict::JE);
}

TEST_F(Pipeline, InteractiveAcceptedWhenBothEndWell) {
    FakeBox box(simulate_sum,
                [&](const RunSpec&, const RunSpec&) { return connected(exited(42), exited(0), false); });
    const auto outcome = judge("guess", "accepted/binary.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::AC);
    EXPECT_EQ(outcome.tests.size(), 2u);
}

// Emulates output_validator/twice.c: each pass's input is n and the answer 2n; a state file in the feedback
// dir says pass 1 is done, and nextpass.in after pass 1 holds its output.
RunReport twice_validator(const RunSpec& spec, bool always_next) {
    const auto n = std::stol(read_file(host_path(spec, spec.argv[spec.argv.size() - 3])));
    const auto got = std::stol(read_file(*spec.stdin_file));
    const bool second = fs::exists(*spec.dir / "state");
    if (got != 2 * n) {
        return exited(43);
    }
    if (!second || always_next) {
        write_file(*spec.dir / "state", "1");
        write_file(*spec.dir / "nextpass.in", std::to_string(got) + "\n");
    }
    return exited(42);
}

TEST_F(Pipeline, MultiPassFeedsNextpassInAndKeepsTheFeedbackDir) {
    std::vector<std::string> pass_inputs;
    FakeBox box([&](const RunSpec& spec) -> RunReport {
        if (is_validator(spec)) {
            return twice_validator(spec, false);
        }
        if (!is_compile(spec)) {
            pass_inputs.push_back(read_file(*spec.stdin_file));
        }
        return simulate_sum(spec);
    });
    const auto outcome = judge("multipass", "accepted/double.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::AC) << outcome.tests.at(0).message;
    EXPECT_EQ(pass_inputs, (std::vector<std::string>{"5\n", "10\n"}));
}

TEST_F(Pipeline, MultiPassBeyondValidationPassesIsAJudgeError) {
    FakeBox box([&](const RunSpec& spec) -> RunReport {
        return is_validator(spec) ? twice_validator(spec, true) : simulate_sum(spec);
    });
    const auto outcome = judge("multipass", "accepted/double.c", box);
    EXPECT_EQ(outcome.verdict, Verdict::JE);
    EXPECT_NE(outcome.tests.at(0).message.find("validation_passes"), std::string::npos);
}

TEST_F(Pipeline, ProgressIsReportedAfterEachTest) {
    std::vector<std::string> seen;
    options_.on_test = [&](const TestResult& t) { seen.push_back(t.name); };
    FakeBox box(simulate_sum);
    judge("sum", "accepted/sum.c", box);
    EXPECT_EQ(seen.size(), 4u);
}

TEST_F(Pipeline, JsonHasExactlyTheFieldsOfTheDesign) {
    FakeBox box(simulate_sum);
    const auto outcome = judge("sum", "wrong_answer/wrong.c", box);
    const auto json = boost::json::parse(to_json(outcome)).as_object();
    std::vector<std::string> keys;
    for (const auto& [k, v] : json) {
        keys.emplace_back(k);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"verdict", "score", "max_score", "time_limit", "compile",
                                              "tests", "message"}));
    EXPECT_EQ(json.at("message").as_string(), "");  // the reason of a JE; nothing to say here
    EXPECT_EQ(json.at("verdict").as_string(), "WA");
    EXPECT_EQ(json.at("compile").as_object().at("ok").as_bool(), true);
    const auto& test = json.at("tests").as_array().at(1).as_object();
    std::vector<std::string> test_keys;
    for (const auto& [k, v] : test) {
        test_keys.emplace_back(k);
    }
    EXPECT_EQ(test_keys, (std::vector<std::string>{"name", "group", "verdict", "cpu_time", "wall_time",
                                                   "memory_kib", "message"}));
    EXPECT_EQ(test.at("memory_kib").to_number<std::uint64_t>(), 1024u);
}

}  // namespace
}  // namespace khue::judge
