#include <algorithm>
#include <set>

#include "khue/judge/default_validator.hpp"
#include "khue/judge/language.hpp"
#include "package/loader.hpp"

namespace khue::judge::package_detail {
namespace fs = std::filesystem;
namespace {

Program program_of(const fs::directory_entry& e) {
    return Program{e.path(), e.is_directory(), e.path().filename().string()};
}

bool is_header(const fs::path& file) {
    static const std::set<std::string> kHeaders{".h", ".hpp", ".hh", ".hxx", ".h++", ".inc"};
    return kHeaders.count(file.extension().string()) != 0;
}

// Whether a loose file is a program's source: its extension is one the languages table lists (or, when no
// table can be read, it is not a header, a text file or a data file).
bool is_source(const fs::path& file) {
    std::string ext = file.extension().string();
    if (ext.empty()) {
        return false;
    }
    ext.erase(0, 1);
    try {
        for (const Language& lang : default_languages().all()) {
            if (std::find(lang.extensions.begin(), lang.extensions.end(), ext) != lang.extensions.end()) {
                return true;
            }
        }
        return false;
    } catch (const std::exception&) {
        static const std::set<std::string> kNotSources{"h", "hpp", "hh", "hxx", "txt", "md", "in", "ans"};
        return kNotSources.count(ext) == 0;
    }
}

// The programs of a folder such as input_validators/: each subdirectory is one, and so is each loose source
// file. Loose headers (validate.h next to validate.cc) make the loose files one program: the folder itself.
std::vector<Program> programs_in(const fs::path& dir) {
    std::vector<Program> out;
    if (!fs::is_directory(dir)) {
        return out;
    }
    std::vector<Program> loose;
    bool headers = false;
    for (const fs::directory_entry& e : sorted_entries(dir)) {
        if (e.is_directory()) {
            out.push_back(program_of(e));
        } else if (e.is_regular_file()) {
            headers = headers || is_header(e.path());
            if (is_source(e.path())) {
                loose.push_back(program_of(e));
            }
        }
    }
    if (headers && !loose.empty() && out.empty()) {
        return {Program{dir, true, dir.filename().string()}};
    }
    out.insert(out.end(), loose.begin(), loose.end());
    std::sort(out.begin(), out.end(), [](const Program& a, const Program& b) { return a.name < b.name; });
    return out;
}

// `output_validator/` (2025-09) is the validator itself, unless it only holds program folders (a legacy
// layout under the new name); `output_validators/` (legacy) holds validators.
std::vector<Program> output_validators_in(const fs::path& dir, bool single) {
    if (!fs::is_directory(dir)) {
        return {};
    }
    if (single) {
        bool loose_files = false;
        for (const fs::directory_entry& e : sorted_entries(dir)) {
            loose_files = loose_files || e.is_regular_file();
        }
        if (loose_files) {
            return {Program{dir, true, dir.filename().string()}};
        }
    }
    return programs_in(dir);
}

void check_default_validator_flags(const Problem& p) {
    // Each distinct argument list is parsed once: packages repeat the same flags on every case.
    std::set<std::vector<std::string>> checked;
    for (const TestCase* c : p.test_cases()) {
        if (!checked.insert(c->output_validator_args).second) {
            continue;
        }
        try {
            parse_default_validator_args(c->output_validator_args);
        } catch (const ValidatorFlagsError& e) {
            const bool from_problem_yaml = c->output_validator_args == p.validator_args;
            const fs::path where =
                from_problem_yaml ? fs::path("problem.yaml")
                                  : relative_to_root(p, p.root / "data" / fs::path(c->name).parent_path());
            throw PackageError(
                where, 0, std::string(e.what()) + (from_problem_yaml ? "" : " (test case " + c->name + ")"));
        }
    }
}

}  // namespace

void load_programs(Problem& p) {
    const bool modern = p.version == FormatVersion::V2025_09;
    // In a legacy package problem.yaml decides (validation: custom); in 2025-09 the folder's presence does.
    const bool custom_required =
        p.checker_protocol != CheckerProtocol::Default || p.interactive || p.multi_pass;
    // Both folder names are accepted whatever the version, as DOMjudge does; the version's own name wins.
    const fs::path own = modern ? "output_validator" : "output_validators";
    const fs::path other = modern ? "output_validators" : "output_validator";
    fs::path folder = own;
    std::vector<Program> validators = output_validators_in(p.root / own, modern);
    if (fs::is_directory(p.root / other)) {
        if (validators.empty()) {
            folder = other;
            validators = output_validators_in(p.root / other, !modern);
        } else {
            p.warnings.push_back({other, 0,
                                  "ignored: both " + own.string() + "/ and " + other.string() +
                                      "/ exist; Khue uses " + own.string() + "/"});
        }
    }
    const bool use_custom = modern ? !validators.empty() || custom_required : custom_required;
    if (use_custom) {
        if (validators.empty()) {
            const std::string why =
                p.interactive                                    ? "an interactive problem"
                : p.multi_pass                                   ? "a multi-pass problem"
                : p.checker_protocol == CheckerProtocol::Testlib ? "khue.checker_protocol testlib"
                : p.checker_protocol == CheckerProtocol::Themis  ? "khue.checker_protocol themis"
                : p.checker_protocol == CheckerProtocol::Cms     ? "khue.checker_protocol cms"
                                                                 : "validation: custom";
            throw PackageError(folder, 0, "missing: " + why + " needs a custom output validator");
        }
        if (validators.size() > 1) {
            p.warnings.push_back(
                {folder, 0, "several output validators; Khue uses only '" + validators.front().name + "'"});
        }
        p.output_validator = validators.front();
        if (p.checker_protocol == CheckerProtocol::Default) {
            p.checker_protocol = CheckerProtocol::Kattis;
        }
    } else {
        if (!validators.empty()) {
            p.warnings.push_back({folder, 0, "ignored: problem.yaml asks for the default validator"});
        }
        p.checker_protocol = CheckerProtocol::Default;
        check_default_validator_flags(p);
    }

    for (const char* dir : {"input_validators", "input_format_validators"}) {
        for (Program& v : programs_in(p.root / dir)) {
            p.input_validators.push_back(std::move(v));
        }
    }
    if (const fs::path include = p.root / "include"; fs::is_directory(include)) {
        for (const fs::directory_entry& e : sorted_entries(include)) {
            if (e.is_directory()) {
                p.include[e.path().filename().string()] = e.path();
            }
        }
    }
}

}  // namespace khue::judge::package_detail
