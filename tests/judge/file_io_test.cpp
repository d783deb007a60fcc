// File input/output problems (khue.file_io) and the Themis checker protocol: the package key, the pipeline
// with a FakeBox standing in for khue-box (what the program finds in its folder, what happens to the file it
// writes), and the pure mapping of a Themis checker's output onto verdicts.
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"
#include "khue/judge/themis.hpp"

#include "khue/test/temp_dir.hpp"
#include "programs/fake_programs.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

namespace khue::judge {
namespace {

using namespace khue::judge::testing;

RunReport clean() {
    return exited(0);
}

// ---- the Themis protocol, pure ----

TEST(ThemisOutcome, ScoreOneIsAcceptedAndTheCommentIsTheMessage) {
    const auto o = themis_outcome(clean(), "Correct answer\n1\n", false);
    EXPECT_EQ(o.result.status, CheckStatus::Accepted);
    EXPECT_EQ(o.result.judge_message, "Correct answer");
    EXPECT_FALSE(o.score_multiplier.has_value());
}

TEST(ThemisOutcome, ScoreZeroIsWrongAnswer) {
    const auto o = themis_outcome(clean(), "Sai\r\n0.0\r\n\r\n", true);
    EXPECT_EQ(o.result.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(o.result.judge_message, "Sai");
}

TEST(ThemisOutcome, AFractionIsPartialCreditOnAScoringProblem) {
    const auto o = themis_outcome(clean(), "half of the pairs\n0.5", true);
    EXPECT_EQ(o.result.status, CheckStatus::Accepted);
    ASSERT_TRUE(o.score_multiplier.has_value());
    EXPECT_DOUBLE_EQ(*o.score_multiplier, 0.5);
}

TEST(ThemisOutcome, AFractionIsWrongAnswerOnAPassFailProblem) {
    const auto o = themis_outcome(clean(), "almost\n0.9\n", false);
    EXPECT_EQ(o.result.status, CheckStatus::WrongAnswer);
    EXPECT_FALSE(o.score_multiplier.has_value());
    EXPECT_NE(o.result.judge_message.find("pass-fail"), std::string::npos);
}

TEST(ThemisOutcome, ANonZeroExitIsAJudgeError) {
    const auto o = themis_outcome(exited(1), "cannot open file\n", true);
    EXPECT_EQ(o.result.status, CheckStatus::JudgeError);
    EXPECT_NE(o.result.judge_message.find("exited with code 1"), std::string::npos);
    EXPECT_NE(o.result.judge_message.find("cannot open file"), std::string::npos);
}

TEST(ThemisOutcome, ALastLineThatIsNoNumberIsAJudgeError) {
    EXPECT_EQ(themis_outcome(clean(), "1\nDung\n", true).result.status, CheckStatus::JudgeError);
    EXPECT_EQ(themis_outcome(clean(), "", true).result.status, CheckStatus::JudgeError);
    EXPECT_EQ(themis_outcome(clean(), "ok\n1.5\n", true).result.status, CheckStatus::JudgeError);
    EXPECT_EQ(themis_outcome(clean(), "ok\n-0.5\n", true).result.status, CheckStatus::JudgeError);
}

// ---- the package key ----

class FileIoPackage : public ::testing::Test {
  protected:
    void SetUp() override {
        scratch_ = tmp_.path();
        options_.cache_dir = scratch_ / "cache";
    }

    // A copy of the sum fixture whose problem.yaml gets `extra` appended.
    fs::path package(const std::string& extra, const std::string& type = "pass-fail") {
        const auto dir = scratch_ / "sum";
        fs::remove_all(dir);
        fs::copy(kPrograms / "sum", dir, fs::copy_options::recursive);
        write_file(dir / "problem.yaml", "problem_format_version: 2025-09\ntype: " + type +
                                             "\nname: Sum\nlimits:\n  time_limit: 1.0\n  memory: 256\n" +
                                             extra);
        return dir;
    }

    std::string load_error(const std::string& extra, const std::string& type = "pass-fail") {
        try {
            load_problem(package(extra, type));
        } catch (const PackageError& e) {
            return e.what();
        }
        return "";
    }

    JudgeOutcome judge(const fs::path& dir, const std::string& source, FakeBox& box) {
        const auto src = scratch_ / "submission.c";
        write_file(src, source);
        return judge_submission(load_problem(dir), {"c", {src}, std::nullopt}, options_, box);
    }

    khue::test::TempDir tmp_{"khue-file-io-test"};
    fs::path scratch_;
    JudgeOptions options_;
};

const std::string kFileIo = "khue:\n  file_io:\n    input: SUM.INP\n    output: SUM.OUT\n";

TEST_F(FileIoPackage, TheKeyGivesBothNames) {
    const auto p = load_problem(package(kFileIo));
    ASSERT_TRUE(p.file_io.has_value());
    EXPECT_EQ(p.file_io->input, "SUM.INP");
    EXPECT_EQ(p.file_io->output, "SUM.OUT");
    EXPECT_TRUE(p.warnings.empty());
    EXPECT_FALSE(load_problem(package("")).file_io.has_value());
}

TEST_F(FileIoPackage, ANameWithAFolderIsRefusedWithItsLineAndKey) {
    const auto error = load_error("khue:\n  file_io:\n    input: ../SUM.INP\n    output: SUM.OUT\n");
    EXPECT_NE(error.find("problem.yaml:9: khue.file_io.input"), std::string::npos) << error;
    EXPECT_NE(error.find("not a plain file name"), std::string::npos) << error;
}

TEST_F(FileIoPackage, NamesThatDifferOnlyInCaseAreRefused) {
    const auto error = load_error("khue:\n  file_io:\n    input: sum.txt\n    output: SUM.TXT\n");
    EXPECT_NE(error.find("khue.file_io.output"), std::string::npos) << error;
}

TEST_F(FileIoPackage, AMissingNameIsRefused) {
    const auto error = load_error("khue:\n  file_io:\n    input: SUM.INP\n");
    EXPECT_NE(error.find("needs both 'input' and 'output'"), std::string::npos) << error;
}

TEST_F(FileIoPackage, ThemisCheckerNeedsFileNames) {
    const auto error = load_error("khue:\n  checker_protocol: themis\n");
    EXPECT_NE(error.find("themis needs khue.file_io"), std::string::npos) << error;
}

TEST_F(FileIoPackage, ThemisCheckerNeedsAChecker) {
    const auto error = load_error("khue:\n  checker_protocol: themis\n" + kFileIo.substr(6));
    EXPECT_NE(error.find("khue.checker_protocol themis needs a custom output validator"), std::string::npos)
        << error;
}

// ---- the pipeline ----

fs::path mounted(const RunSpec& spec, const char* inside) {
    for (const auto& m : spec.mounts) {
        if (m.inside == inside) {
            return m.host;
        }
    }
    return {};
}

// A file-I/O submission: reads the two numbers from the named input file in /box, writes the sum as the
// marker says: `file` to SUM.OUT, `lower` to sum.out, `stdout` to standard output only, `symlink` plants a
// link named SUM.OUT, `half` writes a wrong sum on even inputs.
RunReport simulate_file_io(const RunSpec& spec) {
    const auto what = behaviour(spec);
    if (is_compile(spec)) {
        return exited(0);
    }
    const fs::path dir = *spec.dir;
    std::istringstream in(read_file(dir / "SUM.INP"));
    long a = 0;
    long b = 0;
    in >> a >> b;
    const std::string answer = std::to_string(what == "half" && (a + b) % 2 == 0 ? a + b + 1 : a + b) + "\n";
    if (what == "file" || what == "half") {
        write_file(dir / "SUM.OUT", answer);
    } else if (what == "lower") {
        write_file(dir / "sum.out", answer);
    } else if (what == "stdout") {
        write_file(*spec.stdout_file, answer);
    } else if (what == "symlink") {
        fs::create_symlink(dir / "SUM.INP", dir / "SUM.OUT");
    }
    return exited(0);
}

TEST_F(FileIoPackage, TheProgramFindsItsInputFileAndEmptyStandardInput) {
    std::vector<RunSpec> runs;
    FakeBox box([&](const RunSpec& spec) {
        if (!is_compile(spec)) {
            runs.push_back(spec);
            EXPECT_EQ(read_file(*spec.dir / "SUM.INP"), read_file(*spec.dir / "sum.inp"));
            EXPECT_TRUE(spec.stdin_file.has_value());
            EXPECT_EQ(fs::file_size(*spec.stdin_file), 0u) << "the input comes from the file only";
        }
        return simulate_file_io(spec);
    });
    const auto outcome = judge(package(kFileIo), "/* fake: file */", box);
    EXPECT_EQ(outcome.verdict, Verdict::AC);
    EXPECT_EQ(runs.size(), 4u);
}

TEST_F(FileIoPackage, WritingToStandardOutputInsteadIsAWrongAnswerThatSaysWhy) {
    FakeBox box(simulate_file_io);
    const auto outcome = judge(package(kFileIo), "/* fake: stdout */", box);
    EXPECT_EQ(outcome.verdict, Verdict::WA);
    ASSERT_FALSE(outcome.tests.empty());
    EXPECT_NE(outcome.tests[0].message.find("no output file SUM.OUT"), std::string::npos)
        << outcome.tests[0].message;
    EXPECT_EQ(outcome.tests[0].team_message, outcome.tests[0].message) << "the team sees why too";
}

TEST_F(FileIoPackage, AnOutputFileInOtherLetterCaseIsTaken) {
    FakeBox box(simulate_file_io);
    EXPECT_EQ(judge(package(kFileIo), "/* fake: lower */", box).verdict, Verdict::AC);
}

TEST_F(FileIoPackage, APlantedSymlinkIsNotFollowed) {
    FakeBox box(simulate_file_io);
    const auto outcome = judge(package(kFileIo), "/* fake: symlink */", box);
    EXPECT_EQ(outcome.verdict, Verdict::WA);
    EXPECT_NE(outcome.tests[0].message.find("not a regular file"), std::string::npos);
}

TEST_F(FileIoPackage, WithoutTheKeyStandardInputStillCarriesTheTest) {
    FakeBox box(simulate_sum);
    const auto dir = package("");
    const auto src = scratch_ / "sum.c";
    write_file(src, "/* fake: ok */");
    const auto outcome = judge_submission(load_problem(dir), {"c", {src}, std::nullopt}, options_, box);
    EXPECT_EQ(outcome.verdict, Verdict::AC);
}

// The output file reaches a testlib checker and a Kattis validator just as standard output would.
TEST_F(FileIoPackage, TestlibAndKattisValidatorsCheckTheOutputFile) {
    for (const std::string protocol : {"testlib", "kattis"}) {
        const auto dir = package("khue:\n  checker_protocol: " + protocol + "\n" + kFileIo.substr(6));
        fs::create_directories(dir / "output_validator");
        write_file(dir / "output_validator/check.c", "/* fake: validator */ int main(void) { return 0; }");
        std::vector<std::string> checked;
        FakeBox box([&](const RunSpec& spec) {
            // Only a checker sees the answer folder.
            if (mounted(spec, kAnswerMount).empty()) {
                return simulate_file_io(spec);
            }
            // testlib: checker input output answer; Kattis: validator input answer /box/ < output.
            const fs::path output =
                protocol == "testlib" ? host_path(spec, spec.argv[spec.argv.size() - 2]) : *spec.stdin_file;
            const fs::path answer = protocol == "testlib" ? host_path(spec, spec.argv.back())
                                                          : host_path(spec, spec.argv[spec.argv.size() - 2]);
            checked.push_back(read_file(output));
            return exited(read_file(output) == read_file(answer) ? (protocol == "testlib" ? 0 : 42)
                                                                 : (protocol == "testlib" ? 1 : 43));
        });
        EXPECT_EQ(judge(dir, "/* fake: file */", box).verdict, Verdict::AC) << protocol;
        ASSERT_FALSE(checked.empty()) << protocol;
        EXPECT_EQ(checked.front(), "3\n") << protocol << ": the checker saw the program's SUM.OUT";
        EXPECT_EQ(judge(dir, "/* fake: half */", box).verdict, Verdict::WA) << protocol;
    }
}

// A Themis checker scripted in the FakeBox: it reads the two folder paths from standard input, compares
// SUM.OUT of both folders and writes a comment and a score.
RunReport simulate_themis(const RunSpec& spec, std::vector<std::string>* seen) {
    if (mounted(spec, kThemisTestMount).empty()) {
        return simulate_file_io(spec);
    }
    std::istringstream in(read_file(*spec.stdin_file));
    std::string test_dir;
    std::string team_dir;
    std::getline(in, test_dir);
    std::getline(in, team_dir);
    seen->push_back(test_dir + "|" + team_dir);
    const auto test_host = mounted(spec, kThemisTestMount);
    const auto team_host = mounted(spec, kThemisTeamMount);
    EXPECT_TRUE(fs::exists(test_host / "SUM.INP"));
    const auto want = read_file(test_host / "SUM.OUT");
    const auto got = read_file(team_host / "SUM.OUT");
    write_file(*spec.stdout_file, want == got ? "Dung\n1\n" : "Sai mot nua\n0.25\n");
    return exited(0);
}

const std::string kThemis = "khue:\n  checker_protocol: themis\n" + kFileIo.substr(6);

TEST_F(FileIoPackage, ThemisCheckerGetsBothFoldersAndGivesPartialCredit) {
    const auto dir = package(kThemis, "scoring");
    fs::create_directories(dir / "output_validator");
    write_file(dir / "output_validator/check.c", "/* fake: themis */ int main(void) { return 0; }");
    std::vector<std::string> seen;
    FakeBox box([&](const RunSpec& spec) { return simulate_themis(spec, &seen); });
    const auto full = judge(dir, "/* fake: file */", box);
    EXPECT_EQ(full.verdict, Verdict::AC);
    EXPECT_DOUBLE_EQ(full.score, 100.0);
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.front(), "/judge/test/|/judge/team/");
    // The secret sums (30, 0, 3000000) are all even, so every secret test earns a quarter of its share.
    const auto partial = judge(dir, "/* fake: half */", box);
    EXPECT_EQ(partial.verdict, Verdict::AC);
    EXPECT_DOUBLE_EQ(partial.score, 25.0);
}

TEST_F(FileIoPackage, ThemisCheckerOnAPassFailProblemRejectsAFraction) {
    const auto dir = package(kThemis);
    fs::create_directories(dir / "output_validator");
    write_file(dir / "output_validator/check.c", "/* fake: themis */ int main(void) { return 0; }");
    std::vector<std::string> seen;
    FakeBox box([&](const RunSpec& spec) { return simulate_themis(spec, &seen); });
    EXPECT_EQ(judge(dir, "/* fake: half */", box).verdict, Verdict::WA);
}

}  // namespace
}  // namespace khue::judge
