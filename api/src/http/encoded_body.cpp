#include "http/encoded_body.hpp"

#include "khue/judge/hash.hpp"

#include <zlib.h>

#include <cctype>
#include <stdexcept>

namespace khue::api {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// Calls f(item) for each comma-separated item of a header value, trimmed.
template <class F>
void each_item(std::string_view list, F f) {
    while (!list.empty()) {
        auto comma = list.find(',');
        f(trim(list.substr(0, comma)));
        if (comma == std::string_view::npos) {
            break;
        }
        list.remove_prefix(comma + 1);
    }
}

}  // namespace

EncodedBody::EncodedBody(std::shared_ptr<const std::string> text) : text_(std::move(text)) {
    if (!text_) {
        text_ = std::make_shared<const std::string>();
    }
    const std::string hash = judge::sha256_hex(*text_).substr(0, 24);
    etag_ = "\"" + hash + "\"";
    gzip_etag_ = "\"" + hash + "-gz\"";
}

std::shared_ptr<const std::string> EncodedBody::gzip() const {
    std::call_once(gzip_once_,
                   [this] { gzip_ = std::make_shared<const std::string>(gzip_compress(*text_)); });
    return gzip_;
}

std::string gzip_compress(std::string_view data) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: zlib could not start a stream");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const auto produced = static_cast<std::size_t>(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        throw std::runtime_error("gzip: zlib failed to compress " + std::to_string(data.size()) + " bytes");
    }
    out.resize(produced);
    return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
    bool gzip = false;
    bool any = false;
    bool gzip_named = false;
    each_item(accept_encoding, [&](std::string_view item) {
        auto semi = item.find(';');
        std::string_view coding = trim(item.substr(0, semi));
        bool refused = false;
        if (semi != std::string_view::npos) {
            // "q=0", "q=0.0", "q=0.000": refused; anything else (q=0.5, q=1) accepts.
            std::string_view param = trim(item.substr(semi + 1));
            if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
                std::string_view q = trim(param.substr(2));
                refused = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
            }
        }
        if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
            gzip_named = true;
            gzip = !refused;
        } else if (coding == "*") {
            any = !refused;
        }
    });
    return gzip_named ? gzip : any;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    bool match = false;
    auto strip_weak = [](std::string_view t) { return t.starts_with("W/") ? t.substr(2) : t; };
    each_item(if_none_match, [&](std::string_view item) {
        if (item == "*" || (!item.empty() && strip_weak(item) == strip_weak(etag))) {
            match = true;
        }
    });
    return match;
}

Representation choose_representation(const EncodedBody& body, std::string_view if_none_match,
                                     std::string_view accept_encoding) {
    Representation r;
    // Not worth compressing: a tiny body would not shrink enough to pay for the header.
    r.gzip = body.text()->size() >= 256 && accepts_gzip(accept_encoding);
    r.etag = r.gzip ? body.gzip_etag() : body.etag();
    if (!if_none_match.empty() && etag_matches(if_none_match, r.etag)) {
        r.status = 304;
        return r;
    }
    r.body = r.gzip ? body.gzip() : body.text();
    return r;
}

}  // namespace khue::api
