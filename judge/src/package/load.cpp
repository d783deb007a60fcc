#include <algorithm>
#include <cstdlib>
#include <string>

#include <yaml-cpp/yaml.h>

#include "khue/judge/zip.hpp"
#include "package/loader.hpp"

namespace khue::judge {
namespace fs = std::filesystem;

namespace package_detail {

bool is_ignored_name(const std::string& name) {
    return name.empty() || name.front() == '.' || name.front() == '-';
}

std::vector<fs::directory_entry> sorted_entries(const fs::path& dir) {
    std::vector<fs::directory_entry> out;
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
        if (!is_ignored_name(e.path().filename().string())) {
            out.push_back(e);
        }
    }
    std::sort(out.begin(), out.end(), [](const fs::directory_entry& a, const fs::directory_entry& b) {
        return a.path().filename().string() < b.path().filename().string();
    });
    return out;
}

fs::path relative_to_root(const Problem& problem, const fs::path& path) {
    return path.lexically_relative(problem.root);
}

}  // namespace package_detail

namespace {

bool is_archive(const fs::path& path) {
    const std::string ext = path.extension().string();
    return fs::is_regular_file(path) && (ext == ".zip" || ext == ".kpp");
}

fs::path make_temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "khue-package-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw PackageError(pattern, 0, "cannot create a temporary directory to extract into");
    }
    return pattern;
}

// A zip may hold the package at its root or inside one top-level directory.
fs::path package_root_in(const fs::path& extracted) {
    if (fs::exists(extracted / "problem.yaml")) {
        return extracted;
    }
    const auto entries = package_detail::sorted_entries(extracted);
    if (entries.size() == 1 && entries.front().is_directory() &&
        fs::exists(entries.front().path() / "problem.yaml")) {
        return entries.front().path();
    }
    return extracted;
}

}  // namespace

Problem load_problem(const fs::path& dir_or_zip, const LoadOptions& options) {
    Problem p;
    if (is_archive(dir_or_zip)) {
        const fs::path target = options.extract_to.empty() ? make_temp_dir() : options.extract_to;
        try {
            extract_zip(dir_or_zip, target, options.zip_limits);
        } catch (const ZipError& e) {
            throw PackageError(dir_or_zip.filename(), 0, e.what());
        }
        p.root = package_root_in(target);
        p.short_name = dir_or_zip.stem().string();
    } else {
        if (!fs::is_directory(dir_or_zip)) {
            throw PackageError(dir_or_zip, 0, "not a package directory or a .zip of one");
        }
        p.root = fs::absolute(dir_or_zip).lexically_normal();
        if (p.root.filename().empty()) {
            p.root = p.root.parent_path();
        }
        p.short_name = p.root.filename().string();
    }
    try {
        package_detail::load_problem_yaml(p);
        package_detail::load_test_data(p);
        package_detail::load_programs(p);
        package_detail::load_submissions(p);
    } catch (const YAML::Exception& e) {
        // The readers check node kinds before use; this only guards against a case they missed.
        throw PackageError("(yaml)", e.mark.line >= 0 ? e.mark.line + 1 : 0, e.what());
    } catch (const fs::filesystem_error& e) {
        throw PackageError(package_detail::relative_to_root(p, e.path1()), 0, e.code().message());
    }
    return p;
}

}  // namespace khue::judge
