#include "auth/auth.hpp"

#include "auth/login_throttle.hpp"

#include "khue/api/password.hpp"
#include "khue/judge/hash.hpp"

namespace khue::api {

namespace {

// The contests a team account plays in, read on every request (not cached with the password check) so that
// joining a contest created in the console takes effect at once.
Principal with_contests(store::Store& store, const store::Account& account, Principal who) {
    if (who.role == Role::Team && account.contest_id) {
        for (const auto& m : store.list_account_contests(account.id)) {
            if (m.team_id) {
                who.contests.emplace_back(m.contest_id, *m.team_id);
            }
        }
    }
    return who;
}

}  // namespace

std::optional<Principal> AuthCache::check(const std::string& username, const std::string& password,
                                          const std::string& address) {
    std::string key = judge::sha256_hex(username + '\0' + password);
    auto account = store_.get_account_by_username(username);
    if (!account) {
        if (throttle_ != nullptr && !throttle_->blocked(username, address)) {
            throttle_->failed(username, address);
        }
        return std::nullopt;
    }
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        auto it = verified_.find(key);
        if (it != verified_.end() && it->second.stored_hash == account->password_hash &&
            it->second.expires > now) {
            return with_contests(store_, *account, it->second.who);
        }
    }
    // Credentials verified before (above) are never throttled; anything else waits out a lockout first.
    if (throttle_ != nullptr && throttle_->blocked(username, address)) {
        return std::nullopt;
    }
    if (!verify_password(password, account->password_hash)) {
        if (throttle_ != nullptr) {
            throttle_->failed(username, address);
        }
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
    return with_contests(store_, *account, who);
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

Response login_refused(App& app, const Request& request) {
    std::string username;
    std::string_view header = request.authorization;
    if (header.size() > 6) {
        std::string decoded;
        if (base64_decode(header.substr(6), decoded)) {
            username = decoded.substr(0, decoded.find(':'));
        }
    }
    if (auto wait = app.login_throttle->blocked(username, request.remote_address)) {
        auto r = error_response(
            429, "too many failed logins; try again in " + std::to_string(wait->count()) + " s");
        r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
        return r;
    }
    auto r = error_response(401, "wrong username or password");
    r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"khue\"");
    return r;
}

}  // namespace khue::api
