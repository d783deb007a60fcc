// The scoreboard as a phone polls it: an ETag, 304 Not Modified when nothing changed, a new tag once a
// verdict changes the board, and gzip when asked for (decompressed here with zlib: the very same bytes). Over
// real HTTP (fixture in api_server.hpp).
#include "api_server.hpp"

#include <zlib.h>

using namespace khue::test;

namespace {

std::string gunzip(const std::string& in) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out;
    std::array<char, 16384> chunk{};
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk.data());
        z.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk.data(), chunk.size() - z.avail_out);
    }
    inflateEnd(&z);
    EXPECT_EQ(rc, Z_STREAM_END) << "not a complete gzip stream";
    return out;
}

}  // namespace

class ScoreboardCaching : public ApiServer {
  protected:
    HttpResult board(const std::vector<std::pair<std::string, std::string>>& headers,
                     const std::string& target = "/api/contests/demo/scoreboard") {
        return http_call(port_, "GET", target, {}, {}, {}, {}, headers);
    }
};

TEST_F(ScoreboardCaching, EtagAnswersNotModifiedUntilTheBoardChanges) {
    start(std::chrono::minutes{10});
    auto first = board({});
    ASSERT_EQ(first.status, 200u);
    ASSERT_FALSE(first.etag.empty());
    EXPECT_EQ(first.etag.front(), '"');
    EXPECT_EQ(first.etag.back(), '"');
    EXPECT_EQ(first.vary, "Accept-Encoding");
    EXPECT_TRUE(first.content_encoding.empty());
    // The same bytes, the same tag.
    auto again = board({});
    EXPECT_EQ(again.etag, first.etag);
    EXPECT_EQ(again.body, first.body);

    auto unchanged = board({{"If-None-Match", first.etag}});
    EXPECT_EQ(unchanged.status, 304u);
    EXPECT_TRUE(unchanged.body.empty());
    EXPECT_EQ(unchanged.etag, first.etag);
    // Weak comparison, lists and "*" (RFC 9110 13.1.2).
    EXPECT_EQ(board({{"If-None-Match", "W/" + first.etag}}).status, 304u);
    EXPECT_EQ(board({{"If-None-Match", "\"other\", " + first.etag}}).status, 304u);
    EXPECT_EQ(board({{"If-None-Match", "*"}}).status, 304u);
    EXPECT_EQ(board({{"If-None-Match", "\"other\""}}).status, 200u);

    // A verdict changes the board: the old tag no longer matches, and the answer carries the new bytes.
    submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);
    auto changed = eventually("/api/contests/demo/scoreboard",
                              [](const std::string& b) { return contains(b, "\"num_solved\":1"); });
    ASSERT_NE(changed.etag, first.etag);
    auto after = board({{"If-None-Match", first.etag}});
    EXPECT_EQ(after.status, 200u);
    EXPECT_EQ(after.etag, changed.etag);
    EXPECT_TRUE(contains(after.body, "\"num_solved\":1"));
    EXPECT_EQ(board({{"If-None-Match", changed.etag}}).status, 304u);
}

TEST_F(ScoreboardCaching, GzipCarriesTheSameBytesUnderItsOwnTag) {
    start(std::chrono::minutes{10});
    auto plain = board({});
    ASSERT_EQ(plain.status, 200u);
    auto zipped = board({{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(zipped.status, 200u);
    EXPECT_EQ(zipped.content_encoding, "gzip");
    EXPECT_EQ(zipped.vary, "Accept-Encoding");
    EXPECT_EQ(zipped.content_length, std::to_string(zipped.body.size()));
    EXPECT_EQ(gunzip(zipped.body), plain.body);
    // Another representation, another tag; each revalidates with its own.
    EXPECT_NE(zipped.etag, plain.etag);
    EXPECT_EQ(board({{"Accept-Encoding", "gzip"}, {"If-None-Match", zipped.etag}}).status, 304u);
    EXPECT_EQ(board({{"Accept-Encoding", "gzip"}, {"If-None-Match", plain.etag}}).status, 200u);
    // gzip refused (q=0), or not named: the identity bytes.
    for (const std::string refused : {"gzip;q=0", "identity", "br, gzip;q=0.0", "*;q=0"}) {
        auto r = board({{"Accept-Encoding", refused}});
        EXPECT_TRUE(r.content_encoding.empty()) << refused;
        EXPECT_EQ(r.body, plain.body) << refused;
    }
    auto star = board({{"Accept-Encoding", "*"}});
    EXPECT_EQ(star.content_encoding, "gzip");
    EXPECT_EQ(gunzip(star.body), plain.body);
}

TEST_F(ScoreboardCaching, EachViewAndGroupHasItsOwnTag) {
    start(std::chrono::minutes{10});
    submit_ok("team1", "pw1");
    judge_next(khue::judge::Verdict::AC);
    eventually("/api/contests/demo/scoreboard",
               [](const std::string& b) { return contains(b, "\"num_solved\":1"); });
    auto all = board({});
    auto school = board({}, "/api/contests/demo/scoreboard?group_id=school");
    auto jury = http_call(port_, "GET", "/api/contests/demo/scoreboard", {}, {}, "jury", "jurypw");
    EXPECT_NE(all.etag, school.etag);
    EXPECT_EQ(json::parse(school.body).at("rows").as_array().size(), 1u);
    EXPECT_EQ(json::parse(all.body).at("rows").as_array().size(), 2u);
    ASSERT_EQ(jury.status, 200u);
    EXPECT_FALSE(jury.etag.empty());
    // The public tag is no proof of holding the group's board.
    EXPECT_EQ(board({{"If-None-Match", all.etag}}, "/api/contests/demo/scoreboard?group_id=school").status,
              200u);
    // Many group ids (the cache keeps a bounded number of them) still each get their own board.
    for (int i = 0; i < 100; ++i) {
        auto r = board({}, "/api/contests/demo/scoreboard?group_id=g" + std::to_string(i));
        ASSERT_EQ(r.status, 200u) << r.body;
    }
    auto rebuilt = board({}, "/api/contests/demo/scoreboard?group_id=school");
    EXPECT_EQ(json::parse(rebuilt.body).at("rows"), json::parse(school.body).at("rows"));
}
