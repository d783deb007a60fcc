// What the team page shows of a package: the statement file it picks and the sample cases it reads.
#include "khue/api/contest_api.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace fs = std::filesystem;
namespace store = khue::store;

namespace {

const fs::path kProblems = fs::path(KHUE_SOURCE_DIR) / "problems";

class ProblemFilesDir : public ::testing::Test {
  protected:
    void write(const fs::path& rel, const std::string& text) {
        fs::create_directories((dir_ / rel).parent_path());
        std::ofstream(dir_ / rel, std::ios::binary) << text;
    }
    khue::test::TempDir tmp_{"khue-problem-files"};
    const fs::path& dir_ = tmp_.path();
};

}  // namespace

TEST(ProblemFiles, EnglishMarkdownStatementFromEitherFolder) {
    auto hello = khue::api::find_statement(kProblems / "hello");
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->filename, "problem.en.md");
    EXPECT_EQ(hello->mime, "text/markdown; charset=utf-8");
    auto custom = khue::api::find_statement(kProblems / "custom");  // problem_statement/ (2023-07 and later)
    ASSERT_TRUE(custom);
    EXPECT_EQ(custom->path, kProblems / "custom" / "problem_statement" / "problem.en.md");
}

TEST_F(ProblemFilesDir, VietnameseBeforeOtherLanguagesAndPdfWhenNoMarkdown) {
    EXPECT_FALSE(khue::api::find_statement(dir_));
    write("statement/problem.de.tex", "x");
    EXPECT_EQ(khue::api::find_statement(dir_)->mime, "text/x-tex; charset=utf-8");
    write("problem_statement/problem.vi.pdf", "%PDF");
    auto vi = khue::api::find_statement(dir_);
    ASSERT_TRUE(vi);
    EXPECT_EQ(vi->filename, "problem.vi.pdf");
    EXPECT_EQ(vi->mime, "application/pdf");
    write("statement/problem.en.tex", "x");
    EXPECT_EQ(khue::api::find_statement(dir_)->filename, "problem.en.tex");
}

TEST(ProblemFiles, InteractiveSamplesCarryTheirInteraction) {
    auto samples = khue::api::read_samples(kProblems / "guess", khue::judge::kib(64));
    ASSERT_EQ(samples.size(), 1u);
    EXPECT_EQ(samples[0].name, "sample/1");
    ASSERT_TRUE(samples[0].interaction);
    EXPECT_TRUE(samples[0].interaction->starts_with("<10\n>? 5\n"));
}

TEST_F(ProblemFilesDir, SamplesAreCutAtTheLimitAndSecretDataIsNeverRead) {
    write("data/sample/1.in", std::string(100, 'a'));
    write("data/sample/1.ans", "ok\n");
    write("data/sample/2.ans", "answer without input\n");
    write("data/secret/1.in", "secret\n");
    auto samples = khue::api::read_samples(dir_, khue::judge::Bytes{10});
    ASSERT_EQ(samples.size(), 1u);
    EXPECT_EQ(samples[0].input, std::string(10, 'a') + "...\n");
    EXPECT_EQ(samples[0].output, "ok\n");
    EXPECT_FALSE(samples[0].interaction);
}
