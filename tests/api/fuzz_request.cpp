// libFuzzer target: HTTP request parsing and the submission upload path of the Contest API server.
// Inputs whose first byte is even are whole HTTP requests; odd ones are the zip of a submission that an
// authenticated team posts (JSON, base64), which exercises base64, zip extraction and the store insert.
// Any crash, sanitizer report or 5xx answer is a finding.
#include "khue/api/contest_api.hpp"
#include "khue/api/import.hpp"
#include "khue/api/password.hpp"
#include "khue/api/server.hpp"
#include "khue/store/store.hpp"

#include <spdlog/spdlog.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>

namespace {

namespace fs = std::filesystem;
using namespace khue::api;

struct World {
    std::unique_ptr<khue::store::Store> db;
    std::unique_ptr<Server> server;
    World() {
        spdlog::set_level(spdlog::level::off);
        fs::path dir = fs::temp_directory_path() / ("khue-fuzz-" + std::to_string(getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        db =
            khue::store::open_store("sqlite:" + (dir / "khue.db").string(), khue::api::contest_api_encoder());
        ContestPackage pkg;
        pkg.contest.id = "demo";
        pkg.contest.name = "Demo";
        pkg.contest.start_time = std::chrono::floor<Millis>(std::chrono::system_clock::now());
        pkg.contest.duration = std::chrono::hours{24 * 365};
        pkg.problems.push_back(
            {"hello", "A", "", 0, "", "", fs::path(KHUE_SOURCE_DIR) / "problems" / "hello"});
        pkg.teams.push_back({"t1", "Alpha", "1", "Alpha", "", {}, false});
        pkg.accounts.push_back({"t1", "team1", "pw1", AccountType::Team, "t1"});
        import_contest(*db, pkg);
        ServerOptions options;
        options.port = 0;
        options.contest_id = "demo";
        options.submit_burst = 1 << 30;
        options.web_root = fs::path(KHUE_SOURCE_DIR) / "api" / "web";
        server = std::make_unique<Server>(*db, options);
        server->start();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static World world;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    unsigned status;
    if (size > 0 && data[0] % 2 == 1) {
        std::string body = "{\"problem_id\":\"hello\",\"language_id\":\"c\",\"files\":[{\"data\":\"" +
                           base64_encode(input.substr(1)) + "\"}]}";
        std::string request =
            "POST /api/contests/demo/submissions HTTP/1.1\r\nHost: x\r\n"
            "Authorization: Basic dGVhbTE6cHcx\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body;
        status = answer_raw_request(*world.server, request);
    } else {
        status = answer_raw_request(*world.server, input);
    }
    if (status >= 500) {
        std::abort();
    }
    return 0;
}
