// Event-feed clients against a Khue server running in another process (run by contrib/bench/feed_clients.sh,
// never by the test suite).
//   feed_clients watch DB PORT CLIENTS JUDGEMENTS
//     connects CLIENTS streaming event-feed clients (one thread, Asio) to 127.0.0.1:PORT, prints
//     "connected N" once they all got their 200, then waits for a line on stdin; then judges JUDGEMENTS
//     submissions one by one through its own store handle on DB (as a judging worker process would: the
//     server sees them through the store's cross-process wake-up) and prints the delay from each
//     judgement's commit to its arrival at every client (p50, p99, max) and how many deliveries are missing.
#include "khue/api/contest_api.hpp"
#include "khue/store/store.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

namespace store = khue::store;
namespace net = boost::asio;
using khue::judge::Verdict;
using Clock = std::chrono::steady_clock;

namespace {

struct Client {
    net::ip::tcp::socket socket;
    std::string buffer;
    std::array<char, 4096> chunk{};
    bool ok = false;
    explicit Client(net::io_context& ioc) : socket(ioc) {}
};

class Clients {
  public:
    Clients(unsigned short port, int count, std::int64_t token) : port_(port), count_(count), token_(token) {}

    void start() {
        for (int i = 0; i < count_; ++i) {
            auto c = std::make_unique<Client>(ioc_);
            auto* raw = c.get();
            clients_.push_back(std::move(c));
            raw->socket.async_connect(
                {net::ip::make_address("127.0.0.1"), port_}, [this, raw](boost::system::error_code ec) {
                    if (ec) {
                        ++failed_;
                        return;
                    }
                    auto request = std::make_shared<std::string>(
                        "GET /api/contests/bench/event-feed?since_token=" + std::to_string(token_) +
                        " HTTP/1.1\r\nHost: x\r\n\r\n");
                    net::async_write(raw->socket, net::buffer(*request),
                                     [this, raw, request](boost::system::error_code e, std::size_t) {
                                         if (e) {
                                             ++failed_;
                                             return;
                                         }
                                         read(raw);
                                     });
                });
        }
        io_ = std::thread([this] { ioc_.run(); });
    }
    void stop() {
        ioc_.stop();
        io_.join();
    }
    int connected() const { return connected_; }
    int failed() const { return failed_; }
    std::vector<Clock::time_point> arrivals(const std::string& id) {
        std::lock_guard lock(mutex_);
        return arrivals_[id];
    }

  private:
    void read(Client* c) {
        c->socket.async_read_some(
            net::buffer(c->chunk), [this, c](boost::system::error_code ec, std::size_t n) {
                if (ec) {
                    if (c->ok) {
                        ++dropped_;
                    }
                    return;
                }
                const auto now = Clock::now();
                c->buffer.append(c->chunk.data(), n);
                if (!c->ok && c->buffer.find("200 OK") != std::string::npos) {
                    c->ok = true;
                    ++connected_;
                }
                // A completed judgement's line: "type":"judgements","id":"<id>",... "judgement_type_id":"AC"
                constexpr std::string_view marker = "\"type\":\"judgements\",\"id\":\"";
                std::size_t pos = 0;
                while ((pos = c->buffer.find(marker, pos)) != std::string::npos) {
                    const auto id_start = pos + marker.size();
                    const auto id_end = c->buffer.find('"', id_start);
                    const auto line_end = c->buffer.find('\n', id_start);
                    if (id_end == std::string::npos || line_end == std::string::npos) {
                        break;
                    }
                    if (c->buffer.substr(pos, line_end - pos).find("\"judgement_type_id\":\"") !=
                        std::string::npos) {
                        std::lock_guard lock(mutex_);
                        arrivals_[c->buffer.substr(id_start, id_end - id_start)].push_back(now);
                    }
                    pos = line_end;
                }
                if (const auto last = c->buffer.rfind('\n'); last != std::string::npos) {
                    c->buffer.erase(0, last + 1);
                }
                read(c);
            });
    }

    net::io_context ioc_;
    std::thread io_;
    unsigned short port_;
    int count_;
    std::int64_t token_;
    std::vector<std::unique_ptr<Client>> clients_;
    std::atomic<int> connected_{0};
    std::atomic<int> failed_{0};
    std::atomic<int> dropped_{0};
    std::mutex mutex_;
    std::map<std::string, std::vector<Clock::time_point>> arrivals_;
};

int watch(const std::string& url, unsigned short port, int count, int judgements) {
    auto db = store::open_store(url, khue::api::contest_api_encoder());
    Clients clients(port, count, db->latest_token());
    clients.start();
    const auto start = Clock::now();
    while (clients.connected() + clients.failed() < count &&
           Clock::now() - start < std::chrono::seconds{120}) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    std::printf("connected %d failed %d in %.1f s\n", clients.connected(), clients.failed(),
                std::chrono::duration<double>(Clock::now() - start).count());
    std::fflush(stdout);
    std::string line;
    std::getline(std::cin, line);  // the script measures the server while they are connected and idle

    std::mt19937 rng(7);
    std::map<std::string, Clock::time_point> committed;
    for (int i = 0; i < judgements; ++i) {
        store::NewSubmission s;
        s.contest_id = "bench";
        s.team_id = "t" + std::to_string(rng() % 500);
        s.problem_id = std::string(1, static_cast<char>('a' + rng() % 12));
        s.language_id = "cpp";
        s.files = {{"a.cpp", "int main() {}\n"}};
        db->add_submission(s);
        store::ClaimOptions claim;
        claim.owner = "feedbench/0";
        auto job = db->claim_job(claim);
        if (!job) {
            std::fprintf(stderr, "feed_clients: no job to claim\n");
            return 1;
        }
        store::JudgementResult result;
        result.verdict = Verdict::AC;
        db->complete_job(job->lease, result);
        committed[job->lease.judgement_id] = Clock::now();
        std::this_thread::sleep_for(std::chrono::milliseconds{300});
    }
    std::this_thread::sleep_for(std::chrono::seconds{3});
    std::vector<double> delays;
    std::size_t missing = 0;
    for (const auto& [id, at] : committed) {
        const auto got = clients.arrivals(id);
        missing += static_cast<std::size_t>(clients.connected()) -
                   std::min<std::size_t>(got.size(), static_cast<std::size_t>(clients.connected()));
        for (auto t : got) {
            delays.push_back(std::chrono::duration<double, std::milli>(t - at).count());
        }
    }
    std::sort(delays.begin(), delays.end());
    const auto pct = [&](double p) {
        return delays.empty() ? 0.0
                              : delays[static_cast<std::size_t>(p * static_cast<double>(delays.size() - 1))];
    };
    std::printf(
        "event feed: %d clients, %d judgements, %zu deliveries, %zu missing; commit -> arrival ms p50 %.1f "
        "p99 %.1f max %.1f\n",
        clients.connected(), judgements, delays.size(), missing, pct(0.5), pct(0.99),
        delays.empty() ? 0.0 : delays.back());
    std::fflush(stdout);
    clients.stop();
    return missing == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);
    const std::string mode = argc > 1 ? argv[1] : "";
    try {
        if (mode == "watch" && argc == 6) {
            return watch(argv[2], static_cast<unsigned short>(std::stoi(argv[3])), std::stoi(argv[4]),
                         std::stoi(argv[5]));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "feed_clients: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: feed_clients watch DB PORT CLIENTS JUDGEMENTS\n");
    return 2;
}
