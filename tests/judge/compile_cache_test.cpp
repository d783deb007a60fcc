// The compile cache (khue/judge/compile_cache.hpp): a second judging of the same source does not call the
// compiler (counted through the FakeBox), a compile error is cached too, a compile stopped by a limit is
// not, any change of the input compiles again, the cache stays within its bound, and concurrent judgings of
// one source all get a whole build.
#include "khue/judge/compile_cache.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"

#include "programs/fake_programs.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <thread>

namespace khue::judge {
namespace {

using namespace khue::judge::testing;

// simulate_sum, where the compiler also leaves a binary ("main", executable) and each run checks that it
// is there: a restored build must hold what the compiler made, not only the sources.
struct CountingBox {
    std::atomic<int> compiles{0};
    std::atomic<int> runs_without_binary{0};
    FakeBox box() {
        return FakeBox([this](const RunSpec& spec) {
            if (is_compile(spec)) {
                ++compiles;
                if (behaviour(spec) != "ce") {
                    write_file(*spec.dir / "main", "binary of " + behaviour(spec));
                    // As a compiler leaves it (umask 022): the box's user runs it.
                    fs::permissions(*spec.dir / "main", fs::perms::owner_all | fs::perms::group_read |
                                                            fs::perms::group_exec | fs::perms::others_read |
                                                            fs::perms::others_exec);
                }
            } else {
                const auto binary = host_path(spec, "/judge/exe/main");
                struct stat st {};
                if (::stat(binary.c_str(), &st) != 0 || (st.st_mode & S_IXOTH) == 0 ||
                    (st.st_mode & S_IROTH) == 0) {
                    ++runs_without_binary;
                }
            }
            return simulate_sum(spec);
        });
    }
};

class CompileCacheTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "khue-compile-cache-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        scratch_ = pattern;
        options_.cache_dir = scratch_ / "cache";
        options_.compile_cache_limit = mib(64);
        problem_ = std::make_unique<Problem>(load_problem(kPrograms / "sum"));
    }
    void TearDown() override { fs::remove_all(scratch_); }

    fs::path source(const std::string& name, const std::string& text) {
        const auto dir = scratch_ / ("src-" + std::to_string(++sources_));
        fs::create_directories(dir);
        write_file(dir / name, text);
        return dir / name;
    }
    JudgeOutcome judge(const fs::path& file, FakeBox& box, const std::string& language = "") {
        return judge_submission(*problem_, {language, {file}, std::nullopt}, options_, box);
    }

    fs::path scratch_;
    JudgeOptions options_;
    std::unique_ptr<Problem> problem_;
    int sources_ = 0;
};

TEST_F(CompileCacheTest, SecondJudgingOfTheSameSourceDoesNotCompile) {
    CountingBox counter;
    auto box = counter.box();
    const auto file = source("sum.c", "/* fake: ok */ int main() {}");
    const auto first = judge(file, box);
    EXPECT_EQ(first.verdict, Verdict::AC);
    EXPECT_FALSE(first.compile.cached);
    EXPECT_EQ(counter.compiles.load(), 1);
    const auto again = judge(file, box);  // a rejudge
    EXPECT_EQ(again.verdict, Verdict::AC);
    EXPECT_TRUE(again.compile.cached);
    EXPECT_EQ(counter.compiles.load(), 1) << "the rejudge called the compiler";
    EXPECT_EQ(counter.runs_without_binary.load(), 0) << "a restored build lacks the compiler's binary";
    // An identical resubmission: another file with the same name and content.
    const auto same = source("sum.c", "/* fake: ok */ int main() {}");
    EXPECT_EQ(judge(same, box).verdict, Verdict::AC);
    EXPECT_EQ(counter.compiles.load(), 1);
}

TEST_F(CompileCacheTest, ACompileErrorIsCachedWithItsMessages) {
    CountingBox counter;
    auto box = counter.box();
    const auto file = source("broken.c", "/* fake: ce */ int main( {");
    const auto first = judge(file, box);
    ASSERT_EQ(first.verdict, Verdict::CE);
    const auto again = judge(file, box);
    EXPECT_EQ(again.verdict, Verdict::CE);
    EXPECT_TRUE(again.compile.cached);
    EXPECT_EQ(again.compile.output, first.compile.output);
    EXPECT_NE(again.compile.output.find("expected ';'"), std::string::npos);
    EXPECT_EQ(counter.compiles.load(), 1);
}

TEST_F(CompileCacheTest, AnyChangeOfTheInputCompilesAgain) {
    CountingBox counter;
    auto box = counter.box();
    judge(source("sum.c", "/* fake: ok */ int main() {}"), box);
    judge(source("sum.c", "/* fake: ok */ int main() { }"), box);  // content
    EXPECT_EQ(counter.compiles.load(), 2);
    judge(source("other.c", "/* fake: ok */ int main() {}"), box);  // file name (it is in the messages)
    EXPECT_EQ(counter.compiles.load(), 3);
    options_.time_limit_override = Seconds{2.0};  // run limits are not part of a build
    judge(source("sum.c", "/* fake: ok */ int main() {}"), box);
    EXPECT_EQ(counter.compiles.load(), 3);
    // The language (its compiler and flags) is part of the key.
    const auto file = source("sum.cpp", "/* fake: ok */ int main() {}");
    const BuildCache cache(options_.cache_dir);
    const CompileCache compiled(cache, mib(1));
    BuildRequest request{default_languages().find("cpp"), {file}, std::nullopt, scratch_ / "b", {}};
    const auto cpp_key = compiled.key(request, true);
    EXPECT_NE(compiled.key(request, false), cpp_key) << "with or without the precompiled header";
    auto other = *default_languages().find("cpp");
    other.compile.push_back("-DEXTRA");
    request.language = &other;
    EXPECT_NE(compiled.key(request, true), cpp_key);
}

TEST_F(CompileCacheTest, ACompileStoppedByALimitIsNotCached) {
    int compiles = 0;
    FakeBox box([&](const RunSpec& spec) {
        if (is_compile(spec)) {
            ++compiles;
            RunReport r = exited(0, 60.0);
            r.status = RunStatus::TimeLimit;  // the host was busy: may pass next time
            return r;
        }
        return simulate_sum(spec);
    });
    const auto file = source("sum.c", "/* fake: ok */ int main() {}");
    EXPECT_EQ(judge(file, box).verdict, Verdict::CE);
    EXPECT_EQ(judge(file, box).verdict, Verdict::CE);
    EXPECT_EQ(compiles, 2);
}

TEST_F(CompileCacheTest, ZeroLimitTurnsTheCacheOff) {
    options_.compile_cache_limit = Bytes{0};
    CountingBox counter;
    auto box = counter.box();
    const auto file = source("sum.c", "/* fake: ok */ int main() {}");
    judge(file, box);
    judge(file, box);
    EXPECT_EQ(counter.compiles.load(), 2);
}

TEST_F(CompileCacheTest, StaysWithinItsBoundEvictingTheLeastRecentlyUsed) {
    // Each entry holds a ~100 KiB binary; the bound fits a few.
    const Bytes limit = kib(450);
    options_.compile_cache_limit = limit;
    int compiles = 0;
    FakeBox box([&](const RunSpec& spec) {
        if (is_compile(spec)) {
            ++compiles;
            write_file(*spec.dir / "main", std::string(100 * 1024, 'x'));
        }
        return simulate_sum(spec);
    });
    std::vector<fs::path> files;
    for (int i = 0; i < 8; ++i) {
        files.push_back(source("sum.c", "/* fake: ok */ int main() { return " + std::to_string(i) + "; }"));
        judge(files.back(), box);
        // Touch the first entry each time: it stays recently used and is never evicted.
        judge(files.front(), box);
    }
    EXPECT_EQ(compiles, 8);
    const BuildCache cache(options_.cache_dir);
    const CompileCache compiled(cache, limit);
    EXPECT_LE(compiled.size().count(), limit.count());
    EXPECT_GT(compiled.size().count(), 0u);
    judge(files.front(), box);
    EXPECT_EQ(compiles, 8) << "the most recently used entry was evicted";
    judge(files[1], box);
    EXPECT_EQ(compiles, 9) << "an old entry was kept beyond the bound";
}

TEST_F(CompileCacheTest, ConcurrentJudgingsOfOneSourceAllGetAWholeBuild) {
    const auto file = source("sum.c", "/* fake: ok */ int main() {}");
    CountingBox counter;
    std::atomic<int> accepted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            auto box = counter.box();
            for (int i = 0; i < 5; ++i) {
                if (judge_submission(*problem_, {"", {file}, std::nullopt}, options_, box).verdict ==
                    Verdict::AC) {
                    ++accepted;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(accepted.load(), 20);
    EXPECT_EQ(counter.runs_without_binary.load(), 0);
    EXPECT_LE(counter.compiles.load(), 4) << "each thread compiles at most once (the first race)";
    // No staging folder is left behind.
    for (const auto& entry : fs::directory_iterator(options_.cache_dir / "compiled")) {
        EXPECT_FALSE(entry.path().filename().string().starts_with(".staging")) << entry.path();
    }
}

}  // namespace
}  // namespace khue::judge
