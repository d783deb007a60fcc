#include "auth/auth.hpp"

#include "khue/api/password.hpp"
#include "khue/judge/hash.hpp"

namespace khue::api {

std::optional<Principal> AuthCache::check(const std::string& username, const std::string& password) {
    std::string key = judge::sha256_hex(username + '\0' + password);
    auto account = store_.get_account_by_username(username);
    if (!account) {
        return std::nullopt;
    }
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        auto it = verified_.find(key);
        if (it != verified_.end() && it->second.stored_hash == account->password_hash &&
            it->second.expires > now) {
            return it->second.who;
        }
    }
    if (!verify_password(password, account->password_hash)) {
        return std::nullopt;
    }
    Principal who;
    who.username = account->username;
    if (account->type == store::AccountType::Admin) {
        who.role = Role::Admin;
    } else if (account->type == store::AccountType::Judge || account->type == store::AccountType::Analyst) {
        who.role = Role::Jury;
    } else if (account->type == store::AccountType::Team && account->team_id) {
        who.role = Role::Team;
        who.team_id = *account->team_id;
    } else {
        who.role = Role::Public;
    }
    std::lock_guard lock(mutex_);
    if (verified_.size() > 100'000) {
        verified_.clear();  // bounded: a flood of distinct good logins only costs re-verification
    }
    verified_[key] = Entry{who, account->password_hash, now + std::chrono::minutes{10}};
    return who;
}

bool RateLimiter::take(const std::string& team, std::chrono::milliseconds& retry_after) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto [it, fresh] = buckets_.try_emplace(team, Bucket{static_cast<double>(burst_), now});
    Bucket& b = it->second;
    if (!fresh) {
        double refill = std::chrono::duration<double>(now - b.updated) / interval_;
        b.tokens = std::min(static_cast<double>(burst_), b.tokens + refill);
        b.updated = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return true;
    }
    retry_after = std::chrono::duration_cast<std::chrono::milliseconds>((1.0 - b.tokens) * interval_);
    return false;
}

}  // namespace khue::api
