// Scoreboard and event-feed benchmark driver (run by contrib/bench/scoreboard_bench.sh, which builds it
// against the build folder's libraries).
//   scoreboard_bench load DB               500 teams, 12 problems, 20,000 judged submissions into the store
//   scoreboard_bench serve DB PORT         serves the contest with khue's api::Server until stdin closes
//   scoreboard_bench feed DB CLIENTS N     serves it, connects CLIENTS event-feed streams, judges N more
//                                          submissions one by one and prints the delay from each judgement's
//                                          commit to its arrival at every client (p50, p99, max)
#include "khue/api/contest_api.hpp"
#include "khue/api/server.hpp"
#include "khue/judge/zip.hpp"
#include "khue/store/store.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

namespace fs = std::filesystem;
namespace store = khue::store;
namespace net = boost::asio;
using khue::judge::Verdict;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kTeams = 500;
constexpr int kProblems = 12;
constexpr int kSubmissions = 20'000;

std::string problem_id(int p) {
    return std::string(1, static_cast<char>('a' + p));
}

// One submission of `team` to `problem`, judged at once with `verdict`.
void judged_submission(store::Store& db, int team, int problem, std::optional<store::TimePoint> time,
                       Verdict verdict) {
    store::NewSubmission s;
    s.contest_id = "bench";
    s.team_id = "t" + std::to_string(team);
    s.problem_id = problem_id(problem);
    s.language_id = "cpp";
    s.files = {{"a.cpp", "int main() {}\n"}};
    s.time = time;
    db.add_submission(s);
    store::ClaimOptions claim;
    claim.owner = "bench/0";
    auto job = db.claim_job(claim);
    if (!job) {
        throw std::runtime_error("no job to claim");
    }
    store::JudgementResult result;
    result.verdict = verdict;
    result.runs.push_back({"secret/1", "secret", verdict, khue::judge::Seconds{0.1},
                           khue::judge::Seconds{0.1}, khue::judge::mib(4), ""});
    db.complete_job(job->lease, result);
}

int load(const std::string& url) {
    auto db = store::open_store(url, khue::api::contest_api_encoder());
    store::Contest c;
    c.id = "bench";
    c.name = "Benchmark contest";
    c.formal_name = c.name;
    c.start_time = store::Clock::now() - std::chrono::hours{4};
    c.duration = std::chrono::hours{5};
    // The freeze (last 30 min) begins after the benchmark has ended, so the public feed carries judgements.
    c.scoreboard_freeze_duration = std::chrono::minutes{30};
    db->upsert_contest(c);
    auto zip = fs::temp_directory_path() / "khue-bench-package.zip";
    khue::judge::write_zip(zip, {{"problem.yaml", "name: Bench\n", false}});
    std::ifstream in(zip, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::string hash = db->put_package(bytes);
    for (int p = 0; p < kProblems; ++p) {
        store::Problem problem;
        problem.contest_id = "bench";
        problem.id = problem_id(p);
        problem.label = std::string(1, static_cast<char>('A' + p));
        problem.name = "Problem " + problem.label;
        problem.ordinal = p;
        problem.package_hash = hash;
        db->upsert_problem(problem);
    }
    db->upsert_group({"bench", "school", "Schools", false});
    for (int t = 0; t < kTeams; ++t) {
        store::Team team;
        team.contest_id = "bench";
        team.id = "t" + std::to_string(t);
        team.name = "Team " + std::to_string(t);
        team.label = team.id;
        team.display_name = team.name;
        if (t % 2 == 0) {
            team.group_ids = {"school"};
        }
        db->upsert_team(team);
    }
    std::mt19937 rng(2025);
    const Verdict verdicts[] = {Verdict::AC, Verdict::WA, Verdict::TLE, Verdict::RTE, Verdict::CE};
    auto begin = Clock::now();
    for (int i = 0; i < kSubmissions; ++i) {
        // Spread over the first 3 h 50 min of the contest, in order.
        auto at = *c.start_time + std::chrono::seconds{static_cast<long>(i) * (230 * 60) / kSubmissions};
        judged_submission(*db, static_cast<int>(rng() % kTeams), static_cast<int>(rng() % kProblems), at,
                          verdicts[rng() % 5]);
        if ((i + 1) % 5000 == 0) {
            std::fprintf(stderr, "loaded %d submissions (%.0f s)\n", i + 1,
                         std::chrono::duration<double>(Clock::now() - begin).count());
        }
    }
    return 0;
}

khue::api::ServerOptions options(unsigned short port) {
    khue::api::ServerOptions o;
    o.port = port;
    o.contest_id = "bench";
    o.threads = 2;
    o.max_connections = 0;  // automatic: what the open-file limit allows, at most 20,000
    return o;
}

int serve(const std::string& url, unsigned short port) {
    auto db = store::open_store(url, khue::api::contest_api_encoder());
    khue::api::Server server(*db, options(port));
    server.start();
    std::printf("serving on %u\n", server.port());
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    server.stop();
    return 0;
}

// Event-feed clients on one thread: each reads its stream and records when each marked judgement arrives.
struct FeedClient {
    net::ip::tcp::socket socket;
    std::string buffer;
    char chunk[16384];
    bool ok = false;
    explicit FeedClient(net::io_context& ioc) : socket(ioc) {}
};

int feed(const std::string& url, int clients, int judgements) {
    spdlog::set_level(spdlog::level::warn);
    auto db = store::open_store(url, khue::api::contest_api_encoder());
    khue::api::Server server(*db, options(0));
    server.start();
    unsigned short port = server.port();
    std::int64_t token = db->latest_token();

    net::io_context ioc;
    std::vector<std::unique_ptr<FeedClient>> conns;
    std::mutex mutex;
    // judgement id -> arrival times at the clients
    std::map<std::string, std::vector<Clock::time_point>> arrivals;
    std::atomic<int> connected{0};
    std::function<void(FeedClient*)> read = [&](FeedClient* c) {
        c->socket.async_read_some(net::buffer(c->chunk), [&, c](boost::system::error_code ec, std::size_t n) {
            if (ec) {
                return;
            }
            auto now = Clock::now();
            c->buffer.append(c->chunk, n);
            if (!c->ok && c->buffer.find("200 OK") != std::string::npos) {
                c->ok = true;
                ++connected;
            }
            // A completed judgement's line:
            // "type":"judgements","id":"<id>","data":{..."judgement_type_id":"AC"
            std::size_t pos = 0;
            constexpr std::string_view marker = "\"type\":\"judgements\",\"id\":\"";
            while ((pos = c->buffer.find(marker, pos)) != std::string::npos) {
                std::size_t id_start = pos + marker.size();
                std::size_t id_end = c->buffer.find('"', id_start);
                std::size_t line_end = c->buffer.find('\n', id_start);
                if (id_end == std::string::npos || line_end == std::string::npos) {
                    break;
                }
                if (c->buffer.substr(pos, line_end - pos).find("\"judgement_type_id\":\"") !=
                    std::string::npos) {
                    std::lock_guard lock(mutex);
                    arrivals[c->buffer.substr(id_start, id_end - id_start)].push_back(now);
                }
                pos = line_end;
            }
            auto last_newline = c->buffer.rfind('\n');
            if (last_newline != std::string::npos) {
                c->buffer.erase(0, last_newline + 1);
            }
            read(c);
        });
    };
    for (int i = 0; i < clients; ++i) {
        auto c = std::make_unique<FeedClient>(ioc);
        c->socket.connect({net::ip::make_address("127.0.0.1"), port});
        std::string request = "GET /api/contests/bench/event-feed?since_token=" + std::to_string(token) +
                              " HTTP/1.1\r\nHost: x\r\n\r\n";
        net::write(c->socket, net::buffer(request));
        read(c.get());
        conns.push_back(std::move(c));
    }
    std::thread io([&] { ioc.run(); });
    auto wait_start = Clock::now();
    while (connected < clients && Clock::now() - wait_start < std::chrono::seconds{60}) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    std::fprintf(stderr, "%d of %d feed clients connected\n", connected.load(), clients);

    std::mt19937 rng(7);
    std::map<std::string, Clock::time_point> committed;
    for (int i = 0; i < judgements; ++i) {
        store::NewSubmission s;
        s.contest_id = "bench";
        s.team_id = "t" + std::to_string(rng() % kTeams);
        s.problem_id = problem_id(static_cast<int>(rng() % kProblems));
        s.language_id = "cpp";
        s.files = {{"a.cpp", "int main() {}\n"}};
        db->add_submission(s);
        store::ClaimOptions claim;
        claim.owner = "bench/0";
        auto job = db->claim_job(claim);
        store::JudgementResult result;
        result.verdict = Verdict::AC;
        db->complete_job(job->lease, result);
        committed[job->lease.judgement_id] = Clock::now();
        std::this_thread::sleep_for(std::chrono::milliseconds{200});
    }
    std::this_thread::sleep_for(std::chrono::seconds{3});
    std::vector<double> delays;
    std::size_t missing = 0;
    {
        std::lock_guard lock(mutex);
        for (const auto& [id, at] : committed) {
            auto& got = arrivals[id];
            missing += static_cast<std::size_t>(clients) - std::min<std::size_t>(got.size(), clients);
            for (auto t : got) {
                delays.push_back(std::chrono::duration<double, std::milli>(t - at).count());
            }
        }
    }
    std::sort(delays.begin(), delays.end());
    auto pct = [&](double p) {
        return delays.empty() ? 0.0 : delays[static_cast<std::size_t>(p * (delays.size() - 1))];
    };
    std::printf(
        "event feed: %d clients, %d judgements, %zu deliveries, %zu missing; delay ms p50 %.1f p99 %.1f max "
        "%.1f\n",
        clients, judgements, delays.size(), missing, pct(0.5), pct(0.99),
        delays.empty() ? 0.0 : delays.back());
    ioc.stop();
    io.join();
    server.stop();
    return missing == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);
    std::string mode = argc > 1 ? argv[1] : "";
    try {
        if (mode == "load" && argc == 3) {
            return load(argv[2]);
        }
        if (mode == "serve" && argc == 4) {
            return serve(argv[2], static_cast<unsigned short>(std::stoi(argv[3])));
        }
        if (mode == "feed" && argc == 5) {
            return feed(argv[2], std::stoi(argv[3]), std::stoi(argv[4]));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "scoreboard_bench: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: scoreboard_bench load DB | serve DB PORT | feed DB CLIENTS JUDGEMENTS\n");
    return 2;
}
