// `khue import themis|polygon` on the fixtures under tests/import/: what the packages hold once loaded, and
// that a bad input is refused with a message naming what is wrong and where, writing nothing.
#include "khue/judge/import.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/zip.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace khue::judge {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(KHUE_SOURCE_DIR) / "tests/import";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

class Import : public ::testing::Test {
  protected:
    void SetUp() override {
        scratch_ = tmp_.path();
        out_ = scratch_ / "out";
    }

    fs::path copy_of(const fs::path& fixture, const std::string& name) {
        const auto to = scratch_ / "in" / name;
        fs::create_directories(to.parent_path());
        fs::copy(fixture, to, fs::copy_options::recursive);
        return to;
    }

    ThemisImportOptions themis_options() const {
        ThemisImportOptions o;
        o.time_limit = Seconds{1.0};
        o.memory_mib = 256;
        o.points = {1, 1, 2, 2, 4};
        o.checker = kFixtures / "themis/CheckDEMSO.cpp";
        o.solutions = {kFixtures / "themis/solutions/demso.cpp"};
        return o;
    }

    // The error message of an import that must fail, after checking it wrote nothing at all.
    template <typename F>
    std::string refused(F&& import) {
        std::string message;
        try {
            import();
        } catch (const ImportError& e) {
            message = e.what();
        }
        EXPECT_FALSE(message.empty()) << "the import was expected to fail";
        EXPECT_FALSE(fs::exists(out_) && !fs::is_empty(out_)) << "a failed import wrote into " << out_;
        for (const auto& e : fs::directory_iterator(scratch_)) {
            EXPECT_EQ(e.path().filename().string().rfind(".khue-import-", 0), std::string::npos)
                << "staging folder left behind: " << e.path();
        }
        return message;
    }

    khue::test::TempDir tmp_{"khue-import-test"};
    fs::path scratch_;
    fs::path out_;
};

// ---- Themis ----

TEST_F(Import, ThemisTaskFolderBecomesAFileIoScoringPackage) {
    const auto report = import_themis(kFixtures / "themis/DEMSO", out_, themis_options());
    ASSERT_EQ(report.packages.size(), 1u);
    EXPECT_EQ(report.packages[0], out_ / "demso");
    const auto p = load_problem(out_ / "demso");
    EXPECT_TRUE(p.warnings.empty()) << p.warnings.front().to_string();
    ASSERT_TRUE(p.file_io.has_value());
    EXPECT_EQ(p.file_io->input, "DEMSO.INP");
    EXPECT_EQ(p.file_io->output, "DEMSO.OUT");
    EXPECT_EQ(p.checker_protocol, CheckerProtocol::Themis);
    EXPECT_TRUE(p.scoring);
    ASSERT_TRUE(p.limits.time_limit.has_value());
    EXPECT_DOUBLE_EQ(p.limits.time_limit->count(), 1.0);
    EXPECT_EQ(p.limits.memory, mib(256));
    std::vector<std::string> names;
    for (const auto* c : p.test_cases()) {
        names.push_back(c->name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"secret/01-test01/test", "secret/02-test02/test",
                                               "secret/03-test03/test", "secret/04-test04/test",
                                               "secret/05-test05/test"}));
    // Letter case of the Themis names does not matter: test05 had DemSo.Inp.
    EXPECT_EQ(slurp(p.test_cases()[4]->input), slurp(kFixtures / "themis/DEMSO/test05/DemSo.Inp"));
    EXPECT_DOUBLE_EQ(*p.secret()->settings.max_score, 10.0);
    EXPECT_DOUBLE_EQ(*p.find_group("secret/05-test05")->settings.max_score, 4.0);
    ASSERT_EQ(p.submissions.size(), 1u);
    EXPECT_EQ(p.submissions[0].name, "accepted/demso.cpp");
    const auto yaml = slurp(out_ / "demso/problem.yaml");
    EXPECT_NE(yaml.find("(--time-limit)"), std::string::npos)
        << "the package says where the limits came from";
    EXPECT_NE(yaml.find("points per test: 1, 1, 2, 2, 4 (--points)"), std::string::npos) << yaml;
}

TEST_F(Import, ThemisDefaultsToOnePointPerTestAndSaysSo) {
    auto options = themis_options();
    options.points.clear();
    import_themis(kFixtures / "themis/DEMSO", out_, options);
    const auto p = load_problem(out_ / "demso");
    EXPECT_DOUBLE_EQ(*p.secret()->settings.max_score, 5.0);
    EXPECT_NE(slurp(out_ / "demso/problem.yaml").find("1 each (the default"), std::string::npos);
}

TEST_F(Import, ThemisFolderOfTaskFoldersGivesOnePackageEach) {
    copy_of(kFixtures / "themis/DEMSO", "contest/DEMSO");
    const auto second = copy_of(kFixtures / "themis/DEMSO", "contest/BAI2");
    for (const auto& test : fs::directory_iterator(second)) {
        for (const auto& file : fs::directory_iterator(test.path())) {
            const auto ext = file.path().extension().string();
            fs::rename(file.path(), test.path() / ("bai2" + ext));
        }
    }
    auto options = themis_options();
    options.checker.reset();
    const auto report = import_themis(scratch_ / "in/contest", out_, options);
    ASSERT_EQ(report.packages.size(), 2u);
    EXPECT_EQ(load_problem(out_ / "bai2").file_io->input, "BAI2.INP");
    EXPECT_EQ(load_problem(out_ / "demso").checker_protocol, CheckerProtocol::Default);
}

TEST_F(Import, ThemisMissingAnswerIsRefusedNamingTheTest) {
    const auto task = copy_of(kFixtures / "themis/DEMSO", "DEMSO");
    fs::remove(task / "Test03/demso.out");
    const auto message = refused([&] { import_themis(task, out_, themis_options()); });
    EXPECT_NE(message.find("DEMSO/Test03: no DEMSO.OUT"), std::string::npos) << message;
    EXPECT_NE(message.find("found: demso.inp"), std::string::npos) << message;
}

TEST_F(Import, ThemisWrongFileNamesAreRefused) {
    const auto task = copy_of(kFixtures / "themis/DEMSO", "DEMSO");
    fs::rename(task / "Test02/DEMSO.INP", task / "Test02/input.txt");
    const auto message = refused([&] { import_themis(task, out_, themis_options()); });
    EXPECT_NE(message.find("DEMSO/Test02: no DEMSO.INP"), std::string::npos) << message;
    EXPECT_NE(message.find("input.txt"), std::string::npos) << message;
}

TEST_F(Import, ThemisEmptyFolderIsRefused) {
    fs::create_directories(scratch_ / "in/empty");
    const auto message = refused([&] { import_themis(scratch_ / "in/empty", out_, themis_options()); });
    EXPECT_NE(message.find("no Themis task found"), std::string::npos) << message;
}

TEST_F(Import, ThemisTaskWithoutTestsInAFolderOfTasksIsRefused) {
    copy_of(kFixtures / "themis/DEMSO", "contest/DEMSO");
    fs::create_directories(scratch_ / "in/contest/BAI3/Test01");
    const auto message = refused([&] { import_themis(scratch_ / "in/contest", out_, themis_options()); });
    EXPECT_NE(message.find("contest/BAI3: not a Themis task folder"), std::string::npos) << message;
}

TEST_F(Import, ThemisPointsMustMatchTheTests) {
    auto options = themis_options();
    options.points = {1, 2, 3};
    const auto message = refused([&] { import_themis(kFixtures / "themis/DEMSO", out_, options); });
    EXPECT_NE(message.find("3 values given to --points but 5 tests"), std::string::npos) << message;
}

TEST_F(Import, ThemisExistingPackageIsNotOverwritten) {
    fs::create_directories(out_ / "demso");
    spit(out_ / "demso/keep.txt", "mine");
    std::string message;
    try {
        import_themis(kFixtures / "themis/DEMSO", out_, themis_options());
    } catch (const ImportError& e) {
        message = e.what();
    }
    EXPECT_NE(message.find("already exists"), std::string::npos) << message;
    EXPECT_EQ(slurp(out_ / "demso/keep.txt"), "mine");
    EXPECT_EQ(std::distance(fs::directory_iterator(out_), fs::directory_iterator()), 1);
}

// ---- Polygon ----

class PolygonImport : public Import {
  protected:
    fs::path zip_of(const fs::path& dir) {
        const auto zip = scratch_ / (dir.filename().string() + ".zip");
        zip_directory(dir, zip);
        return zip;
    }
    fs::path editable() { return copy_of(kFixtures / "polygon/sumgroups", "sumgroups"); }
    void edit_xml(const fs::path& dir, const std::string& from, const std::string& to) {
        auto xml = slurp(dir / "problem.xml");
        const auto at = xml.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        xml.replace(at, from.size(), to);
        spit(dir / "problem.xml", xml);
    }
};

TEST_F(PolygonImport, FullPackageBecomesAScoringPackageWithGroupsAndATestlibChecker) {
    import_polygon(zip_of(kFixtures / "polygon/sumgroups"), out_);
    const auto p = load_problem(out_);
    EXPECT_TRUE(p.warnings.empty()) << p.warnings.front().to_string();
    EXPECT_TRUE(p.scoring);
    EXPECT_EQ(p.names.at("en"), "Sum in Groups");
    EXPECT_EQ(p.names.at("vi"), "Tổng theo nhóm");
    EXPECT_DOUBLE_EQ(p.limits.time_limit->count(), 1.0);
    EXPECT_EQ(p.limits.memory, mib(256));
    EXPECT_EQ(p.checker_protocol, CheckerProtocol::Testlib);
    EXPECT_TRUE(fs::exists(out_ / "output_validator/testlib.h"));
    ASSERT_NE(p.sample(), nullptr);
    EXPECT_EQ(p.sample()->cases.size(), 2u);
    std::vector<std::string> groups;
    for (const auto& g : p.secret()->groups) {
        groups.push_back(g.name);
    }
    // each-test groups become one group per test; complete-group groups stay whole.
    EXPECT_EQ(groups, (std::vector<std::string>{"secret/01-0-t01", "secret/01-0-t02", "secret/02-1",
                                                "secret/03-2-t06", "secret/03-2-t07", "secret/03-2-t08",
                                                "secret/04-3"}));
    EXPECT_DOUBLE_EQ(*p.secret()->settings.max_score, 100.0);
    const auto* g1 = p.find_group("secret/02-1");
    EXPECT_DOUBLE_EQ(*g1->settings.max_score, 40.0);
    EXPECT_EQ(g1->settings.score_aggregation, ScoreAggregation::PassFail);
    EXPECT_EQ(g1->settings.require_pass, (std::vector<std::string>{"secret/01-0-t01", "secret/01-0-t02"}));
    EXPECT_EQ(p.find_group("secret/04-3")->settings.require_pass, (std::vector<std::string>{"secret/02-1"}));
    EXPECT_DOUBLE_EQ(*p.find_group("secret/03-2-t07")->settings.max_score, 10.0);
    std::vector<std::string> submissions;
    for (const auto& s : p.submissions) {
        submissions.push_back(s.name);
    }
    EXPECT_EQ(submissions,
              (std::vector<std::string>{"accepted/sum.cpp", "accepted/sum.py", "wrong_answer/sum-int.cpp"}));
    EXPECT_NE(slurp(out_ / "statement/problem.en.tex").find("\\section*{Input}"), std::string::npos);
}

TEST_F(PolygonImport, UnpackedFolderImportsToo) {
    import_polygon(kFixtures / "polygon/sumgroups", out_);
    EXPECT_EQ(load_problem(out_).test_cases().size(),
              13u);  // 2 samples + 11 tests (samples judged in group 0)
}

TEST_F(PolygonImport, FileInputOutputIsKept) {
    const auto dir = editable();
    edit_xml(dir, "input-file=\"\" output-file=\"\"", "input-file=\"sum.inp\" output-file=\"sum.out\"");
    import_polygon(dir, out_);
    const auto p = load_problem(out_);
    ASSERT_TRUE(p.file_io.has_value());
    EXPECT_EQ(p.file_io->input, "sum.inp");
}

TEST_F(PolygonImport, MissingGeneratedTestAsksForAFullPackage) {
    const auto dir = editable();
    fs::remove(dir / "tests/09");
    const auto message = refused([&] { import_polygon(zip_of(dir), out_); });
    EXPECT_NE(message.find("<test> #9 (generated by 'gen 1000"), std::string::npos) << message;
    EXPECT_NE(message.find("full package"), std::string::npos) << message;
}

TEST_F(PolygonImport, MissingManualTestIsNamed) {
    const auto dir = editable();
    fs::remove(dir / "tests/01");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("<test> #1: the test's input tests/01 is missing"), std::string::npos) << message;
}

TEST_F(PolygonImport, MissingAnswerIsNamed) {
    const auto dir = editable();
    fs::remove(dir / "tests/05.a");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("<test> #5: the test's answer tests/05.a is missing"), std::string::npos)
        << message;
}

TEST_F(PolygonImport, UnknownCheckerIsRefusedNamingTheElement) {
    const auto dir = editable();
    edit_xml(dir, "<checker name=\"check.cpp\" type=\"testlib\">",
             "<checker name=\"check.exe\" type=\"exe\">");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("problem.xml <checker type=\"exe\">: unknown checker type"), std::string::npos)
        << message;
}

TEST_F(PolygonImport, CheckerMissingItsSourceIsNamed) {
    const auto dir = editable();
    fs::remove(dir / "files/check.cpp");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find(
                  "problem.xml <checker> <source path=\"files/check.cpp\">: the checker's source is missing"),
              std::string::npos)
        << message;
}

TEST_F(PolygonImport, CheckerInAnotherLanguageIsRefused) {
    const auto dir = editable();
    edit_xml(dir, "<source path=\"files/check.cpp\" type=\"cpp.g++17\"/>",
             "<source path=\"files/Check.java\" type=\"java11\"/>");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("unknown checker language 'java11'"), std::string::npos) << message;
}

TEST_F(PolygonImport, TestlibInteractorBecomesTheInteractiveValidator) {
    const auto report = import_polygon(zip_of(kFixtures / "polygon/guess"), out_);
    const auto p = load_problem(out_);
    EXPECT_TRUE(p.warnings.empty()) << p.warnings.front().to_string();
    EXPECT_TRUE(p.interactive);
    EXPECT_FALSE(p.scoring);
    EXPECT_EQ(p.checker_protocol, CheckerProtocol::Testlib);
    ASSERT_TRUE(p.output_validator.has_value());
    EXPECT_EQ(slurp(out_ / "output_validator/interactor.cpp"),
              slurp(kFixtures / "polygon/guess/files/interactor.cpp"));
    EXPECT_TRUE(fs::exists(out_ / "output_validator/testlib.h"));
    EXPECT_FALSE(fs::exists(out_ / "output_validator/check.cpp")) << "one program speaks for the problem";
    EXPECT_EQ(p.names.at("vi"), "Đoán số");
    ASSERT_NE(p.sample(), nullptr);
    EXPECT_EQ(p.sample()->cases.size(), 1u);
    EXPECT_EQ(p.test_cases().size(), 6u);
    std::vector<std::string> submissions;
    for (const auto& s : p.submissions) {
        submissions.push_back(s.name);
    }
    EXPECT_EQ(submissions, (std::vector<std::string>{"accepted/bisect.cpp", "accepted/bisect.py",
                                                     "wrong_answer/linear.cpp"}));
    // The person importing is told the checker was left out, and why.
    const auto said = std::find_if(report.notes.begin(), report.notes.end(), [](const std::string& n) {
        return n.find("<checker> not imported") != std::string::npos;
    });
    EXPECT_NE(said, report.notes.end());
}

TEST_F(PolygonImport, TestlibValidatorsBecomeInputValidatorsSpeakingThePackageFormat) {
    import_polygon(kFixtures / "polygon/sumgroups", out_);
    const auto p = load_problem(out_);
    ASSERT_EQ(p.input_validators.size(), 1u);
    EXPECT_EQ(p.input_validators[0].name, "val");
    const auto dir = out_ / "input_validators/val";
    EXPECT_EQ(slurp(dir / "val.cpp"), slurp(kFixtures / "polygon/sumgroups/files/val.cpp"));
    EXPECT_TRUE(fs::exists(dir / "testlib.h"));
    for (const char* script : {"build", "run"}) {
        EXPECT_NE(fs::status(dir / script).permissions() & fs::perms::owner_exec, fs::perms::none) << script;
    }
    // testlib's 0 (valid) and 3 (invalid) become the package format's 42 and 43.
    const auto run = slurp(dir / "run");
    EXPECT_NE(run.find("-eq 0 ]; then exit 42"), std::string::npos) << run;
    EXPECT_NE(run.find("exit 43"), std::string::npos) << run;
    EXPECT_NE(slurp(dir / "build").find("-o validator val.cpp"), std::string::npos);
}

TEST_F(PolygonImport, InteractorMissingItsSourceIsNamed) {
    const auto dir = copy_of(kFixtures / "polygon/guess", "guess");
    fs::remove(dir / "files/interactor.cpp");
    const auto message = refused([&] { import_polygon(zip_of(dir), out_); });
    EXPECT_NE(
        message.find("problem.xml <interactor> <source path=\"files/interactor.cpp\">: the interactor's "
                     "source is missing"),
        std::string::npos)
        << message;
}

TEST_F(PolygonImport, InteractorWithoutASourceElementIsNamed) {
    const auto dir = copy_of(kFixtures / "polygon/guess", "guess");
    edit_xml(dir, "<source path=\"files/interactor.cpp\" type=\"cpp.g++17\"/>", "");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("problem.xml <interactor>: no <source>"), std::string::npos) << message;
}

TEST_F(PolygonImport, InteractorInAnotherLanguageIsRefused) {
    const auto dir = copy_of(kFixtures / "polygon/guess", "guess");
    edit_xml(dir, "<source path=\"files/interactor.cpp\" type=\"cpp.g++17\"/>",
             "<source path=\"files/Interactor.java\" type=\"java11\"/>");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("unknown interactor language 'java11'"), std::string::npos) << message;
}

TEST_F(PolygonImport, InteractorWithFileInputOutputIsRefused) {
    const auto dir = copy_of(kFixtures / "polygon/guess", "guess");
    edit_xml(dir, "input-file=\"\" output-file=\"\"", "input-file=\"guess.inp\" output-file=\"guess.out\"");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("problem.xml <judging input-file=\"guess.inp\">"), std::string::npos) << message;
}

TEST_F(PolygonImport, ValidatorMissingItsSourceIsNamed) {
    const auto dir = editable();
    fs::remove(dir / "files/val.cpp");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(
        message.find("problem.xml <validator> <source path=\"files/val.cpp\">: the validator's source is "
                     "missing"),
        std::string::npos)
        << message;
}

TEST_F(PolygonImport, MissingTestlibHeaderIsNamed) {
    const auto dir = editable();
    fs::remove(dir / "files/testlib.h");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("problem.xml <file path=\"files/testlib.h\">: listed but missing"),
              std::string::npos)
        << message;
}

TEST_F(PolygonImport, WrongTestFileNamesAreNamed) {
    const auto dir = editable();
    edit_xml(dir, "<input-path-pattern>tests/%02d</input-path-pattern>",
             "<input-path-pattern>tests/%03d.in</input-path-pattern>");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("<test> #1: the test's input tests/001.in is missing"), std::string::npos)
        << message;
}

TEST_F(PolygonImport, UnknownGroupDependencyIsNamed) {
    const auto dir = editable();
    edit_xml(dir, "<dependency group=\"1\"/>", "<dependency group=\"7\"/>");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("problem.xml <group name=\"3\"> <dependency group=\"7\">: no such group"),
              std::string::npos)
        << message;
}

TEST_F(PolygonImport, UnknownSolutionTagIsNamed) {
    const auto dir = editable();
    edit_xml(dir, "tag=\"wrong-answer\"", "tag=\"mystery\"");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_NE(message.find("<solution tag=\"mystery\">"), std::string::npos) << message;
}

TEST_F(PolygonImport, BrokenXmlGivesTheLine) {
    const auto dir = editable();
    edit_xml(dir, "<tests>", "<tests");
    const auto message = refused([&] { import_polygon(dir, out_); });
    EXPECT_EQ(message.rfind("problem.xml:", 0), 0u) << message;
}

TEST_F(PolygonImport, NotAPolygonPackage) {
    fs::create_directories(scratch_ / "in/empty");
    const auto message = refused([&] { import_polygon(scratch_ / "in/empty", out_); });
    EXPECT_NE(message.find("no problem.xml"), std::string::npos) << message;
}

}  // namespace
}  // namespace khue::judge
