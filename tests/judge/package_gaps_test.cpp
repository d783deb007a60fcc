// Loader behaviour for packages written for other judges (issue #10): symlinked test data, both output
// validator folder names, sample-only data, bad annotations, validator folders with headers.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <fstream>

#include "khue/judge/package.hpp"
#include "khue/test/temp_dir.hpp"

using namespace khue::judge;
namespace fs = std::filesystem;

namespace {

using khue::test::TempDir;

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

std::string load_error(const fs::path& dir) {
    try {
        load_problem(dir);
    } catch (const PackageError& e) {
        return e.what();
    }
    return "(loaded without error)";
}

bool has_warning(const Problem& p, const std::string& text) {
    for (const PackageWarning& w : p.warnings) {
        if (w.to_string().find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

const TestCase* find_case(const Problem& p, const std::string& name) {
    for (const TestCase* c : p.test_cases()) {
        if (c->name == name) {
            return c;
        }
    }
    return nullptr;
}

}  // namespace

TEST(SymlinkedTestData, LinksInsideThePackageBecomePlainFiles) {
    TempDir t;
    write(t.path() / "problem.yaml", "name: S\n");
    write(t.path() / "data/secret/a/1.in", "1\n");
    write(t.path() / "data/secret/a/1.ans", "2\n");
    fs::create_directories(t.path() / "data/secret/b");
    fs::create_symlink("../a/1.in", t.path() / "data/secret/b/1.in");
    fs::create_symlink("../a/1.ans", t.path() / "data/secret/b/1.ans");
    fs::create_directory_symlink("a", t.path() / "data/secret/c");  // a whole group reused
    const Problem p = load_problem(t.path());
    for (const std::string name : {"secret/b/1", "secret/c/1"}) {
        const TestCase* c = find_case(p, name);
        ASSERT_NE(c, nullptr) << name;
        EXPECT_FALSE(fs::is_symlink(c->input)) << c->input;
        EXPECT_FALSE(fs::is_symlink(c->answer)) << c->answer;
        EXPECT_EQ(c->input, fs::canonical(t.path() / "data/secret/a/1.in"));
    }
}

TEST(SymlinkedTestData, LinksLeavingThePackageOrDanglingAreRefusedByName) {
    TempDir outside;
    write(outside.path() / "x.in", "1\n");
    TempDir t;
    write(t.path() / "problem.yaml", "name: S\n");
    write(t.path() / "data/secret/1.ans", "1\n");
    fs::create_symlink(outside.path() / "x.in", t.path() / "data/secret/1.in");
    EXPECT_NE(load_error(t.path()).find("data/secret/1.in: symbolic link leads out of the package"),
              std::string::npos)
        << load_error(t.path());
    fs::remove(t.path() / "data/secret/1.in");
    fs::create_symlink("missing.in", t.path() / "data/secret/1.in");
    EXPECT_NE(load_error(t.path()).find("data/secret/1.in: symbolic link to nothing"), std::string::npos)
        << load_error(t.path());
}

TEST(OutputValidatorFolders, BothNamesWorkInEveryVersion) {
    TempDir t;
    write(t.path() / "problem.yaml", "name: V\nvalidation: custom\n");
    write(t.path() / "data/secret/1.in", "1\n");
    write(t.path() / "data/secret/1.ans", "1\n");
    write(t.path() / "output_validator/validate.cc", "#include \"validate.h\"\nint main() {}\n");
    write(t.path() / "output_validator/validate.h", "#pragma once\n");
    Problem p = load_problem(t.path());  // legacy with the 2025-09 folder name
    ASSERT_TRUE(p.output_validator.has_value());
    EXPECT_TRUE(p.output_validator->is_directory);
    EXPECT_EQ(p.output_validator->path.filename(), "output_validator");

    write(t.path() / "output_validators/check/check.py", "print()\n");  // both: the version's own wins
    p = load_problem(t.path());
    EXPECT_EQ(p.output_validator->path.filename(), "check");
    EXPECT_TRUE(
        has_warning(p, "output_validator: ignored: both output_validators/ and output_validator/ exist"));

    fs::remove_all(t.path() / "output_validators");
    write(t.path() / "problem.yaml", "problem_format_version: 2023-07-draft\nname: V\ntype: multi-pass\n");
    fs::rename(t.path() / "output_validator", t.path() / "output_validators");
    p = load_problem(t.path());  // 2023-07 with the legacy name, validator files loose in the folder
    ASSERT_TRUE(p.output_validator.has_value());
    EXPECT_EQ(p.output_validator->path.filename(), "output_validators");
    EXPECT_TRUE(p.output_validator->is_directory);
}

TEST(ProgramFolders, HeadersMakeLooseFilesOneProgram) {
    TempDir t;
    write(t.path() / "problem.yaml", "name: V\n");
    write(t.path() / "data/secret/1.in", "1\n");
    write(t.path() / "data/secret/1.ans", "1\n");
    write(t.path() / "input_validators/validate.cc", "int main() {}\n");
    write(t.path() / "input_validators/validate.hpp", "#pragma once\n");
    Problem p = load_problem(t.path());
    ASSERT_EQ(p.input_validators.size(), 1U);
    EXPECT_TRUE(p.input_validators[0].is_directory);
    EXPECT_EQ(p.input_validators[0].path.filename(), "input_validators");

    // Without headers each source is a validator of its own; a README is none.
    fs::remove(t.path() / "input_validators/validate.hpp");
    write(t.path() / "input_validators/second.py", "exit(42)\n");
    write(t.path() / "input_validators/README.txt", "notes\n");
    p = load_problem(t.path());
    ASSERT_EQ(p.input_validators.size(), 2U);
    EXPECT_EQ(p.input_validators[0].name, "second.py");
    EXPECT_EQ(p.input_validators[1].name, "validate.cc");
}

TEST(SampleOnlyPackages, AreJudgedOnTheirSamplesWithAWarning) {
    TempDir t;
    write(t.path() / "problem.yaml", "name: S\n");
    write(t.path() / "data/sample/1.in", "1\n");
    write(t.path() / "data/sample/1.ans", "1\n");
    const Problem p = load_problem(t.path());
    EXPECT_TRUE(has_warning(p, "data/secret: no secret test data: only the samples are judged"));
    ASSERT_EQ(p.test_cases().size(), 1U);
    EXPECT_EQ(p.test_cases()[0]->name, "sample/1");
}

TEST(Annotations, AMalformedScoreIsAWarningAndAVerifyFailureOnly) {
    TempDir t;
    write(t.path() / "problem.yaml", "name: S\ntype: scoring\n");
    write(t.path() / "data/secret/1.in", "1\n");
    write(t.path() / "data/secret/1.ans", "1\n");
    write(t.path() / "submissions/accepted/good.py", "# @EXPECTED_SCORE@: 1\nprint(1)\n");
    write(t.path() / "submissions/accepted/bad.py",
          "# @EXPECTED_SCORE@: lots\n# @EXPECTED_RESULTS@: CORRECT\n");
    const Problem p = load_problem(t.path());
    ASSERT_EQ(p.submissions.size(), 2U);
    EXPECT_EQ(p.submissions[0].name, "accepted/bad.py");
    ASSERT_EQ(p.submissions[0].expectation_errors.size(), 1U);
    EXPECT_EQ(
        p.submissions[0].expectation_errors[0],
        "submissions/accepted/bad.py: @EXPECTED_SCORE@: expected a number or a range lo-hi, got ' lots'");
    EXPECT_TRUE(p.submissions[0].expectation.final_verdict.has_value());  // the good line still counts
    EXPECT_TRUE(p.submissions[1].expectation_errors.empty());
    EXPECT_TRUE(has_warning(p, "submissions/accepted/bad.py: @EXPECTED_SCORE@"));
}

TEST(LegacyGrading, ProblemYamlGradingKeysApplyToEveryGroup) {
    TempDir t;
    write(t.path() / "problem.yaml",
          "name: G\ntype: scoring\ngrading:\n  accept_score: 5\n  range: 0 50\n  on_reject: grade\n");
    write(t.path() / "data/secret/g/testdata.yaml", "accept_score: 2\n");
    write(t.path() / "data/secret/g/1.in", "1\n");
    write(t.path() / "data/secret/g/1.ans", "1\n");
    const Problem p = load_problem(t.path());
    const TestGroup* g = p.find_group("secret/g");
    ASSERT_NE(g, nullptr);
    EXPECT_DOUBLE_EQ(g->settings.accept_score, 5);  // problem.yaml wins, as in problemtools
    EXPECT_EQ(g->settings.on_reject, OnReject::Continue);
    ASSERT_TRUE(p.data.settings.range.has_value());
    EXPECT_DOUBLE_EQ(p.data.settings.range->second, 50);
}
