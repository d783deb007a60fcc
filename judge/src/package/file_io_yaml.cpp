#include "package/file_io_yaml.hpp"

#include <cctype>

namespace khue::judge::package_detail {
namespace {

// A name the program opens in its working folder: a folder part would let a package read or write
// outside it, and a name a shell or Windows teacher would mistype is refused now rather than at judging.
std::string read_file_name(const YamlFile& f, const YAML::Node& node, const std::string& key) {
    const std::string name = read_string(f, node, key);
    if (name.empty() || name == "." || name == ".." || name.size() > 255) {
        fail(f, node, key, "expected a file name like TASK.INP, got '" + name + "'");
    }
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        if (!ok) {
            fail(f, node, key,
                 "'" + name +
                     "' is not a plain file name (letters, digits, '.', '_' and '-' only, no folder)");
        }
    }
    return name;
}

}  // namespace

void read_file_io(const YamlFile& f, const YAML::Node& node, Problem& p) {
    require_map(f, node, "khue.file_io");
    warn_unknown_keys(f, node, {"input", "output"}, "khue.file_io.", p.warnings);
    const YAML::Node input = node["input"];
    const YAML::Node output = node["output"];
    if (!input || !output) {
        fail(f, node, "khue.file_io", "needs both 'input' and 'output' file names");
    }
    FileIo io{read_file_name(f, input, "khue.file_io.input"),
              read_file_name(f, output, "khue.file_io.output")};
    const auto lower = [](std::string s) {
        for (char& c : s) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return s;
    };
    // Programs may open either name in any letter case (as on Windows), so case alone cannot tell them apart.
    if (lower(io.input) == lower(io.output)) {
        fail(f, output, "khue.file_io.output",
             "must differ from the input file name '" + io.input + "' (letter case aside)");
    }
    p.file_io = std::move(io);
}

void check_file_io(const Problem& p) {
    if (p.file_io && p.interactive) {
        throw PackageError("problem.yaml", 0,
                           "khue.file_io: an interactive problem talks over standard input and output; file "
                           "input/output cannot be used with it");
    }
    if (p.checker_protocol == CheckerProtocol::Themis && !p.file_io) {
        throw PackageError(
            "problem.yaml", 0,
            "khue.checker_protocol themis needs khue.file_io: a Themis checker opens the test's "
            "files by their names (TASK.INP, TASK.OUT)");
    }
}

}  // namespace khue::judge::package_detail
