#include "server/contest_registry.hpp"

#include <spdlog/spdlog.h>

namespace khue::api {

ContestRegistry::ContestRegistry(store::Store& store, std::string default_id)
    : store_(store), default_id_(std::move(default_id)) {
    if (default_id_.empty()) {
        auto contests = store_.list_contests();
        if (contests.empty()) {
            throw std::runtime_error("the store holds no contest to serve");
        }
        default_id_ = contests.front().id;
    }
    std::lock_guard lock(mutex_);
    add_locked(default_id_);  // throws when the store has no such contest
}

ContestRegistry::~ContestRegistry() {
    stop();
}

ContestService& ContestRegistry::add_locked(const std::string& id) {
    auto& slot = services_[id];
    if (!slot) {
        try {
            slot = std::make_unique<ContestService>(store_, id);
        } catch (...) {
            services_.erase(id);
            throw;
        }
        if (running_) {
            ContestService* s = slot.get();
            s->tick();
            s->replay();
            s->on_new_lines(on_new_lines_);
            followers_.emplace_back([s] { s->follow(); });
            spdlog::info("now serving contest {}", id);
        }
    }
    return *slot;
}

void ContestRegistry::start(std::function<void()> on_new_lines) {
    std::lock_guard lock(mutex_);
    if (running_) {
        return;
    }
    for (const auto& c : store_.list_contests()) {
        add_locked(c.id);
    }
    on_new_lines_ = std::move(on_new_lines);
    for (auto& [id, service] : services_) {
        service->tick();  // the state as of now, before the first request asks
        service->replay();
        service->on_new_lines(on_new_lines_);
    }
    running_ = true;
    for (auto& [id, service] : services_) {
        ContestService* s = service.get();
        followers_.emplace_back([s] { s->follow(); });
    }
}

void ContestRegistry::stop() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        running_ = false;
        for (auto& [id, service] : services_) {
            service->stop();
        }
        threads.swap(followers_);
    }
    for (auto& t : threads) {
        t.join();
    }
}

ContestService* ContestRegistry::find(const std::string& id) {
    std::lock_guard lock(mutex_);
    if (auto it = services_.find(id); it != services_.end()) {
        return it->second.get();
    }
    if (id.empty() || !store_.get_contest(id)) {
        return nullptr;
    }
    return &add_locked(id);
}

ContestService& ContestRegistry::primary() {
    std::lock_guard lock(mutex_);
    return *services_.at(default_id_);
}

std::vector<ContestService*> ContestRegistry::all() {
    std::lock_guard lock(mutex_);
    std::vector<ContestService*> out;
    for (auto& [id, service] : services_) {
        out.push_back(service.get());
    }
    return out;
}

}  // namespace khue::api
