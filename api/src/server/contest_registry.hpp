// Every contest a server serves, keyed by id, each with its own ContestService (mirror, clock, scoreboard,
// event feed) and follower thread. The store decides what exists: a contest created while the server runs
// (an upload in the console, `khue import` next to it) is served from the first request that names it.
// Internal to the server.
#pragma once

#include "server/contest_service.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace khue::api {

class ContestRegistry {
  public:
    // `default_id`: the contest of routes that name none (empty: the store's first contest).
    ContestRegistry(store::Store& store, std::string default_id);
    ~ContestRegistry();
    ContestRegistry(const ContestRegistry&) = delete;
    ContestRegistry& operator=(const ContestRegistry&) = delete;

    // Loads every contest of the store, replays their logs and starts their followers; `on_new_lines` is
    // called (from a follower thread) whenever any contest's feed grew.
    void start(std::function<void()> on_new_lines);
    void stop();

    // The contest with this id, loaded from the store on first use; null when the store has none.
    ContestService* find(const std::string& id);
    // The contest of routes without {contest}.
    ContestService& primary();
    // Every contest served, by id.
    std::vector<ContestService*> all();
    store::Store& db() { return store_; }

  private:
    ContestService& add_locked(const std::string& id);

    store::Store& store_;
    std::mutex mutex_;
    std::string default_id_;
    std::map<std::string, std::unique_ptr<ContestService>> services_;
    std::vector<std::thread> followers_;
    std::function<void()> on_new_lines_;
    bool running_ = false;
};

}  // namespace khue::api
