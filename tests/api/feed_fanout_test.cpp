// One event reaches many event-feed clients at once, and each sees exactly what its role may see: the public,
// two teams and the jury, several clients of each, connected together (the server shares one answer among
// the clients of one audience; a mix-up would show here as a team reading another's runs). Over real HTTP
// (fixture in api_server.hpp).
#include "api_server.hpp"
#include "feed_client.hpp"

using namespace khue::test;

namespace {

// The submission, judgement and run lines of a feed as received (chunk framing dropped: every chunk holds
// whole lines). The awards the server derives afterwards may still be on their way to some clients.
std::vector<std::string> feed_lines(const std::string& received) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = received.find("{\"type\":", at)) != std::string::npos) {
        auto end = received.find('\n', at);
        if (end == std::string::npos) {
            break;
        }
        auto line = received.substr(at, end - at);
        for (const char* type : {"submissions", "judgements", "runs"}) {
            if (line.starts_with("{\"type\":\"" + std::string(type) + "\"")) {
                out.push_back(line);
            }
        }
        at = end;
    }
    return out;
}

std::size_t count_type(const std::vector<std::string>& lines, const std::string& type) {
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
        return l.starts_with("{\"type\":\"" + type + "\"");
    }));
}

bool has_verdict(const std::vector<std::string>& lines, const std::string& submission) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
        return l.starts_with("{\"type\":\"judgements\"") &&
               contains(l, "\"submission_id\":\"" + submission + "\"") &&
               contains(l, "\"judgement_type_id\":\"AC\"");
    });
}

class FeedFanOut : public ApiServer {
  protected:
    static constexpr int kEach = 8;
    // kEach streaming clients per audience, connected from the current end of the log.
    void connect() {
        auto token = std::to_string(db_->latest_token());
        const std::string target = "/api/contests/demo/event-feed?since_token=" + token;
        for (int i = 0; i < kEach; ++i) {
            pub_.push_back(std::make_unique<FeedClient>(port_, target));
            team1_.push_back(std::make_unique<FeedClient>(port_, target, "team1", "pw1"));
            team2_.push_back(std::make_unique<FeedClient>(port_, target, "team2", "pw2"));
            jury_.push_back(std::make_unique<FeedClient>(port_, target, "jury", "jurypw"));
        }
        for (auto* group : {&pub_, &team1_, &team2_, &jury_}) {
            for (auto& c : *group) {
                ASSERT_TRUE(c->wait_for("200 OK", std::chrono::seconds{10}));
            }
        }
    }
    // The lines every client of `group` received, after checking they all received the same ones.
    static std::vector<std::string> same_lines(std::vector<std::unique_ptr<FeedClient>>& group,
                                               const std::string& name) {
        auto first = feed_lines(group.front()->drain(std::chrono::milliseconds{0}));
        for (auto& c : group) {
            EXPECT_EQ(feed_lines(c->drain(std::chrono::milliseconds{0})), first) << name;
        }
        return first;
    }
    std::vector<std::unique_ptr<FeedClient>> pub_, team1_, team2_, jury_;
};

}  // namespace

TEST_F(FeedFanOut, EachAudienceSeesItsOwnLinesAndAllOfThem) {
    start(std::chrono::minutes{10});
    connect();
    const std::string id = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);  // a sample run and a secret run
    const std::string verdict = "\"judgement_type_id\":\"AC\"";
    for (auto* group : {&pub_, &team1_, &team2_, &jury_}) {
        for (auto& c : *group) {
            ASSERT_TRUE(c->wait_for(verdict, std::chrono::seconds{20}));
        }
    }
    pub_.front()->drain(std::chrono::milliseconds{300});
    auto pub = same_lines(pub_, "public");
    auto team1 = same_lines(team1_, "team1");
    auto team2 = same_lines(team2_, "team2");
    auto jury = same_lines(jury_, "jury");
    for (const auto* lines : {&pub, &team1, &team2, &jury}) {
        EXPECT_TRUE(has_verdict(*lines, id));
        EXPECT_EQ(count_type(*lines, "submissions"), 1u);
    }
    EXPECT_EQ(count_type(pub, "runs"), 0u);
    EXPECT_EQ(count_type(team2, "runs"), 0u);
    EXPECT_EQ(count_type(team1, "runs"), 1u);  // its sample run; the secret one stays with the jury
    EXPECT_EQ(count_type(jury, "runs"), 2u);
}

TEST_F(FeedFanOut, DuringTheFreezeOnlyTheTeamAndTheJuryGetTheVerdict) {
    start(std::chrono::minutes{250});  // 4 h 10 min into a 5-hour contest with a 1-hour freeze
    connect();
    const std::string id = submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);
    const std::string verdict = "\"judgement_type_id\":\"AC\"";
    for (auto* group : {&team1_, &jury_}) {
        for (auto& c : *group) {
            ASSERT_TRUE(c->wait_for(verdict, std::chrono::seconds{20}));
        }
    }
    // The public and the other team got the submission (it came first), never its verdict.
    for (auto* group : {&pub_, &team2_}) {
        for (auto& c : *group) {
            ASSERT_TRUE(c->wait_for("\"type\":\"submissions\"", std::chrono::seconds{20}));
        }
    }
    pub_.front()->drain(std::chrono::milliseconds{500});
    auto pub = same_lines(pub_, "public");
    auto team1 = same_lines(team1_, "team1");
    auto team2 = same_lines(team2_, "team2");
    auto jury = same_lines(jury_, "jury");
    EXPECT_FALSE(has_verdict(pub, id));
    EXPECT_FALSE(has_verdict(team2, id));
    EXPECT_TRUE(has_verdict(team1, id));
    EXPECT_TRUE(has_verdict(jury, id));
}

// A client that stops reading is dropped once a write to it has waited feed_write_timeout, and meanwhile
// the others keep receiving. Small send and receive buffers make the stall come after a few kilobytes.
TEST_F(FeedFanOut, AStalledClientIsDroppedWithoutHoldingBackTheOthers) {
    tweak_options_ = [](ServerOptions& o) {
        o.feed_write_timeout = std::chrono::seconds{1};
        o.feed_send_buffer = 4096;
    };
    start(std::chrono::minutes{10});
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::socket stalled(ioc);
    stalled.open(net::ip::tcp::v4());
    stalled.set_option(net::socket_base::receive_buffer_size(2048));
    stalled.connect({net::ip::make_address("127.0.0.1"), port_});
    const std::string request = "GET /api/contests/demo/event-feed HTTP/1.1\r\nHost: x\r\n\r\n";
    net::write(stalled, net::buffer(request));
    FeedClient reader(port_, "/api/contests/demo/event-feed");
    ASSERT_TRUE(reader.wait_for("200 OK", std::chrono::seconds{10}));
    auto feed_clients = [&] {
        auto metrics = get("/metrics").body;
        auto at = metrics.find("\nkhue_event_feed_clients ");
        return at == std::string::npos ? -1 : std::stoi(metrics.substr(at + 25));
    };
    for (int i = 0; i < 200 && feed_clients() != 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    ASSERT_EQ(feed_clients(), 2);
    // Far more than the stalled connection's buffers hold: every submission is a few lines on the feed.
    std::vector<std::string> ids;
    for (int i = 0; i < 80 && feed_clients() == 2; ++i) {
        ids.push_back(submit_ok(i % 2 == 0 ? "team1" : "team2", i % 2 == 0 ? "pw1" : "pw2"));
    }
    for (const auto& id : ids) {
        EXPECT_TRUE(reader.wait_for("\"id\":\"" + id + "\"", std::chrono::seconds{20})) << id;
    }
    // The stalled client goes; the reader stays and still gets what comes next.
    for (int i = 0; i < 200 && feed_clients() != 1; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    EXPECT_EQ(feed_clients(), 1);
    const std::string last = submit_ok("team1", "pw1");
    EXPECT_TRUE(reader.wait_for("\"id\":\"" + last + "\"", std::chrono::seconds{20}));
    // What the stalled client gets, when it finally reads, ends with the connection closed.
    boost::system::error_code ec;
    std::array<char, 4096> chunk{};
    while (!ec) {
        stalled.read_some(net::buffer(chunk), ec);
    }
    EXPECT_TRUE(ec == net::error::eof || ec == net::error::connection_reset) << ec.message();
}
