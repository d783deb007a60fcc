// Languages are data (docs/architecture.md): judge/data/languages.yaml lists, per language, its Contest API id, file
// extensions, compile and run argv vectors with placeholders, limits and a hello-world self-test. This header
// is the typed form of that file; YAML never leaves language.cpp.
//
// Placeholders in argv elements:
//   {dir}        the folder holding the sources / build products, as the program sees it (/box when
//   compiling) {source}     file name of the entry source (the one named by the entry point, else the first
//   source) {sources}    every source file name, one argv element each (must be a whole element) {binary}
//   file name of the build product ("main") {main_class} Java-style main class found in the sources
//   (package-qualified) {memory_mib} the run's memory limit in MiB, before the language's allowance
//   {pch_flags}  the precompiled-header flags when a PCH is available, nothing otherwise (a whole element)
#pragma once

#include "khue/judge/types.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace khue::judge {

class LanguageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

using EnvList = std::vector<std::pair<std::string, std::string>>;

// A header compiled once (inside the box, with the language's flags) into the cache, then offered to every
// compile through {pch_flags}.
struct PrecompiledHeader {
    std::string header;                  // as included, e.g. "bits/stdc++.h"
    std::vector<std::string> argv;       // builds {output} from {input}, a file that includes `header`
    std::vector<std::string> use_flags;  // {pch} = the folder holding <header>.gch, as the compiler sees it
};

struct Language {
    std::string id;                       // Contest API id: c, cpp, python3, java, pascal, rust, javascript
    std::string name;                     // human name
    std::vector<std::string> extensions;  // without the dot, e.g. "cpp", "cc"
    std::vector<std::string> compile;     // empty: nothing to compile (sources are copied as they are)
    std::vector<std::string> run;
    EnvList compile_env;
    EnvList run_env;
    double time_multiplier = 1.0;
    Bytes memory_allowance{};  // added to the problem's memory limit (a JVM's own overhead)
    int compile_processes = 16;
    int run_processes = 16;  // threads count: std::thread and OpenMP work; the pids limit stops fork bombs
    bool needs_main_class = false;  // run argv uses {main_class}; find it in the sources
    bool entry_point_required = false;
    std::optional<PrecompiledHeader> pch;
    // Self-test: a program that prints `hello_output` exactly.
    std::string hello_file;  // file name, e.g. "hello.c"
    std::string hello_source;
    std::string hello_output;
};

class LanguageSet {
  public:
    LanguageSet() = default;
    explicit LanguageSet(std::vector<Language> languages);

    const std::vector<Language>& all() const { return languages_; }
    const Language* find(std::string_view id) const;
    // The language of these sources judged by their extensions (the entry source's, else the first one that
    // matches); nullptr when none matches or they disagree.
    const Language* guess(const std::vector<std::filesystem::path>& sources) const;

  private:
    std::vector<Language> languages_;
};

// Parses a languages file. Throws LanguageError naming the file, the language and the field that is wrong.
LanguageSet load_languages(const std::filesystem::path& file);
LanguageSet parse_languages(std::string_view yaml_text, const std::string& origin);

// $KHUE_LANGUAGES, else languages.yaml of this installation: <prefix>/share/khue/languages.yaml, or in a
// build folder build/share/khue/languages.yaml, a link to judge/data/languages.yaml (see install_paths.hpp).
std::filesystem::path default_languages_file();
// Loaded once per process from default_languages_file().
const LanguageSet& default_languages();

// Values for the placeholders of one command.
struct ArgvContext {
    std::string dir;
    std::string source;
    std::vector<std::string> sources;
    std::string binary = "main";
    std::string main_class;
    std::string memory_mib;
    std::vector<std::string> pch_flags;
    std::string input;   // PrecompiledHeader::argv only
    std::string output;  // PrecompiledHeader::argv only
    std::string pch;     // PrecompiledHeader::use_flags only
};

// Substitutes the placeholders. Throws LanguageError on an unknown placeholder or a misplaced {sources}.
std::vector<std::string> expand_argv(const std::vector<std::string>& argv, const ArgvContext& context);

// Finds the class declaring `public static void main(String...)` in Java sources: package-qualified name, or
// nullopt. Used instead of asking the student (no entry point needed).
std::optional<std::string> find_java_main_class(const std::vector<std::filesystem::path>& sources);

}  // namespace khue::judge
