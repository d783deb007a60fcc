// Credential checks and per-team submission rate limits. Internal to the server.
#pragma once

#include "app.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace khue::api {

// Remembers verified credentials, so that a page polling with basic auth costs one PBKDF2 per login rather
// than one per request. Keys are SHA-256 digests of "username\0password"; an entry is dropped when the stored
// hash changes or after `ttl`.
class AuthCache {
  public:
    // `throttle` (may be null): failed logins are counted, and refused before any PBKDF2 once throttled.
    explicit AuthCache(store::Store& store, LoginThrottle* throttle = nullptr)
        : store_(store), throttle_(throttle) {}
    std::optional<Principal> check(const std::string& username, const std::string& password,
                                   const std::string& address = {});

  private:
    struct Entry {
        Principal who;
        std::string stored_hash;
        std::chrono::steady_clock::time_point expires;
    };
    store::Store& store_;
    LoginThrottle* throttle_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> verified_;
};

// A token bucket per team: `burst` submissions at once, refilled one per `interval`.
class RateLimiter {
  public:
    RateLimiter(int burst, std::chrono::milliseconds interval) : burst_(burst), interval_(interval) {}
    // True when the team may submit now (and takes a token); otherwise how long until it may.
    bool take(const std::string& team, std::chrono::milliseconds& retry_after);

  private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point updated;
    };
    int burst_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace khue::api
