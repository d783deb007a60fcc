// Wake-ups for claimers and event-feed readers. In one process, a commit bumps a generation counter and
// notifies a condition variable; for PostgreSQL a LISTEN thread bumps the same counters for commits made by
// other processes. SQLite databases opened twice in one process share one Notifier (keyed by file).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace khue::store {

class Notifier {
  public:
    struct Generations {
        std::uint64_t jobs = 0;
        std::uint64_t events = 0;
        std::uint64_t interrupts = 0;
    };
    Generations now() {
        std::lock_guard lock(mutex_);
        return gen_;
    }
    void jobs_changed() {
        bump([](Generations& g) { ++g.jobs; });
    }
    void events_changed() {
        bump([](Generations& g) { ++g.events; });
    }
    void interrupt() {
        bump([](Generations& g) { ++g.interrupts; });
    }
    // Waits until the selected generation differs from `seen`, an interrupt arrives, or the timeout passes.
    // Returns false on timeout.
    template <class Select>
    bool wait(const Generations& seen, Select select, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, timeout, [&] {
            return select(gen_) != select(seen) || gen_.interrupts != seen.interrupts;
        });
    }

    // SQLite writers of this process queue here rather than in SQLite's busy handler, whose sleeps (up to
    // 100 ms each) would otherwise dominate the latency of every write under contention.
    std::mutex write_mutex;

    // The shared notifier of an SQLite file (by canonical path).
    static std::shared_ptr<Notifier> for_file(const std::string& canonical_path);

  private:
    template <class F>
    void bump(F f) {
        {
            std::lock_guard lock(mutex_);
            f(gen_);
        }
        cv_.notify_all();
    }
    std::mutex mutex_;
    std::condition_variable cv_;
    Generations gen_;
};

}  // namespace khue::store
