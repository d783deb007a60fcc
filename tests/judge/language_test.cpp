// Languages as data: the shipped languages.yaml, extension guessing, placeholders, and clear errors for a bad
// languages file.
#include "khue/judge/language.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <fstream>

namespace khue::judge {
namespace {

const std::string kShipped = std::string(KHUE_SOURCE_DIR) + "/judge/data/languages.yaml";

std::string error_of(const std::string& yaml) {
    try {
        parse_languages(yaml, "langs.yaml");
    } catch (const LanguageError& e) {
        return e.what();
    }
    return "(no error)";
}

const char* const kMinimal = R"(languages:
  - id: c
    name: C
    extensions: [c]
    compile: [/usr/bin/gcc, -o, "{binary}", "{sources}"]
    run: ["{dir}/{binary}"]
    hello: {file: hello.c, source: "x", output: "y"}
)";

TEST(Languages, ShippedFileHasTheContestApiLanguages) {
    const auto set = load_languages(kShipped);
    for (const char* id : {"c", "cpp", "python3", "java", "pascal", "rust", "javascript"}) {
        const auto* lang = set.find(id);
        ASSERT_NE(lang, nullptr) << id;
        EXPECT_FALSE(lang->run.empty()) << id;
        EXPECT_FALSE(lang->hello_source.empty()) << id;
        EXPECT_FALSE(lang->hello_output.empty()) << id;
    }
    EXPECT_TRUE(set.find("java")->needs_main_class);
    EXPECT_GT(set.find("java")->memory_allowance, Bytes{});
    ASSERT_TRUE(set.find("cpp")->pch.has_value());
    EXPECT_EQ(set.find("cpp")->pch->header, "bits/stdc++.h");
    EXPECT_EQ(set.find("rust")->compile.front(), "/usr/bin/rustc");
}

TEST(Languages, GuessesFromTheExtension) {
    const auto set = load_languages(kShipped);
    EXPECT_EQ(set.guess({"a.cpp"})->id, "cpp");
    EXPECT_EQ(set.guess({"a.cc"})->id, "cpp");
    EXPECT_EQ(set.guess({"a.C"})->id, "cpp");
    EXPECT_EQ(set.guess({"a.c"})->id, "c");
    EXPECT_EQ(set.guess({"sol.py"})->id, "python3");
    EXPECT_EQ(set.guess({"Main.java"})->id, "java");
    EXPECT_EQ(set.guess({"a.pas"})->id, "pascal");
    EXPECT_EQ(set.guess({"a.rs"})->id, "rust");
    EXPECT_EQ(set.guess({"a.js"})->id, "javascript");
    EXPECT_EQ(set.guess({"main.cpp", "util.h"})->id, "cpp");
    EXPECT_EQ(set.guess({"a.CPP"})->id, "cpp");
    EXPECT_EQ(set.guess({"a.txt"}), nullptr);
    EXPECT_EQ(set.guess({"a.py", "b.java"}), nullptr) << "two languages is ambiguous";
}

TEST(Languages, ExpandsPlaceholders) {
    ArgvContext ctx;
    ctx.dir = "/box";
    ctx.sources = {"a.c", "b.c"};
    ctx.binary = "main";
    ctx.memory_mib = "256";
    EXPECT_EQ(expand_argv({"gcc", "-o", "{binary}", "{sources}", "-lm"}, ctx),
              (std::vector<std::string>{"gcc", "-o", "main", "a.c", "b.c", "-lm"}));
    EXPECT_EQ(expand_argv({"{dir}/{binary}", "-Xmx{memory_mib}m"}, ctx),
              (std::vector<std::string>{"/box/main", "-Xmx256m"}));
    EXPECT_EQ(expand_argv({"g++", "{pch_flags}", "x"}, ctx), (std::vector<std::string>{"g++", "x"}));
    ctx.pch_flags = {"-I/pch", "-Winvalid-pch"};
    EXPECT_EQ(expand_argv({"g++", "{pch_flags}"}, ctx),
              (std::vector<std::string>{"g++", "-I/pch", "-Winvalid-pch"}));
    EXPECT_THROW(expand_argv({"{nope}"}, ctx), LanguageError);
    EXPECT_THROW(expand_argv({"x{sources}"}, ctx), LanguageError);
}

TEST(Languages, MinimalFileParses) {
    const auto set = parse_languages(kMinimal, "langs.yaml");
    ASSERT_EQ(set.all().size(), 1u);
    EXPECT_EQ(set.all()[0].compile.size(), 4u);
    EXPECT_DOUBLE_EQ(set.all()[0].time_multiplier, 1.0);
}

TEST(Languages, ShellStringInsteadOfArgvIsRejectedWithItsPlace) {
    std::string yaml = kMinimal;
    yaml.replace(yaml.find("[/usr/bin/gcc"),
                 std::string("[/usr/bin/gcc, -o, \"{binary}\", \"{sources}\"]").size(),
                 "\"gcc -o main *.c\"");
    const auto error = error_of(yaml);
    EXPECT_NE(error.find("langs.yaml:5"), std::string::npos) << error;
    EXPECT_NE(error.find("language 'c'"), std::string::npos) << error;
    EXPECT_NE(error.find("compile"), std::string::npos) << error;
    EXPECT_NE(error.find("argv"), std::string::npos) << error;
}

TEST(Languages, BadFilesGetClearErrors) {
    EXPECT_NE(error_of("languages: [").find("not valid YAML"), std::string::npos);
    EXPECT_NE(error_of("langs: []").find("'languages'"), std::string::npos);
    std::string unknown = kMinimal;
    unknown += "    colour: blue\n";
    EXPECT_NE(error_of(unknown).find("unknown field 'colour'"), std::string::npos) << error_of(unknown);
    std::string placeholder = kMinimal;
    placeholder.replace(placeholder.find("{dir}"), 5, "{folder}");
    EXPECT_NE(error_of(placeholder).find("{folder}"), std::string::npos) << error_of(placeholder);
    std::string no_hello = kMinimal;
    no_hello.erase(no_hello.find("    hello"));
    EXPECT_NE(error_of(no_hello).find("hello"), std::string::npos);
    std::string twice = kMinimal;
    twice += std::string(kMinimal).substr(std::string("languages:\n").size());
    EXPECT_NE(error_of(twice).find("defined twice"), std::string::npos) << error_of(twice);
    std::string multiplier = kMinimal;
    multiplier += "    time_multiplier: -1\n";
    EXPECT_NE(error_of(multiplier).find("time_multiplier"), std::string::npos);
    EXPECT_THROW(load_languages("/nonexistent/languages.yaml"), LanguageError);
}

TEST(Languages, FindsTheJavaMainClassWithoutHelp) {
    khue::test::TempDir tmp("khue-java");
    const auto& dir = tmp.path();
    std::ofstream(dir / "Util.java") << "class Util { static int f() { return 1; } }\n";
    std::ofstream(dir / "Sol.java")
        << "package contest;\n// public static void main(String[] a) in a comment\n"
           "public class Solution {\n  public static void main(String... args) {}\n}\n";
    EXPECT_EQ(find_java_main_class({dir / "Util.java", dir / "Sol.java"}), "contest.Solution");
    EXPECT_EQ(find_java_main_class({dir / "Util.java"}), std::nullopt);
}

// Threads: std::thread and OpenMP need more than one task in the box; wave 1 gave C and C++ one, so such
// programs died with a run-time error. The pids limit (not 1) is what keeps fork bombs contained.
TEST(Languages, CompiledLanguagesMayRunThreads) {
    const auto set = load_languages(kShipped);
    for (const char* id : {"c", "cpp", "rust", "pascal"}) {
        ASSERT_NE(set.find(id), nullptr) << id;
        EXPECT_GE(set.find(id)->run_processes, 8) << id;
        EXPECT_LE(set.find(id)->run_processes, 64) << id << ": still a bound";
    }
}

}  // namespace
}  // namespace khue::judge
