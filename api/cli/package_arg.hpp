// The PROBLEM_DIR_OR_ZIP argument that `khue judge` and `khue verify` share.
#pragma once

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <iostream>

#include "khue/judge/package.hpp"

namespace khue::cli {

// A loaded package; one that came from a zip was extracted into a temp folder that is removed with this
// object.
class LoadedPackage {
  public:
    LoadedPackage(judge::Problem problem, std::filesystem::path extracted)
        : problem_(std::move(problem)), extracted_(std::move(extracted)) {}
    LoadedPackage(const LoadedPackage&) = delete;
    LoadedPackage& operator=(const LoadedPackage&) = delete;
    ~LoadedPackage() {
        if (!extracted_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(extracted_, ec);
        }
    }
    const judge::Problem& problem() const { return problem_; }

  private:
    judge::Problem problem_;
    // The whole extraction folder: the package may sit in a subfolder of it (a zip of "hello/...").
    std::filesystem::path extracted_;
};

// With --json an error is still JSON on stdout: {"error": {"message", "file", "line"}} (file relative to the
// package, line 0 when not about a line), printed by the command before it exits non-zero.
inline void print_json_error(const std::string& message, const std::string& file = "", int line = 0) {
    const boost::json::value error = boost::json::object{
        {"error", boost::json::object{{"message", message}, {"file", file}, {"line", line}}}};
    std::cout << boost::json::serialize(error) << "\n";
}

// Loads `path` (a package folder or a zip of one); on a broken package prints "khue COMMAND: PATH: error"
// (and with `json` the error object on stdout) and returns null, which the command turns into exit status 2
// (docs/cli.md).
inline std::unique_ptr<LoadedPackage> load_package_or_report(const char* command, const std::string& path,
                                                             bool json = false) {
    judge::LoadOptions options;
    if (!std::filesystem::is_directory(path)) {
        std::string pattern = (std::filesystem::temp_directory_path() / "khue-package-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::fprintf(stderr, "khue %s: cannot create a folder to extract %s into\n", command,
                         path.c_str());
            if (json) {
                print_json_error("cannot create a folder to extract the package into", path);
            }
            return nullptr;
        }
        options.extract_to = pattern;
    }
    try {
        auto problem = judge::load_problem(path, options);
        return std::make_unique<LoadedPackage>(std::move(problem), options.extract_to);
    } catch (const judge::PackageError& e) {
        std::error_code ec;
        std::filesystem::remove_all(options.extract_to, ec);
        std::fprintf(stderr, "khue %s: %s: %s\n", command, path.c_str(), e.what());
        if (json) {
            print_json_error(e.message(), e.file().generic_string(), e.line());
        }
        return nullptr;
    }
}

}  // namespace khue::cli
