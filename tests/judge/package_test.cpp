// Loading problem packages: both format versions, the group tree, example submissions, errors that name the
// file and line, zips, and the time limit the examples imply.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "khue/judge/package.hpp"
#include "khue/judge/zip.hpp"
#include "khue/test/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace khue::judge;

namespace {

fs::path fixture(const std::string& name) {
    return fs::path(KHUE_SOURCE_DIR) / "tests/judge/fixtures" / name;
}

// A scratch directory per test, removed afterwards.
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

const ExampleSubmission* submission(const Problem& p, const std::string& name) {
    for (const ExampleSubmission& s : p.submissions) {
        if (s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

// A minimal valid package in `dir` with the given problem.yaml.
void minimal_package(const fs::path& dir, const std::string& problem_yaml) {
    write(dir / "problem.yaml", problem_yaml);
    write(dir / "data/secret/01.in", "1\n");
    write(dir / "data/secret/01.ans", "1\n");
}

}  // namespace

TEST(LegacyPackage, ReadsMetadataLimitsAndFlags) {
    const Problem p = load_problem(fixture("legacy_hello"));
    EXPECT_EQ(p.version, FormatVersion::Legacy);
    EXPECT_EQ(p.short_name, "legacy_hello");
    EXPECT_EQ(p.display_name(), "Hello Khue");
    EXPECT_EQ(p.authors, std::vector<std::string>{"Khue Test Team"});
    EXPECT_FALSE(p.scoring);
    EXPECT_FALSE(p.interactive);
    EXPECT_EQ(p.limits.memory, mib(512));
    EXPECT_EQ(p.limits.output, mib(16));
    EXPECT_DOUBLE_EQ(p.limits.time_multiplier, 3.0);
    ASSERT_TRUE(p.limits.time_limit.has_value());  // from the DOMjudge-style .timelimit file
    EXPECT_DOUBLE_EQ(p.limits.time_limit->count(), 2.0);
    EXPECT_EQ(p.validator_args, (std::vector<std::string>{"float_tolerance", "1e-6", "case_sensitive"}));
    // validation is not custom, so output_validators/ (empty here) is not used.
    EXPECT_FALSE(p.output_validator.has_value());
    EXPECT_EQ(p.checker_protocol, CheckerProtocol::Default);
    ASSERT_EQ(p.input_validators.size(), 1U);
    EXPECT_EQ(p.input_validators[0].name, "validate.py");
    EXPECT_FALSE(p.input_validators[0].is_directory);
}

TEST(LegacyPackage, TestCasesRunSamplesFirstThenSecretInOrder) {
    const Problem p = load_problem(fixture("legacy_hello"));
    const auto cases = p.test_cases();
    ASSERT_EQ(cases.size(), 3U);
    EXPECT_EQ(cases[0]->name, "sample/1");
    EXPECT_EQ(cases[0]->group, "sample");
    EXPECT_EQ(cases[1]->name, "secret/01");
    EXPECT_EQ(cases[2]->name, "secret/02");
    EXPECT_EQ(cases[2]->answer.filename(), "02.ans");
    // Problem-level validator_flags reach every case.
    EXPECT_EQ(cases[1]->output_validator_args, p.validator_args);
}

TEST(LegacyPackage, ExampleSubmissionsTakeTheirFolderOrTheirComment) {
    const Problem p = load_problem(fixture("legacy_hello"));
    ASSERT_EQ(p.submissions.size(), 4U);
    const ExampleSubmission* ac = submission(p, "accepted/add.py");
    ASSERT_NE(ac, nullptr);
    ASSERT_EQ(ac->expectation.rules.size(), 1U);
    EXPECT_EQ(ac->expectation.rules[0].permitted, std::set<Verdict>{Verdict::AC});
    EXPECT_EQ(ac->use_for_time_limit, TimeLimitUse::Lower);
    const ExampleSubmission* tle = submission(p, "time_limit_exceeded/spin.py");
    ASSERT_NE(tle, nullptr);
    EXPECT_EQ(tle->use_for_time_limit, TimeLimitUse::Upper);
    const ExampleSubmission* mixed = submission(p, "mixed/either.py");
    ASSERT_NE(mixed, nullptr);
    ASSERT_TRUE(mixed->expectation.final_verdict.has_value());
    EXPECT_EQ(*mixed->expectation.final_verdict, (std::set<Verdict>{Verdict::WA, Verdict::TLE}));
    EXPECT_EQ(mixed->use_for_time_limit, TimeLimitUse::None);
}

TEST(LegacyPackage, TestdataYamlIsInheritedBySubgroups) {
    const Problem p = load_problem(fixture("legacy_scoring"));
    EXPECT_TRUE(p.scoring);
    EXPECT_EQ(p.data.settings.on_reject, OnReject::Continue);
    EXPECT_TRUE(p.data.settings.ignore_sample);
    const TestGroup* g1 = p.find_group("secret/g1");
    const TestGroup* g2 = p.find_group("secret/g2");
    ASSERT_NE(g1, nullptr);
    ASSERT_NE(g2, nullptr);
    // on_reject: continue from data/testdata.yaml reaches the subgroups; their own keys add to it.
    EXPECT_EQ(g1->settings.on_reject, OnReject::Continue);
    EXPECT_EQ(g1->settings.score_aggregation, ScoreAggregation::Min);
    EXPECT_DOUBLE_EQ(g1->settings.accept_score, 30.0);
    EXPECT_DOUBLE_EQ(g2->settings.accept_score, 70.0);
    ASSERT_EQ(g2->cases.size(), 2U);
    EXPECT_EQ(g2->cases[0].output_validator_args, std::vector<std::string>{"case_sensitive"});
    EXPECT_TRUE(g1->cases[0].output_validator_args.empty());
    const ExampleSubmission* partial = submission(p, "partially_accepted/small.py");
    ASSERT_NE(partial, nullptr);
    ASSERT_FALSE(partial->expectation.rules.empty());
    ASSERT_TRUE(partial->expectation.rules.back().score.has_value());
    EXPECT_DOUBLE_EQ(partial->expectation.rules.back().score->first, 30.0);
}

TEST(ModernPackage, ReadsTypesNamesAndLimits) {
    const Problem p = load_problem(fixture("modern_groups"));
    EXPECT_EQ(p.version, FormatVersion::V2025_09);
    EXPECT_EQ(p.version_text, "2025-09");
    EXPECT_TRUE(p.scoring);
    EXPECT_TRUE(p.interactive);
    EXPECT_FALSE(p.multi_pass);
    EXPECT_EQ(p.names.at("vi"), "Đoán số");
    EXPECT_EQ(p.display_name(), "Guess the number");
    EXPECT_EQ(p.uuid, "5b8c4f2e-0d4e-4f1e-9a39-2f1a8c1d0e77");
    EXPECT_EQ(p.authors, (std::vector<std::string>{"An Nguyen <an@example.com>", "Binh Tran"}));
    EXPECT_EQ(p.source, "Lifelong Learning Week 2025");
    EXPECT_FALSE(p.limits.time_limit.has_value());
    EXPECT_DOUBLE_EQ(p.limits.ac_to_time_limit, 2.5);
    EXPECT_DOUBLE_EQ(p.limits.time_limit_to_tle, 2.0);
    EXPECT_DOUBLE_EQ(p.limits.time_resolution.count(), 0.5);
    EXPECT_EQ(p.limits.memory, mib(256));
    EXPECT_EQ(p.limits.validation_passes, 3);
    ASSERT_TRUE(p.output_validator.has_value());
    EXPECT_TRUE(p.output_validator->is_directory);
    EXPECT_EQ(p.checker_protocol, CheckerProtocol::Kattis);
    ASSERT_EQ(p.include.count("default"), 1U);
    EXPECT_TRUE(p.warnings.empty()) << p.warnings.front().to_string();
}

TEST(ModernPackage, NestedGroupsCarryScoresArgsAndRequirements) {
    const Problem p = load_problem(fixture("modern_groups"));
    const TestGroup* secret = p.secret();
    ASSERT_NE(secret, nullptr);
    EXPECT_EQ(secret->settings.max_score, 100.0);
    EXPECT_EQ(secret->settings.score_aggregation, ScoreAggregation::Sum);
    ASSERT_EQ(secret->groups.size(), 2U);
    const TestGroup& g1 = secret->groups[0];
    const TestGroup& g2 = secret->groups[1];
    EXPECT_EQ(g1.name, "secret/group1");
    EXPECT_EQ(g1.settings.max_score, 40.0);
    EXPECT_EQ(g1.settings.score_aggregation, ScoreAggregation::PassFail);  // the default for groups
    EXPECT_EQ(g2.settings.score_aggregation, ScoreAggregation::Sum);
    EXPECT_EQ(g2.settings.require_pass, (std::vector<std::string>{"sample", "secret/group1"}));
    EXPECT_EQ(g1.cases[0].output_validator_args, std::vector<std::string>{"--easy"});
    // Directories below a 2025-09 group do not nest groups: big/05 belongs to group2 itself.
    EXPECT_TRUE(g2.groups.empty());
    ASSERT_EQ(g2.cases.size(), 3U);
    EXPECT_EQ(g2.cases[2].name, "secret/group2/big/05");
    EXPECT_EQ(g2.cases[2].group, "secret/group2");
    EXPECT_EQ(g2.cases[2].args, std::vector<std::string>{"--hard"});
    EXPECT_EQ(g2.cases[2].output_validator_args, std::vector<std::string>{"--huge"});
    const TestGroup* sample = p.sample();
    ASSERT_NE(sample, nullptr);
    ASSERT_TRUE(sample->cases[0].interaction.has_value());
    EXPECT_TRUE(sample->cases[0].full_feedback);
    EXPECT_FALSE(g1.cases[0].full_feedback);
}

TEST(ModernPackage, SubmissionsYamlAddsRulesToFolderDefaults) {
    const Problem p = load_problem(fixture("modern_groups"));
    const ExampleSubmission* ac = submission(p, "accepted/binary.py");
    ASSERT_NE(ac, nullptr);
    EXPECT_EQ(ac->language, "python3");
    ASSERT_EQ(ac->expectation.rules.size(), 2U);  // folder default + the glob's score
    EXPECT_EQ(ac->expectation.rules[0].permitted, std::set<Verdict>{Verdict::AC});
    EXPECT_EQ(ac->expectation.rules[1].score, (std::pair<double, double>{100, 100}));

    // Naming the folder itself replaces its default key by key: permitted changes, required stays [WA].
    const ExampleSubmission* wa = submission(p, "wrong_answer/one.py");
    ASSERT_NE(wa, nullptr);
    ASSERT_EQ(wa->expectation.rules.size(), 1U);
    EXPECT_EQ(wa->expectation.rules[0].permitted,
              (std::set<Verdict>{Verdict::AC, Verdict::WA, Verdict::TLE}));
    EXPECT_EQ(wa->expectation.rules[0].required, std::set<Verdict>{Verdict::WA});

    const ExampleSubmission* partial = submission(p, "partial/lucky.py");
    ASSERT_NE(partial, nullptr);
    ASSERT_EQ(partial->expectation.rules.size(), 2U);
    EXPECT_EQ(partial->expectation.rules[1].test_pattern, "secret/group1");
    EXPECT_EQ(partial->use_for_time_limit, TimeLimitUse::None);  // use_for_time_limit: false
}

TEST(ModernPackage, GroupsWithoutMaxScoreShareWhatIsLeftWithAWarning) {
    TempDir t;
    minimal_package(t.path(), "problem_format_version: 2025-09\ntype: scoring\nname: X\nuuid: u\n");
    fs::remove_all(t.path() / "data/secret");
    write(t.path() / "data/secret/a/test_group.yaml", "max_score: 20\n");
    for (const char* g : {"a", "b", "c"}) {
        write(t.path() / "data/secret" / g / "1.in", "1\n");
        write(t.path() / "data/secret" / g / "1.ans", "1\n");
    }
    const Problem p = load_problem(t.path());
    EXPECT_EQ(p.find_group("secret/a")->settings.max_score, 20.0);
    EXPECT_EQ(p.find_group("secret/b")->settings.max_score, 40.0);
    EXPECT_EQ(p.find_group("secret/c")->settings.max_score, 40.0);
    EXPECT_TRUE(has_warning(p, "no max_score under a bounded secret"));
}

TEST(PackageErrors, BadYamlNamesFileAndLine) {
    const std::string e = load_error(fixture("broken/bad_yaml"));
    EXPECT_NE(e.find("problem.yaml:"), std::string::npos) << e;
    EXPECT_NE(e.find("invalid YAML"), std::string::npos) << e;
}

TEST(PackageErrors, WrongTypeNamesKeyLineAndValue) {
    EXPECT_EQ(load_error(fixture("broken/wrong_type")),
              "problem.yaml:6: limits.time_limit: expected a number, got 'abc'");
}

TEST(PackageErrors, MissingAnswerNamesTheInput) {
    EXPECT_EQ(load_error(fixture("broken/missing_ans")),
              "data/secret/02.in: test case has no answer file 02.ans");
}

TEST(PackageErrors, UnknownDefaultValidatorFlagIsAnError) {
    const std::string e = load_error(fixture("broken/bad_flag"));
    EXPECT_NE(e.find("problem.yaml"), std::string::npos) << e;
    EXPECT_NE(e.find("unknown default validator flag 'float_tolerence'"), std::string::npos) << e;
}

TEST(PackageErrors, UnknownKeysAreWarningsWithLines) {
    const Problem p = load_problem(fixture("broken/unknown_key"));
    EXPECT_EQ(p.limits.memory, mib(128));
    EXPECT_TRUE(has_warning(p, "problem.yaml:4: unknown key 'limits.memroy' ignored"));
    EXPECT_TRUE(has_warning(p, "problem.yaml:5: unknown key 'colour' ignored"));
    EXPECT_TRUE(has_warning(p, "data/secret/g/testdata.yaml:2: unknown key 'fancy' ignored"));
}

TEST(PackageErrors, MissingProblemYamlOrSecret) {
    TempDir t;
    EXPECT_NE(load_error(t.path()).find("problem.yaml: missing"), std::string::npos);
    write(t.path() / "problem.yaml", "name: x\n");
    fs::create_directories(t.path() / "data/sample");
    EXPECT_NE(load_error(t.path()).find("data/secret: holds no test case"), std::string::npos);
    fs::create_directories(t.path() / "data/secret");
    EXPECT_NE(load_error(t.path()).find("data/secret: holds no test case"), std::string::npos);
}

TEST(PackageErrors, TypeAndVersionAreChecked) {
    TempDir t;
    minimal_package(t.path(), "problem_format_version: 2019-01\n");
    EXPECT_NE(load_error(t.path()).find("unsupported version '2019-01'"), std::string::npos);
    minimal_package(t.path(), "problem_format_version: 2023-07-draft\ntype: [pass-fail, scoring]\n");
    EXPECT_NE(load_error(t.path()).find("pass-fail and scoring exclude each other"), std::string::npos);
    minimal_package(t.path(), "type: interactive\n");
    EXPECT_NE(load_error(t.path()).find("problem.yaml:1: type: unknown problem type 'interactive'"),
              std::string::npos)
        << load_error(t.path());
    minimal_package(t.path(), "limits:\n  memory: -5\n");
    EXPECT_EQ(load_error(t.path()), "problem.yaml:2: limits.memory: expected a positive integer, got '-5'");
    // Far outside any integer type: refused with a message, not converted (fuzz_package found the overflow).
    minimal_package(t.path(), "limits:\n  memory: 3.3e60\n");
    EXPECT_EQ(load_error(t.path()),
              "problem.yaml:2: limits.memory: expected a positive integer, got '3.3e60'");
    minimal_package(t.path(), "limits:\n  code: 2.5\n");
    EXPECT_EQ(load_error(t.path()), "problem.yaml:2: limits.code: expected a positive integer, got '2.5'");
    minimal_package(t.path(), "limits: 12\n");
    EXPECT_EQ(load_error(t.path()), "problem.yaml:1: limits: expected a map, got '12'");
}

TEST(PackageErrors, CustomValidationNeedsAValidator) {
    TempDir t;
    minimal_package(t.path(), "validation: custom interactive\n");
    EXPECT_EQ(load_error(t.path()),
              "output_validators: missing: an interactive problem needs a custom output validator");
    write(t.path() / "output_validators/check/check.cpp", "int main() { return 42; }\n");
    const Problem p = load_problem(t.path());
    EXPECT_TRUE(p.interactive);
    ASSERT_TRUE(p.output_validator.has_value());
    EXPECT_EQ(p.output_validator->name, "check");
    EXPECT_TRUE(p.output_validator->is_directory);
    EXPECT_EQ(p.checker_protocol, CheckerProtocol::Kattis);
}

TEST(PackageErrors, LegacyValidationOptionsAndMultiPass) {
    TempDir t;
    minimal_package(t.path(), "validation: custom score multi-pass\nlimits:\n  validation_passes: 4\n");
    write(t.path() / "output_validators/v.py", "import sys\nsys.exit(42)\n");
    const Problem p = load_problem(t.path());
    EXPECT_TRUE(p.scoring);
    EXPECT_TRUE(p.multi_pass);
    EXPECT_EQ(p.limits.validation_passes, 4);
    EXPECT_FALSE(p.output_validator->is_directory);
    minimal_package(t.path(), "validation: custom sideways\n");
    EXPECT_EQ(load_error(t.path()), "problem.yaml:1: validation: unknown option 'sideways' after 'custom'");
}

TEST(KhueExtension, TestlibProtocolNeedsAChecker) {
    TempDir t;
    minimal_package(
        t.path(), "problem_format_version: 2025-09\nname: T\nuuid: u\nkhue:\n  checker_protocol: testlib\n");
    EXPECT_NE(load_error(t.path()).find("khue.checker_protocol testlib needs a custom output validator"),
              std::string::npos);
    write(t.path() / "output_validator/checker.cpp", "int main() {}\n");
    EXPECT_EQ(load_problem(t.path()).checker_protocol, CheckerProtocol::Testlib);
    minimal_package(t.path(),
                    "problem_format_version: 2025-09\nname: T\nuuid: u\nkhue:\n  checker_protocol: moss\n");
    EXPECT_EQ(
        load_error(t.path()),
        "problem.yaml:5: khue.checker_protocol: expected 'kattis', 'testlib', 'themis' or 'cms', got 'moss'");
}

TEST(PackageFiles, HiddenAndDashNamesAreIgnored) {
    TempDir t;
    minimal_package(t.path(), "name: x\n");
    write(t.path() / "data/secret/.hidden.in", "no answer on purpose\n");
    write(t.path() / "data/secret/-draft.in", "no answer on purpose\n");
    const Problem p = load_problem(t.path());
    EXPECT_EQ(p.test_cases().size(), 1U);
}

TEST(PackageFiles, GroupFlagsForTheDefaultValidatorAreChecked) {
    TempDir t;
    minimal_package(t.path(), "problem_format_version: 2025-09\nname: T\nuuid: u\n");
    write(t.path() / "data/secret/test_group.yaml", "output_validator_args: [float_tolerance, lots]\n");
    EXPECT_NE(load_error(t.path()).find("'float_tolerance' needs a non-negative number, got 'lots'"),
              std::string::npos)
        << load_error(t.path());
}

TEST(PackageZip, LoadsAZippedPackageInATopLevelFolder) {
    TempDir t;
    const fs::path zip = t.path() / "hello.zip";
    // Zip the fixture under a top-level folder, as people do when they zip a directory.
    const fs::path staging = t.path() / "staging";
    fs::create_directories(staging);
    fs::copy(fixture("legacy_hello"), staging / "hello", fs::copy_options::recursive);
    zip_directory(staging, zip);
    LoadOptions options;
    options.extract_to = t.path() / "out";
    const Problem p = load_problem(zip, options);
    EXPECT_EQ(p.short_name, "hello");
    EXPECT_EQ(p.root, t.path() / "out" / "hello");
    EXPECT_EQ(p.display_name(), "Hello Khue");
    EXPECT_EQ(p.test_cases().size(), 3U);
    EXPECT_EQ(p.submissions.size(), 4U);
}

TEST(PackageZip, RefusesAnEntryThatEscapes) {
    TempDir t;
    const fs::path zip = t.path() / "evil.zip";
    write_zip(zip, {{"problem.yaml", "name: evil\n"}, {"data/secret/../../../escaped.txt", "gotcha"}});
    LoadOptions options;
    options.extract_to = t.path() / "out";
    try {
        load_problem(zip, options);
        FAIL() << "a zip with '..' loaded";
    } catch (const PackageError& e) {
        EXPECT_NE(std::string(e.what()).find("'..' component"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(t.path() / "escaped.txt"));
    EXPECT_TRUE(!fs::exists(t.path() / "out") || fs::is_empty(t.path() / "out"));
}

TEST(DeriveTimeLimit, ModernRoundsUpToTheResolution) {
    ProblemLimits l;  // ac_to_time_limit 2, time_limit_to_tle 1.5, resolution 1
    TimeLimitDecision d = derive_time_limit(Seconds{0.3}, std::nullopt, l, FormatVersion::V2025_09);
    EXPECT_DOUBLE_EQ(d.limit.count(), 1.0);
    EXPECT_TRUE(d.consistent);
    d = derive_time_limit(Seconds{0.6}, std::nullopt, l, FormatVersion::V2025_09);
    EXPECT_DOUBLE_EQ(d.limit.count(), 2.0);
    l.time_resolution = Seconds{0.1};
    d = derive_time_limit(Seconds{0.3}, std::nullopt, l, FormatVersion::V2025_09);
    EXPECT_NEAR(d.limit.count(), 0.6, 1e-12);  // exactly 0.6 needs no rounding up to 0.7
    EXPECT_NE(d.explanation.find("ac_to_time_limit 2"), std::string::npos) << d.explanation;
}

TEST(DeriveTimeLimit, ModernChecksTheFastestTle) {
    ProblemLimits l;
    // limit 2 s; 2 × 1.5 = 3 s must not exceed the fastest TLE.
    EXPECT_TRUE(derive_time_limit(Seconds{0.9}, Seconds{3.0}, l, FormatVersion::V2025_09).consistent);
    const TimeLimitDecision d = derive_time_limit(Seconds{0.9}, Seconds{2.9}, l, FormatVersion::V2025_09);
    EXPECT_FALSE(d.consistent);
    EXPECT_NE(d.explanation.find("fastest time-limit-exceeded"), std::string::npos) << d.explanation;
}

TEST(DeriveTimeLimit, LegacyMultipliesAndRoundsToWholeSeconds) {
    ProblemLimits l;  // time_multiplier 5, safety margin 2
    EXPECT_DOUBLE_EQ(derive_time_limit(Seconds{0.05}, std::nullopt, l, FormatVersion::Legacy).limit.count(),
                     1.0);
    EXPECT_DOUBLE_EQ(derive_time_limit(Seconds{0.45}, std::nullopt, l, FormatVersion::Legacy).limit.count(),
                     2.0);
    EXPECT_DOUBLE_EQ(derive_time_limit(Seconds{0.5}, std::nullopt, l, FormatVersion::Legacy).limit.count(),
                     3.0);
    // limit 3 s: a TLE submission must take more than 3 × 2 = 6 s.
    EXPECT_FALSE(derive_time_limit(Seconds{0.5}, Seconds{6.0}, l, FormatVersion::Legacy).consistent);
    EXPECT_TRUE(derive_time_limit(Seconds{0.5}, Seconds{6.5}, l, FormatVersion::Legacy).consistent);
}

TEST(DeriveTimeLimit, AnExplicitLimitWinsButIsChecked) {
    ProblemLimits l;
    l.time_limit = Seconds{1.0};
    TimeLimitDecision d = derive_time_limit(Seconds{0.4}, std::nullopt, l, FormatVersion::V2025_09);
    EXPECT_DOUBLE_EQ(d.limit.count(), 1.0);
    EXPECT_TRUE(d.consistent);
    d = derive_time_limit(Seconds{0.7}, std::nullopt, l, FormatVersion::V2025_09);  // 0.7 × 2 > 1
    EXPECT_DOUBLE_EQ(d.limit.count(), 1.0);
    EXPECT_FALSE(d.consistent);
}

TEST(PackageFiles, LegacyNameMapAndModernOnlyKeys) {
    TempDir t;
    minimal_package(t.path(), "name:\n  vi: Bài toán\n");
    EXPECT_EQ(load_problem(t.path()).display_name(), "Bài toán");
    minimal_package(t.path(), "problem_format_version: 2025-09\nname: X\nuuid: u\nvalidation: custom\n");
    EXPECT_EQ(load_error(t.path()),
              "problem.yaml:4: validation: is a legacy key; 2025-09 packages say this with 'type'");
    minimal_package(
        t.path(), "problem_format_version: 2025-09\nname: X\nuuid: u\ntype: [interactive, submit-answer]\n");
    EXPECT_NE(load_error(t.path()).find("submit-answer excludes interactive"), std::string::npos);
    minimal_package(t.path(),
                    "problem_format_version: 2025-09\nname: X\nuuid: u\ntype: [scoring, scoring]\n");
    EXPECT_NE(load_error(t.path()).find("'scoring' is listed twice"), std::string::npos);
}

TEST(PackageFiles, SampleMayNotCarryScoringKeys) {
    TempDir t;
    minimal_package(t.path(), "problem_format_version: 2025-09\ntype: scoring\nname: X\nuuid: u\n");
    write(t.path() / "data/sample/test_group.yaml", "max_score: 10\n");
    write(t.path() / "data/sample/1.in", "1\n");
    write(t.path() / "data/sample/1.ans", "1\n");
    EXPECT_EQ(load_error(t.path()), "data/sample/test_group.yaml:1: max_score: is not permitted for sample");
}

TEST(PackageFiles, SubmissionsYamlErrorsNameTheKey) {
    TempDir t;
    minimal_package(t.path(), "name: x\n");
    write(t.path() / "submissions/accepted/a.py", "print(1)\n");
    write(t.path() / "submissions/submissions.yaml", "accepted/a.py:\n  permitted: [AC, SLOW]\n");
    EXPECT_EQ(
        load_error(t.path()),
        "submissions/submissions.yaml:2: accepted/a.py.permitted: unknown verdict 'SLOW' (expected AC, WA, "
        "TLE, RTE)");
    write(t.path() / "submissions/submissions.yaml", "accepted/a.py:\n  use_for_time_limit: upper\n");
    EXPECT_EQ(load_problem(t.path()).submissions[0].use_for_time_limit, TimeLimitUse::Upper);
    write(t.path() / "submissions/submissions.yaml", "");
    // A bad annotation is a warning and a note for `verify`, never a reason to refuse the problem.
    write(t.path() / "submissions/accepted/a.py", "# @EXPECTED_RESULTS@: CORRECT, SLOWISH\n");
    const Problem p = load_problem(t.path());
    EXPECT_TRUE(has_warning(p, "submissions/accepted/a.py: @EXPECTED_RESULTS@: unknown verdict 'SLOWISH'"));
    ASSERT_EQ(p.submissions.size(), 1U);
    EXPECT_EQ(
        p.submissions[0].expectation_errors,
        std::vector<std::string>{"submissions/accepted/a.py: @EXPECTED_RESULTS@: unknown verdict 'SLOWISH'"});
}

TEST(PackageZip, LoadsAKppWithThePackageAtItsRoot) {
    TempDir t;
    write_zip(t.path() / "sum.kpp",
              {{"problem.yaml", "name: Sum\n"}, {"data/secret/1.in", "1 2\n"}, {"data/secret/1.ans", "3\n"}});
    LoadOptions options;
    options.extract_to = t.path() / "out";
    const Problem p = load_problem(t.path() / "sum.kpp", options);
    EXPECT_EQ(p.short_name, "sum");
    EXPECT_EQ(p.root, t.path() / "out");
    EXPECT_EQ(p.test_cases().size(), 1U);
}

TEST(PackageFiles, WarnsWithoutAnAcceptedSubmission) {
    TempDir t;
    minimal_package(t.path(), "name: x\n");
    write(t.path() / "submissions/time_limit_exceeded/slow.py", "while True: pass\n");
    EXPECT_TRUE(has_warning(load_problem(t.path()), "submissions: no accepted example submission"));
    write(t.path() / "submissions/accepted/ok.py", "print(1)\n");
    EXPECT_FALSE(has_warning(load_problem(t.path()), "no accepted example submission"));
}
