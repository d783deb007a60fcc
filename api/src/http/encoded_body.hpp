// A response body encoded once and served many times (the scoreboard): its strong ETag, a hash of its bytes,
// and its gzip form, compressed on first demand. The session answers If-None-Match with 304 and
// Accept-Encoding: gzip with the compressed bytes (choose_representation), so a phone polling an unchanged
// scoreboard costs a header, and a changed one a fifth of the bytes.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace khue::api {

class EncodedBody {
  public:
    explicit EncodedBody(std::shared_ptr<const std::string> text);

    const std::shared_ptr<const std::string>& text() const { return text_; }
    // A quoted strong entity tag of the identity bytes, e.g. "\"3f2a...\"".
    const std::string& etag() const { return etag_; }
    // The gzip form's tag: the identity tag with "-gz" inside the quotes (a different representation).
    const std::string& gzip_etag() const { return gzip_etag_; }
    // The gzip (RFC 1952) form of text(); made once, by the first caller, from any thread.
    std::shared_ptr<const std::string> gzip() const;

  private:
    std::shared_ptr<const std::string> text_;
    std::string etag_;
    std::string gzip_etag_;
    mutable std::once_flag gzip_once_;
    mutable std::shared_ptr<const std::string> gzip_;
};

// The gzip (RFC 1952) form of `data`, zlib's default level. Throws std::runtime_error when zlib fails.
std::string gzip_compress(std::string_view data);

// Whether an Accept-Encoding header value accepts gzip (or "*") with a q-value above 0.
bool accepts_gzip(std::string_view accept_encoding);

// Whether an If-None-Match header value ("*" or a comma-separated list of entity tags, weak or strong)
// matches `etag` under the weak comparison RFC 9110 13.1.2 prescribes for If-None-Match.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// What to send for a request carrying these two headers.
struct Representation {
    unsigned status = 200;                    // 200, or 304 (Not Modified): no body
    std::shared_ptr<const std::string> body;  // the identity or the gzip bytes; null for 304
    bool gzip = false;                        // Content-Encoding: gzip
    std::string etag;                         // of the chosen representation
};
Representation choose_representation(const EncodedBody& body, std::string_view if_none_match,
                                     std::string_view accept_encoding);

}  // namespace khue::api
