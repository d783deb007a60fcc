// The Java source scanner (java_scan.hpp) and submitted file names (source_names.hpp): what the judge reads
// from submission content before the box, which must be linear and never crash the judge process.
#include "khue/judge/java_scan.hpp"
#include "khue/judge/language.hpp"
#include "khue/judge/source_names.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace khue::judge {
namespace {

TEST(JavaScan, FindsPackagePublicTypeAndMainClass) {
    const auto scan = scan_java_source(
        "package a.b;\nimport java.util.*;\n@SuppressWarnings(\"x\")\npublic final class Main {\n"
        "  static int f(int x) { return x; }\n"
        "  public static void main(String[] args) { System.out.println(\"}\"); }\n}\n");
    EXPECT_EQ(scan.package, "a.b");
    EXPECT_EQ(scan.public_type, "Main");
    EXPECT_EQ(scan.qualified_main(), "a.b.Main");
}

TEST(JavaScan, AcceptsEveryShapeOfMainParameters) {
    for (const char* params : {"String[] a", "String a[]", "String... a", "final String[] a",
                               "java.lang.String[] args", "String [ ] a"}) {
        const auto text = std::string("class S { static public void main(") + params + ") {} }";
        EXPECT_EQ(scan_java_source(text).main_class, "S") << params;
    }
    for (const char* params : {"", "int x", "String a", "String[] a, int b"}) {
        const auto text = std::string("class S { public static void main(") + params + ") {} }";
        EXPECT_FALSE(scan_java_source(text).has_main()) << params;
    }
    EXPECT_FALSE(scan_java_source("class S { public void main(String[] a) {} }").has_main());
}

TEST(JavaScan, IgnoresCommentsStringsCharsAndTextBlocks) {
    const auto scan = scan_java_source(
        "// public class Fake1 { public static void main(String[] a) {} }\n"
        "/* public class Fake2 { public static void main(String[] a) {} } */\n"
        "class Real {\n"
        "  String s = \"class Fake3 { public static void main(String[] a) {} } \\\" {\";\n"
        "  char c = '{'; char q = '\\'';\n"
        "  String t = \"\"\"\n    public class Fake4 { \"\" } { \\\"\"\"\n    \"\"\";\n"
        "  Class<?> k = Real.class;\n"
        "  public static void main(String[] args) {}\n}\n");
    EXPECT_FALSE(scan.public_type.has_value());
    EXPECT_EQ(scan.main_class, "Real");
}

TEST(JavaScan, MainOfANestedClassNamesTheInnermostType) {
    const auto scan = scan_java_source(
        "public class Outer {\n  static class Inner {\n    public static void main(String[] a) {}\n  }\n}\n");
    EXPECT_EQ(scan.public_type, "Outer");
    EXPECT_EQ(scan.main_class, "Inner");
    const auto after = scan_java_source(
        "public class Outer {\n  static class Helper { void f() {} }\n"
        "  public static void main(String[] a) {}\n}\n");
    EXPECT_EQ(after.main_class, "Outer");
}

TEST(JavaScan, RecordsEnumsAndInterfacesAreTypes) {
    EXPECT_EQ(scan_java_source("public record P(int x, int y) { public static void main(String[] a) {} }")
                  .main_class,
              "P");
    EXPECT_EQ(scan_java_source("enum E { A, B; public static void main(String[] a) {} }").main_class, "E");
    EXPECT_EQ(scan_java_source("public interface I { public static void main(String[] a) {} }").public_type,
              "I");
}

// Wave 1 ran std::regex over the source: libstdc++'s matcher recursed per character and a ~50 KB comment
// overflowed the judge's stack. The scanner must handle megabytes of comment, string or whitespace.
TEST(JavaScan, HugeCommentsStringsAndWhitespaceDoNotCrash) {
    const std::string big(8 << 20, ' ');
    auto with = [&](const std::string& filler) {
        return "public class Big {\n" + filler + "\n  public static void main(String[] a) {}\n}\n";
    };
    EXPECT_EQ(scan_java_source(with("/*" + big + "*/")).main_class, "Big");
    EXPECT_EQ(scan_java_source(with("//" + big)).main_class, "Big");
    EXPECT_EQ(scan_java_source(with("String s = \"" + std::string(4 << 20, 'x') + "\";")).main_class, "Big");
    EXPECT_EQ(scan_java_source(with(big)).main_class, "Big");
    EXPECT_EQ(scan_java_source(with(std::string(1 << 20, '{') + std::string(1 << 20, '}'))).main_class,
              "Big");
    // Unterminated constructs end at the end of the input, without reading past it.
    for (const char* tail : {"/*", "\"", "'", "\"\"\"", "\"\\", "'\\", "\"\"\"\\"}) {
        EXPECT_FALSE(scan_java_source(std::string("class X { ") + tail).has_main()) << tail;
    }
}

TEST(JavaScan, FindJavaMainClassReadsAFileWithAMegabyteComment) {
    khue::test::TempDir tmp("khue-java-scan");
    const auto& dir = tmp.path();
    std::ofstream(dir / "Main.java") << "/*" << std::string(1 << 20, '*') << "*/\npublic class Main {\n"
                                     << "  public static void main(String[] args) {}\n}\n";
    EXPECT_EQ(find_java_main_class({dir / "Main.java"}), "Main");
}

TEST(SourceNames, OptionLikeNamesAreRefusedWithTheReason) {
    for (const char* bad :
         {"-E.c", "-specs=x.c", "--help.py", "src/-o.c", "a/../b.c", "/etc/x.c", "", "a\nb.c"}) {
        const auto problem = source_file_name_problem(bad);
        ASSERT_TRUE(problem.has_value()) << bad;
    }
    EXPECT_NE(source_file_name_problem("-E.c")->find("'-E.c'"), std::string::npos);
    EXPECT_NE(source_file_name_problem("-E.c")->find("option"), std::string::npos);
    for (const char* good : {"a.c", "Main.java", "src/x-y.cpp", "a-.c", "x.tar.gz"}) {
        EXPECT_FALSE(source_file_name_problem(good).has_value()) << good;
    }
}

// `khue judge` refuses such a file before anything is compiled, naming it and the reason (exit 2: bad
// argument).
TEST(SourceNames, KhueJudgeRefusesAnOptionLikeFileName) {
    const auto khue = std::filesystem::path(KHUE_BUILD_DIR) / "khue";
    if (!std::filesystem::exists(khue)) {
        GTEST_SKIP() << "the khue executable is not built";
    }
    khue::test::TempDir tmp("khue-optname");
    const auto& dir = tmp.path();
    std::ofstream(dir / "-E.c") << "int main(void) { return 0; }\n";
    const auto command =
        khue.string() + " judge " + KHUE_SOURCE_DIR + "/problems/hello " + (dir / "-E.c").string() + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    while (auto n = std::fread(buffer, 1, sizeof buffer, pipe)) {
        out.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << out;
    EXPECT_NE(out.find("'-E.c'"), std::string::npos) << out;
    EXPECT_NE(out.find("option"), std::string::npos) << out;
}

}  // namespace
}  // namespace khue::judge
