// The request target (origin form: /path?query), parsed and percent-decoded by Boost.URL.
#include "app.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace khue::api {

namespace {

constexpr std::size_t kMaxParams = 64;

}  // namespace

bool parse_target(std::string_view target, Request& r) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) {
        return false;  // a broken percent escape or a character a URL cannot hold
    }
    const boost::urls::url_view& url = *parsed;
    r.path = url.path();  // decoded; "%2f" becomes '/', checked by whoever maps paths to files
    if (r.path.empty() || r.path.front() != '/' || r.path.find('\0') != std::string::npos) {
        return false;
    }
    r.query.clear();
    for (const auto& param : url.params()) {  // decoded, '+' as a space
        if (r.query.size() >= kMaxParams) {
            break;
        }
        if (param.key.empty() && !param.has_value) {
            continue;
        }
        if (param.key.find('\0') != std::string::npos || param.value.find('\0') != std::string::npos) {
            return false;
        }
        r.query.emplace_back(param.key, param.value);
    }
    return true;
}

}  // namespace khue::api
