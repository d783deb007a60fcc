// Throttling of failed logins. Each wrong password costs a PBKDF2 (~15 ms of CPU), so a flood of them slows
// every page. Failures are counted per account and per client address in token buckets; once a bucket is
// empty, further attempts on that account or from that address are refused before any PBKDF2 with 429 and
// Retry-After (seconds until a new attempt is allowed). Lockouts are short by construction: a bucket refills
// continuously (an account regains an attempt every couple of seconds), and credentials the server has
// already verified (AuthCache) are never throttled, so a logged-in team keeps working while someone hammers
// its account. Internal to the server.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace khue::api {

struct LoginThrottleOptions {
    double account_burst = 10;                       // failures in a row an account absorbs
    std::chrono::milliseconds account_refill{2000};  // one more allowed failure per this long
    double address_burst = 30;                       // an address may be a NAT shared by many teams: generous
    std::chrono::milliseconds address_refill{500};
};

class LoginThrottle {
  public:
    explicit LoginThrottle(LoginThrottleOptions options = {}) : options_(options) {}
    // How long `username` from `address` must wait before its credentials are even checked; nullopt: go on.
    std::optional<std::chrono::seconds> blocked(const std::string& username, const std::string& address);
    // Records a wrong password (or unknown user) for both keys.
    void failed(const std::string& username, const std::string& address);

  private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point updated;
    };
    void refill(Bucket& b, double burst, std::chrono::milliseconds interval,
                std::chrono::steady_clock::time_point now) const;
    std::optional<std::chrono::seconds> wait_for(std::unordered_map<std::string, Bucket>& map,
                                                 const std::string& key, double burst,
                                                 std::chrono::milliseconds interval,
                                                 std::chrono::steady_clock::time_point now);
    LoginThrottleOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> accounts_;
    std::unordered_map<std::string, Bucket> addresses_;
};

}  // namespace khue::api
