// libFuzzer target: the package loader's configuration layer. The input is split at "\n#####\n" into
// problem.yaml, data/secret/testdata.yaml (also written as test_group.yaml) and submissions/submissions.yaml,
// laid over a fixed skeleton package. Loading may only succeed or throw PackageError.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "khue/judge/package.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path& skeleton() {
    static const fs::path root = [] {
        std::string pattern = (fs::temp_directory_path() / "khue-fuzz-package-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            std::abort();
        }
        const fs::path p = pattern;
        for (const char* dir : {"data/sample", "data/secret/g1", "data/secret/g2", "submissions/accepted",
                                "submissions/wrong_answer", "output_validators/v", "output_validator"}) {
            fs::create_directories(p / dir);
        }
        for (const char* tc : {"data/sample/1", "data/secret/g1/01", "data/secret/g2/02"}) {
            std::ofstream(p / (std::string(tc) + ".in")) << "1\n";
            std::ofstream(p / (std::string(tc) + ".ans")) << "1\n";
        }
        std::ofstream(p / "submissions/accepted/a.py") << "print(1)\n";
        std::ofstream(p / "submissions/wrong_answer/b.py")
            << "# @EXPECTED_RESULTS@: WRONG-ANSWER\nprint(2)\n";
        std::ofstream(p / "output_validators/v/v.cpp") << "int main() { return 42; }\n";
        std::ofstream(p / "output_validator/v.cpp") << "int main() { return 42; }\n";
        // Lives for the whole run; contrib/fuzz.sh removes its TMPDIR afterwards.
        return p;
    }();
    return root;
}

void put(const fs::path& file, std::string_view text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view kSeparator = "\n#####\n";
    std::string_view parts[3];
    std::string_view rest = input;
    for (int i = 0; i < 3; ++i) {
        const std::size_t at = rest.find(kSeparator);
        parts[i] = rest.substr(0, at);
        rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + kSeparator.size());
    }
    const fs::path& root = skeleton();
    put(root / "problem.yaml", parts[0]);
    put(root / "data/secret/testdata.yaml", parts[1]);
    put(root / "data/secret/test_group.yaml", parts[1]);
    put(root / "data/secret/g1/testdata.yaml", parts[1]);
    put(root / "submissions/submissions.yaml", parts[2]);
    try {
        const khue::judge::Problem p = khue::judge::load_problem(root);
        // Whatever loaded must be usable by the pipeline without surprises.
        for (const khue::judge::TestCase* c : p.test_cases()) {
            if (c->name.empty() || c->input.empty() || c->answer.empty()) {
                std::abort();
            }
        }
    } catch (const khue::judge::PackageError&) {
        // Expected for bad input.
    }
    return 0;
}
