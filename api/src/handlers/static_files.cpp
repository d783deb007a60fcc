// The web pages (api/web): index.html at /, team.html at /team, admin.html at /admin, resolver.html at
// /resolver, statistics.html at /statistics, anything else there at /static/<file>. Paths are checked
// component by component, so nothing outside the folder can be named.
#include "app.hpp"
#include "khue/judge/install_paths.hpp"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <unordered_map>

namespace khue::api {

namespace fs = std::filesystem;

namespace {

std::string content_type(const fs::path& file) {
    static const std::unordered_map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".pdf", "application/pdf"},
        {".map", "application/json"}};
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

bool safe_relative(std::string_view rel) {
    if (rel.empty() || rel.size() > 200) {
        return false;
    }
    std::size_t pos = 0;
    while (pos <= rel.size()) {
        auto slash = rel.find('/', pos);
        if (slash == std::string_view::npos) {
            slash = rel.size();
        }
        std::string_view part = rel.substr(pos, slash - pos);
        // No empty, dot-led ("..", ".git") or odd components; the decoded path has no NULs or backslashes.
        // api/web/src/node_modules holds the bundle's npm packages: only the bundle built from them is
        // served.
        if (part.empty() || part.front() == '.' || part == "node_modules" ||
            part.find('\\') != std::string_view::npos || part.find('\0') != std::string_view::npos) {
            return false;
        }
        pos = slash + 1;
    }
    return true;
}

}  // namespace

Response handle_static(App& app, const Request& request) {
    if (request.method != "GET" && request.method != "HEAD") {
        return error_response(405, "only GET here");
    }
    std::string rel;
    if (request.path == "/" || request.path == "/index.html") {
        // One contest: its scoreboard, as always; several: the list of contests.
        rel = app.contests.db().list_contests().size() > 1 ? "contests.html" : "index.html";
    } else if (request.path == "/contests" || request.path == "/contests/") {
        rel = "contests.html";
    } else if (request.path.starts_with("/contests/")) {
        // Stable per-contest URLs: /contests/<id>/ (scoreboard), .../scoreboard, .../team, .../admin,
        // .../practice. The page reads the contest id from its URL.
        std::string_view rest = std::string_view(request.path).substr(10);
        auto slash = rest.find('/');
        std::string_view page = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        if (page.ends_with('/')) {
            page.remove_suffix(1);
        }
        if (page.empty() || page == "scoreboard" || page == "practice") {
            rel = "index.html";
        } else if (page == "team") {
            rel = "team.html";
        } else if (page == "admin") {
            rel = "admin.html";
        } else {
            return error_response(404, "nothing at " + request.path);
        }
    } else if (request.path == "/team" || request.path == "/team/") {
        rel = "team.html";
    } else if (request.path == "/admin" || request.path == "/admin/") {
        rel = "admin.html";
    } else if (request.path == "/resolver" || request.path == "/resolver.html") {
        rel = "resolver.html";  // the closing ceremony's resolver (jury; the page asks for credentials)
    } else if (request.path == "/statistics" || request.path == "/statistics.html") {
        rel = "statistics.html";
    } else if (request.path.starts_with("/static/")) {
        rel = request.path.substr(8);
    } else {
        return error_response(404, "nothing at " + request.path);
    }
    if (!safe_relative(rel)) {
        return error_response(404, "nothing at " + request.path);
    }
    fs::path file = app.options.web_root / rel;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        return error_response(404, "nothing at " + request.path);
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto r = text_response(200, content_type(file), std::move(bytes));
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
}

fs::path default_web_root() {
    if (const char* env = std::getenv("KHUE_WEB_ROOT"); env != nullptr && *env != '\0') {
        return env;
    }
    return judge::data_path("web");
}

}  // namespace khue::api
