// A small blocking HTTP/1.1 client over Beast for the API tests: real sockets, real parsing.
#pragma once

#include "khue/api/password.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <string>

namespace khue::test {

struct HttpResult {
    unsigned status = 0;
    std::string body;
    std::string content_type;
    std::string location;
    std::string retry_after;
    std::string etag;
    std::string content_encoding;
    std::string vary;
    std::string content_length;
};

inline HttpResult http_call(unsigned short port, const std::string& method, const std::string& target,
                            const std::string& body = {}, const std::string& content_type = {},
                            const std::string& user = {}, const std::string& password = {},
                            const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    namespace net = boost::asio;
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    stream.expires_after(std::chrono::seconds{30});
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!content_type.empty()) {
        req.set(http::field::content_type, content_type);
    }
    if (!user.empty()) {
        std::string out = khue::api::base64_encode(user + ":" + password);
        req.set(http::field::authorization, "Basic " + out);
    }
    for (const auto& [k, v] : extra) {
        req.set(k, v);
    }
    req.body() = body;
    req.prepare_payload();
    // A server refusing an oversized body may answer before it has read it all: the write can then fail while
    // the answer is already waiting to be read.
    beast::error_code write_ec;
    http::write(stream, req, write_ec);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code ec;
    http::read(stream, buffer, parser, ec);
    HttpResult r;
    if (ec) {
        r.status = 0;
        r.body = ec.message();
        return r;
    }
    auto& res = parser.get();
    r.status = res.result_int();
    r.body = res.body();
    r.content_type = std::string(res[http::field::content_type]);
    r.location = std::string(res[http::field::location]);
    r.retry_after = std::string(res["Retry-After"]);
    r.etag = std::string(res[http::field::etag]);
    r.content_encoding = std::string(res[http::field::content_encoding]);
    r.vary = std::string(res[http::field::vary]);
    r.content_length = std::string(res[http::field::content_length]);
    return r;
}

}  // namespace khue::test
