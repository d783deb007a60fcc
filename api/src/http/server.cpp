// Connections: the Beast "advanced server" shape. Sessions own lifetime, limits and timeouts; they turn a
// Beast request into a plain Request, call handle(), and write the Response — or, for the event feed, keep
// the connection and stream chunks as the store's event log grows.
#include "app.hpp"
#include "auth/auth.hpp"
#include "auth/login_throttle.hpp"
#include "handlers/test_runs.hpp"
#include "http/descriptor_limit.hpp"
#include "http/encoded_body.hpp"
#include "server/package_verifier.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <list>
#include <thread>

namespace khue::api {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

App::App(store::Store& store, ServerOptions opts)
    : options(std::move(opts)),
      contests(store, options.contest_id),
      login_throttle(std::make_unique<LoginThrottle>()),
      auth(std::make_unique<AuthCache>(store, login_throttle.get())),
      rate(std::make_unique<RateLimiter>(options.submit_burst, options.submit_interval)),
      verifier(std::make_unique<PackageVerifier>()),
      test_runs(std::make_unique<TestRuns>()) {}

App::~App() = default;

struct Server::Impl {
    App app;
    net::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::vector<std::thread> threads;
    bool running = false;
    unsigned short bound_port = 0;

    class Session;
    std::mutex feeds_mutex;
    std::list<std::weak_ptr<Session>> feeds;

    Impl(store::Store& store, ServerOptions options) : app(store, std::move(options)) {}

    void accept();
    void broadcast();
};

class Server::Impl::Session : public std::enable_shared_from_this<Server::Impl::Session> {
  public:
    Session(tcp::socket socket, Impl& impl)
        : stream_(std::move(socket)), impl_(impl), timer_(stream_.get_executor()) {
        ++impl_.app.metrics.connections;
    }
    ~Session() {
        --impl_.app.metrics.connections;
        if (feed_) {
            --impl_.app.metrics.feed_clients;
        }
    }

    void run() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
    }

    // From any thread: the event log grew.
    // At most one wake is queued per client: with 10,000 clients, a burst of commits would otherwise queue
    // 10,000 handlers per commit, most of which find nothing new.
    void post_wake() {
        if (wake_queued_.exchange(true)) {
            return;
        }
        net::post(stream_.get_executor(), [self = shared_from_this()] {
            self->wake_queued_ = false;
            self->wake();
        });
    }

    // On this session's strand.
    void wake() {
        if (feed_ && !writing_ && !closed_) {
            pump();
        }
    }

  private:
    void read_header() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(impl_.app.options.max_header.count()));
        parser_->body_limit(impl_.app.options.max_body.count());
        stream_.expires_after(impl_.app.options.idle_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
    }

    void on_header(beast::error_code ec) {
        if (ec) {
            return fail_read(ec);
        }
        auto& req = parser_->get();
        // Problem packages are the one large upload; everything else keeps the small limit.
        if (req.method() == http::verb::post &&
            (req.target().ends_with("/problems") || req.target() == "/api/contests")) {
            parser_->body_limit(impl_.app.options.max_upload.count());
        }
        if (beast::iequals(req[http::field::expect], "100-continue")) {
            static const std::string go_on = "HTTP/1.1 100 Continue\r\n\r\n";
            net::async_write(stream_, net::buffer(go_on),
                             [self = shared_from_this()](beast::error_code e, std::size_t) {
                                 if (e) {
                                     return self->close();
                                 }
                                 self->read_body();
                             });
            return;
        }
        read_body();
    }

    void read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) {
                                 return self->fail_read(ec);
                             }
                             self->on_request();
                         });
    }

    void fail_read(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
            ec == net::error::connection_reset || ec == net::error::operation_aborted) {
            return close();
        }
        unsigned status = 400;
        std::string message = "malformed HTTP request: " + ec.message();
        if (ec == http::error::header_limit) {
            status = 431;
            message = "request headers are too large";
        } else if (ec == http::error::body_limit) {
            status = 413;
            message = "request body is too large";
        }
        if (ec.category() != http::make_error_code(http::error::bad_target).category()) {
            return close();
        }
        keep_alive_ = false;
        lingering_ = true;
        send(error_response(status, message), false);
    }

    // After refusing a request whose body is still arriving, closing at once would reset the connection and
    // the client might never read the answer: stop sending, drain what comes for a few seconds, then close.
    void linger_close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(std::chrono::seconds{5});
        drain();
    }

    void drain() {
        if (!discard_) {
            discard_ = std::make_unique<std::array<char, 16384>>();
        }
        stream_.async_read_some(net::buffer(*discard_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) {
                                        return self->close();
                                    }
                                    self->drain();
                                });
    }

    // The peer's address; behind a reverse proxy on this host, the last X-Forwarded-For hop (the address
    // the proxy saw), so that failed logins are throttled per client rather than per proxy.
    std::string client_address(std::string_view forwarded) {
        // Asked of the kernel once per connection, not once per request (a getpeername per request was a
        // third of the scoreboard's system calls).
        if (!peer_) {
            beast::error_code ec;
            const auto peer = stream_.socket().remote_endpoint(ec);
            if (ec) {
                return {};
            }
            peer_ = peer.address();
        }
        if (peer_->is_loopback() && !forwarded.empty()) {
            auto last = forwarded.substr(
                forwarded.rfind(',') == std::string_view::npos ? 0 : forwarded.rfind(',') + 1);
            while (!last.empty() && last.front() == ' ') {
                last.remove_prefix(1);
            }
            return std::string(last.substr(0, 64));
        }
        return peer_->to_string();
    }

    void on_request() {
        auto& req = parser_->get();
        keep_alive_ = req.keep_alive();
        Request r;
        r.method = std::string(req.method_string());
        r.target = std::string(req.target());
        r.authorization = std::string(req[http::field::authorization]);
        r.content_type = std::string(req[http::field::content_type]);
        r.remote_address = client_address(req["X-Forwarded-For"]);
        r.body = std::move(req.body());
        bool head = req.method() == http::verb::head;
        Response response;
        if (!parse_target(r.target, r)) {
            response = error_response(400, "malformed request target");
        } else {
            try {
                response = handle(impl_.app, r);
            } catch (const std::exception& e) {
                spdlog::error("{} {}: {}", r.method, r.path, e.what());
                response = error_response(500, "internal error; the server log has details");
            }
        }
        if (response.status == 401 && !req["X-Requested-With"].empty()) {
            // A web page's script (api.js sends X-Requested-With) shows its own "wrong username or password":
            // a Basic challenge would make the browser open its own login dialog over the page instead.
            std::erase_if(response.headers, [](const auto& h) { return h.first == "WWW-Authenticate"; });
        }
        if (response.encoded && response.status == 200) {
            represent(response, req[http::field::if_none_match], req[http::field::accept_encoding]);
        }
        spdlog::debug("{} {} -> {}", r.method, r.target, response.status);
        if (response.feed && !head) {
            return start_feed(std::move(*response.feed));
        }
        send(std::move(response), head);
    }

    // A body encoded once (the scoreboard): 304 when the client holds it, gzip when it takes gzip.
    static void represent(Response& response, std::string_view if_none_match,
                          std::string_view accept_encoding) {
        auto chosen = choose_representation(*response.encoded, if_none_match, accept_encoding);
        response.status = chosen.status;
        response.body = std::move(chosen.body);
        response.headers.emplace_back("ETag", chosen.etag);
        response.headers.emplace_back("Vary", "Accept-Encoding");
        // Revalidate every time (the scoreboard changes with every judgement): a 304 costs a header.
        response.headers.emplace_back("Cache-Control", "no-cache");
        if (chosen.gzip) {
            response.headers.emplace_back("Content-Encoding", "gzip");
        }
    }

    void send(Response response, bool head) {
        impl_.app.metrics.count(response.status);
        body_ = response.body ? response.body : std::make_shared<const std::string>();
        auto res = std::make_shared<http::response<http::span_body<const char>>>();
        res->version(11);
        res->result(static_cast<http::status>(response.status));
        res->set(http::field::server, "khue");
        res->set(http::field::content_type, response.content_type);
        for (const auto& [k, v] : response.headers) {
            res->set(k, v);
        }
        res->keep_alive(keep_alive_);
        if (response.status == 304) {
            // No body and no Content-Length: the client keeps what it has.
        } else if (head) {
            res->content_length(body_->size());
        } else {
            res->body() = boost::span<const char>(body_->data(), body_->size());
            res->prepare_payload();
        }
        stream_.expires_after(impl_.app.options.idle_timeout);
        http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
            if (!ec && self->lingering_) {
                return self->linger_close();
            }
            if (ec || !self->keep_alive_) {
                return self->close();
            }
            self->body_.reset();
            self->read_header();
        });
    }

    // ---- event feed
    void start_feed(FeedStream feed) {
        impl_.app.metrics.count(200);
        feed_ = std::move(feed);
        ++impl_.app.metrics.feed_clients;
        // A feed client sends nothing more: what reading its request took is given back (an idle client
        // then holds little more than its socket and its place in the feed list).
        parser_.reset();
        buffer_ = beast::flat_buffer{};
        body_.reset();
        token_ = feed_->since_token;
        stream_.expires_never();
        if (impl_.app.options.feed_send_buffer > 0) {
            beast::error_code ignored;
            stream_.socket().set_option(
                net::socket_base::send_buffer_size(static_cast<int>(impl_.app.options.feed_send_buffer)),
                ignored);
        }
        {
            std::lock_guard lock(impl_.feeds_mutex);
            impl_.feeds.push_back(weak_from_this());
        }
        static const std::string header =
            "HTTP/1.1 200 OK\r\nServer: khue\r\nContent-Type: application/x-ndjson\r\n"
            "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\nX-Accel-Buffering: no\r\n"
            "Connection: close\r\n\r\n";
        writing_ = true;
        last_write_ = std::chrono::steady_clock::now();
        net::async_write(stream_, net::buffer(header),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->writing_ = false;
                             if (ec) {
                                 return self->close();
                             }
                             self->watch_peer();
                             self->arm_keepalive();
                             self->pump();
                         });
    }

    // A feed client sends nothing more; a read that completes means it went away (or misbehaves).
    void watch_peer() {
        stream_.socket().async_wait(tcp::socket::wait_read,
                                    [self = shared_from_this()](beast::error_code) { self->close(); });
    }

    void arm_keepalive() {
        timer_.expires_after(impl_.app.options.feed_keepalive / 2);
        timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || self->closed_) {
                return;
            }
            if (!self->writing_ && std::chrono::steady_clock::now() - self->last_write_ >=
                                       self->impl_.app.options.feed_keepalive / 2) {
                static const std::string empty_line = "1\r\n\n\r\n";
                self->write_raw({net::buffer(empty_line)}, {});
            }
            self->arm_keepalive();
        });
    }

    void pump() {
        std::int64_t last = token_;
        auto lines = feed_->service->lines_since(token_, feed_->who, feed_->types, last, 1000);
        token_ = last;
        if (lines.empty()) {
            if (!feed_->stream) {
                static const std::string end = "0\r\n\r\n";
                keep_alive_ = false;
                write_raw({net::buffer(end)}, {}, true);
            }
            return;
        }
        std::size_t size = 0;
        for (const auto& l : lines) {
            size += l->size();
        }
        char hex[32];
        int n = std::snprintf(hex, sizeof hex, "%zx\r\n", size);
        chunk_head_.assign(hex, static_cast<std::size_t>(n));
        std::vector<net::const_buffer> buffers;
        buffers.reserve(lines.size() + 2);
        buffers.push_back(net::buffer(chunk_head_));
        for (const auto& l : lines) {
            buffers.push_back(net::buffer(*l));
        }
        static const std::string crlf = "\r\n";
        buffers.push_back(net::buffer(crlf));
        impl_.app.metrics.feed_lines_sent += lines.size();
        write_raw(std::move(buffers), std::move(lines));
    }

    void write_raw(std::vector<net::const_buffer> buffers,
                   std::vector<std::shared_ptr<const std::string>> keep, bool last = false) {
        writing_ = true;
        pinned_ = std::move(keep);
        last_write_ = std::chrono::steady_clock::now();
        // A client that does not read (a minute by default) is dropped rather than buffered for.
        stream_.expires_after(impl_.app.options.feed_write_timeout);
        net::async_write(stream_, buffers,
                         [self = shared_from_this(), last](beast::error_code ec, std::size_t) {
                             self->writing_ = false;
                             self->pinned_.clear();
                             self->stream_.expires_never();
                             if (ec || last) {
                                 return self->close();
                             }
                             self->pump();
                         });
    }

    void close() {
        if (closed_) {
            return;
        }
        closed_ = true;
        timer_.cancel();
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    Impl& impl_;
    net::steady_timer timer_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<const std::string> body_;
    std::optional<net::ip::address> peer_;  // the peer's address, once asked
    bool keep_alive_ = true;
    bool closed_ = false;
    bool lingering_ = false;
    // Only a lingering close reads (and throws away) what the client still sends: allocated then.
    std::unique_ptr<std::array<char, 16384>> discard_;
    // feed state
    std::optional<FeedStream> feed_;
    std::int64_t token_ = 0;
    bool writing_ = false;
    std::string chunk_head_;
    std::vector<std::shared_ptr<const std::string>> pinned_;
    std::chrono::steady_clock::time_point last_write_;
    std::atomic<bool> wake_queued_{false};
};

void Server::Impl::accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) {
            return;
        }
        if (!ec) {
            if (app.metrics.connections.load() >= static_cast<std::int64_t>(app.options.max_connections)) {
                // Over the limit: refuse at once rather than let a flood hold memory.
                static const std::string busy =
                    "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                beast::error_code ignored;
                net::write(socket, net::buffer(busy), ignored);
                socket.close(ignored);
                app.metrics.count(503);
            } else {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Session>(std::move(socket), *this)->run();
            }
        }
        accept();
    });
}

void Server::Impl::broadcast() {
    std::lock_guard lock(feeds_mutex);
    for (auto it = feeds.begin(); it != feeds.end();) {
        if (auto session = it->lock()) {
            session->post_wake();
            ++it;
        } else {
            it = feeds.erase(it);
        }
    }
}

Server::Server(store::Store& store, ServerOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

Server::~Server() {
    stop();
}

void Server::start() {
    if (impl_->running) {
        return;
    }
    impl_->app.options.max_connections =
        fit_connections_to_descriptor_limit(impl_->app.options.max_connections);
    auto address = net::ip::make_address(impl_->app.options.host);
    tcp::endpoint endpoint{address, impl_->app.options.port};
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(net::socket_base::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(net::socket_base::max_listen_connections);
    impl_->bound_port = impl_->acceptor.local_endpoint().port();
    impl_->app.contests.start([impl = impl_.get()] { impl->broadcast(); });
    impl_->accept();
    impl_->running = true;
    int threads = std::max(1, impl_->app.options.threads);
    for (int i = 0; i < threads; ++i) {
        impl_->threads.emplace_back([impl = impl_.get()] {
            for (;;) {
                try {
                    impl->ioc.run();
                    return;
                } catch (const std::exception& e) {
                    spdlog::error("server thread: {}", e.what());
                }
            }
        });
    }
}

unsigned short Server::port() const {
    return impl_->bound_port;
}

void Server::stop() {
    if (!impl_ || !impl_->running) {
        return;
    }
    impl_->running = false;
    net::post(impl_->ioc, [impl = impl_.get()] {
        beast::error_code ec;
        impl->acceptor.close(ec);
    });
    impl_->app.contests.stop();
    impl_->ioc.stop();
    for (auto& t : impl_->threads) {
        t.join();
    }
    impl_->threads.clear();
}

unsigned answer_raw_request(Server& server, std::string_view bytes) {
    return server.answer_raw(bytes);
}

unsigned Server::answer_raw(std::string_view bytes) {
    App& app = impl_->app;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(app.options.max_header.count()));
    parser.body_limit(app.options.max_body.count());
    parser.eager(true);
    beast::error_code ec;
    std::size_t used = parser.put(net::buffer(bytes.data(), bytes.size()), ec);
    (void)used;
    if (ec == http::error::need_more || (!ec && !parser.is_done())) {
        if (!parser.got_some()) {
            return 400;  // nothing at all: put_eof's precondition (Beast asserts it) does not hold
        }
        parser.put_eof(ec);
    }
    if (ec == http::error::header_limit) {
        return 431;
    }
    if (ec == http::error::body_limit) {
        return 413;
    }
    if (ec || !parser.is_done()) {
        return 400;
    }
    auto& req = parser.get();
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.authorization = std::string(req[http::field::authorization]);
    r.content_type = std::string(req[http::field::content_type]);
    r.body = std::move(req.body());
    if (!parse_target(r.target, r)) {
        return 400;
    }
    try {
        return handle(app, r).status;
    } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", r.method, r.path, e.what());
        return 500;
    }
}

void Server::add_metrics_source(std::function<std::string()> source) {
    impl_->app.metrics.sources.push_back(std::move(source));
}

}  // namespace khue::api
