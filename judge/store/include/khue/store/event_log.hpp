// Store role: the append-only event log the feed is served from.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

class EventLog {
  public:
    virtual ~EventLog() = default;

    // Appends one event (data = encoded text, or null for a deletion); returns its token.
    virtual std::int64_t append_event(std::string_view contest_id, std::string_view type,
                                      std::optional<std::string_view> id,
                                      std::optional<std::string_view> data) = 0;
    // Events of `contest_id` with token > since_token, oldest first, at most `limit`.
    virtual std::vector<Event> read_events(std::string_view contest_id, std::int64_t since_token,
                                           std::size_t limit) = 0;
    virtual std::int64_t latest_token() = 0;  // 0 when the log is empty
    // Blocks until an event (of any contest) with token > after_token exists, or `timeout` passes, or
    // interrupt_waits() is called. Returns whether such an event exists. Wakes at once on a commit in this
    // process (condition variable) or, for PostgreSQL, in any process (LISTEN/NOTIFY).
    virtual bool wait_for_event(std::int64_t after_token, std::chrono::milliseconds timeout) = 0;
};

}  // namespace khue::store
