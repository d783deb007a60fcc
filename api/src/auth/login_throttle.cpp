#include "auth/login_throttle.hpp"

#include <algorithm>
#include <cmath>

namespace khue::api {

void LoginThrottle::refill(Bucket& b, double burst, std::chrono::milliseconds interval,
                           std::chrono::steady_clock::time_point now) const {
    const double gained = std::chrono::duration<double>(now - b.updated) / interval;
    b.tokens = std::min(burst, b.tokens + gained);
    b.updated = now;
}

std::optional<std::chrono::seconds> LoginThrottle::wait_for(std::unordered_map<std::string, Bucket>& map,
                                                            const std::string& key, double burst,
                                                            std::chrono::milliseconds interval,
                                                            std::chrono::steady_clock::time_point now) {
    auto it = map.find(key);
    if (it == map.end()) {
        return std::nullopt;
    }
    refill(it->second, burst, interval, now);
    if (it->second.tokens >= 1.0) {
        if (it->second.tokens >= burst) {
            map.erase(it);  // fully recovered: forget it, so the maps hold only recent offenders
        }
        return std::nullopt;
    }
    const double ms = (1.0 - it->second.tokens) * static_cast<double>(interval.count());
    return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(ms / 1000.0))));
}

std::optional<std::chrono::seconds> LoginThrottle::blocked(const std::string& username,
                                                           const std::string& address) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto account = wait_for(accounts_, username, options_.account_burst, options_.account_refill, now);
    auto from = wait_for(addresses_, address, options_.address_burst, options_.address_refill, now);
    if (account && from) {
        return std::max(*account, *from);
    }
    return account ? account : from;
}

void LoginThrottle::failed(const std::string& username, const std::string& address) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    // Bounded memory: a flood of distinct names or addresses only resets the counts.
    for (auto* map : {&accounts_, &addresses_}) {
        if (map->size() > 100'000) {
            map->clear();
        }
    }
    auto take = [&](std::unordered_map<std::string, Bucket>& map, const std::string& key, double burst,
                    std::chrono::milliseconds interval) {
        auto [it, fresh] = map.try_emplace(key, Bucket{burst, now});
        if (!fresh) {
            refill(it->second, burst, interval, now);
        }
        it->second.tokens = std::max(0.0, it->second.tokens - 1.0);
    };
    take(accounts_, username, options_.account_burst, options_.account_refill);
    take(addresses_, address, options_.address_burst, options_.address_refill);
}

}  // namespace khue::api
