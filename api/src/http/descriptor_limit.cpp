#include "http/descriptor_limit.hpp"

#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <algorithm>
#include <limits>

namespace khue::api {

// Thousands of event-feed clients need thousands of descriptors: the soft limit is raised to the hard one.
// Returns the number of connections to allow: max_connections when set (0: automatic, kDefaultConnections or
// what the limit allows, whichever is less), never more than the limit allows, so that a client over it gets
// a 503 rather than an accept() that fails. The log says which, with numbers; a warning only when an explicit
// --max-connections does not fit, or when the limit is too low for even the automatic choice's floor.
std::size_t fit_connections_to_descriptor_limit(std::size_t max_connections) {
    constexpr std::size_t kDefaultConnections = 20'000;
    constexpr std::size_t kFewConnections = 1'000;  // below this, a contest's audience will not fit
    constexpr rlim_t kReserve = 256;                // the listening socket, store connections, logs, packages
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return max_connections != 0 ? max_connections : kDefaultConnections;
    }
    const rlim_t before = limit.rlim_cur;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
            limit.rlim_cur = before;
        }
    }
    const std::size_t allowed = limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<std::size_t>::max()
                                : limit.rlim_cur > kReserve
                                    ? static_cast<std::size_t>(limit.rlim_cur - kReserve)
                                    : 0;
    if (max_connections != 0) {
        if (max_connections <= allowed) {
            spdlog::info("open-file limit (RLIMIT_NOFILE): {} (was {}), enough for --max-connections {}",
                         limit.rlim_cur, before, max_connections);
            return max_connections;
        }
        spdlog::warn(
            "--max-connections {} needs an open-file limit (RLIMIT_NOFILE) of {}, but the hard limit is {}: "
            "serving at most {} connections (more get 503); raise LimitNOFILE= in the systemd unit or "
            "`ulimit -Hn`, or lower --max-connections",
            max_connections, max_connections + kReserve, limit.rlim_max, allowed);
        return std::max<std::size_t>(allowed, 1);
    }
    const std::size_t chosen = std::min(kDefaultConnections, allowed);
    if (chosen < kFewConnections) {
        spdlog::warn(
            "the open-file limit (RLIMIT_NOFILE, hard limit {}) allows only {} connections "
            "(--max-connections "
            "is automatic: {} or what the limit allows, less {} reserved); raise LimitNOFILE= in the systemd "
            "unit or `ulimit -Hn`",
            limit.rlim_max, chosen, kDefaultConnections, kReserve);
        return std::max<std::size_t>(chosen, 1);
    }
    spdlog::info("serving up to {} connections (--max-connections automatic; open-file limit {}, was {})",
                 chosen, limit.rlim_cur, before);
    return chosen;
}

}  // namespace khue::api
