#include <set>

#include "khue/judge/default_validator.hpp"
#include "package/loader.hpp"

namespace khue::judge::package_detail {
namespace fs = std::filesystem;
namespace {

Program program_of(const fs::directory_entry& e) {
    return Program{e.path(), e.is_directory(), e.path().filename().string()};
}

std::vector<Program> programs_in(const fs::path& dir) {
    std::vector<Program> out;
    if (!fs::is_directory(dir)) {
        return out;
    }
    for (const fs::directory_entry& e : sorted_entries(dir)) {
        if (e.is_directory() || e.is_regular_file()) {
            out.push_back(program_of(e));
        }
    }
    return out;
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
    std::vector<Program> validators;
    fs::path folder;
    if (modern) {
        folder = "output_validator";
        if (fs::is_directory(p.root / folder)) {
            validators.push_back(Program{p.root / folder, true, "output_validator"});
        } else if (fs::is_directory(p.root / "output_validators")) {
            folder = "output_validators";
            validators = programs_in(p.root / folder);
            p.warnings.push_back(
                {folder, 0, "legacy folder name in a 2025-09 package; use output_validator/"});
        }
    } else {
        folder = "output_validators";
        validators = programs_in(p.root / folder);
    }
    const bool use_custom = modern ? !validators.empty() || custom_required : custom_required;
    if (use_custom) {
        if (validators.empty()) {
            const std::string why =
                p.interactive                                    ? "an interactive problem"
                : p.multi_pass                                   ? "a multi-pass problem"
                : p.checker_protocol == CheckerProtocol::Testlib ? "khue.checker_protocol testlib"
                : p.checker_protocol == CheckerProtocol::Themis  ? "khue.checker_protocol themis"
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
