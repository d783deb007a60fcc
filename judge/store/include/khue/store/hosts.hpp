// Store role: the judging hosts and what their slots are doing.
#pragma once

#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

class Hosts {
  public:
    virtual ~Hosts() = default;

    virtual void heartbeat(const JudgeHost& host) = 0;  // last_seen is set to now
    virtual std::vector<JudgeHost> list_hosts() = 0;
};

}  // namespace khue::store
