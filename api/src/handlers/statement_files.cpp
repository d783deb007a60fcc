// GET contests/<cid>/problems/<id>/statement/<file>: a picture of the problem's statement, from the package's
// statement/ (or legacy problem_statement/) folder, so that a Markdown statement's ![](figure.png) shows.
// Only pictures (PNG, JPEG, GIF, WebP), never SVG, whose scripts would run if the URL were opened.
#include "app.hpp"

#include "khue/api/contest_api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace khue::api {

namespace fs = std::filesystem;

Response statement_picture(ContestService& service, const std::string& problem_id, const std::string& name) {
    static const std::vector<std::pair<std::string, std::string>> kinds{{".png", "image/png"},
                                                                        {".jpg", "image/jpeg"},
                                                                        {".jpeg", "image/jpeg"},
                                                                        {".gif", "image/gif"},
                                                                        {".webp", "image/webp"}};
    if (name.empty() || name.size() > 128 || name.front() == '.' ||
        name.find_first_of("/\\") != std::string::npos || name.find('\0') != std::string::npos) {
        return error_response(404, "no statement file '" + name + "'");
    }
    std::string extension = fs::path(name).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == extension; });
    if (kind == kinds.end()) {
        return error_response(404, "'" + name + "' is not a picture (png, jpg, gif, webp) of the statement");
    }
    auto problems = service.db().list_problems(service.contest_id());
    auto p =
        std::find_if(problems.begin(), problems.end(), [&](const auto& x) { return x.id == problem_id; });
    if (p == problems.end()) {
        return error_response(404, "no problem with id '" + problem_id + "'");
    }
    fs::path dir;
    try {
        dir = problem_package_dir(service.db(), *p);
    } catch (const std::exception& e) {
        spdlog::error("problem {}: package unavailable: {}", p->id, e.what());
        return error_response(503, "the package of problem '" + problem_id + "' is unavailable");
    }
    for (const char* folder : {"statement", "problem_statement"}) {
        const fs::path file = dir / folder / name;
        std::error_code ec;
        if (fs::is_regular_file(file, ec) && !fs::is_symlink(file, ec)) {
            std::ifstream in(file, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            auto r = text_response(200, kind->second, std::move(bytes));
            r.headers.emplace_back("X-Content-Type-Options", "nosniff");
            return r;
        }
    }
    return error_response(404, "problem '" + problem_id + "' has no statement file '" + name + "'");
}

}  // namespace khue::api
