// An open event-feed connection for the API tests that collects what the server sends, without ever timing
// out the socket (a Beast timeout would close it): it reads only what has arrived.
#pragma once

#include "khue/api/password.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace khue::test {

class FeedClient {
  public:
    // `user` and `password`, when given, are sent as Basic authorization.
    FeedClient(unsigned short port, const std::string& target, const std::string& user = {},
               const std::string& password = {})
        : socket_(ioc_) {
        namespace net = boost::asio;
        socket_.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        std::string request = "GET " + target + " HTTP/1.1\r\nHost: x\r\n";
        if (!user.empty()) {
            request += "Authorization: Basic " + khue::api::base64_encode(user + ":" + password) + "\r\n";
        }
        request += "\r\n";
        net::write(socket_, net::buffer(request));
    }
    // Everything received so far, after waiting `quiet` for more.
    const std::string& drain(std::chrono::milliseconds quiet) {
        auto until = std::chrono::steady_clock::now() + quiet;
        while (std::chrono::steady_clock::now() < until) {
            pull();
            std::this_thread::sleep_for(std::chrono::milliseconds{20});
        }
        return received_;
    }
    bool wait_for(const std::string& part, std::chrono::seconds timeout) {
        auto until = std::chrono::steady_clock::now() + timeout;
        while (received_.find(part) == std::string::npos && std::chrono::steady_clock::now() < until) {
            pull();
            std::this_thread::sleep_for(std::chrono::milliseconds{20});
        }
        return received_.find(part) != std::string::npos;
    }
    const std::string& received() const { return received_; }
    // Whether the server has closed the connection (read everything it sent, then end of stream).
    bool closed_by_server(std::chrono::seconds timeout) {
        auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            boost::system::error_code ec;
            pull(ec);
            if (ec) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{20});
        }
        return false;
    }
    boost::asio::ip::tcp::socket& socket() { return socket_; }

  private:
    void pull() {
        boost::system::error_code ec;
        pull(ec);
    }
    void pull(boost::system::error_code& ec) {
        std::size_t n = socket_.available(ec);
        if (!ec && n == 0) {
            // available() cannot tell an idle socket from a closed one: peek without blocking.
            socket_.non_blocking(true);
            char byte = 0;
            socket_.receive(boost::asio::buffer(&byte, 1), boost::asio::socket_base::message_peek, ec);
            socket_.non_blocking(false);
            if (ec == boost::asio::error::would_block) {
                ec = {};
                return;
            }
            if (ec) {
                return;
            }
            n = socket_.available(ec);
        }
        while (!ec && n > 0) {
            std::string chunk(n, '\0');
            std::size_t got = socket_.read_some(boost::asio::buffer(chunk), ec);
            received_.append(chunk, 0, got);
            n = socket_.available(ec);
        }
    }
    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::socket socket_;
    std::string received_;
};

}  // namespace khue::test
