// Store role: a contest's organizations, groups, teams and accounts written all at once (an import of
// accounts in bulk): one transaction, so that a batch that fails part-way changes nothing.
#pragma once

#include <string>
#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

struct RosterBatch {
    std::string contest_id{};
    std::vector<Organization> organizations{};
    std::vector<Group> groups{};
    std::vector<Team> teams{};
    std::vector<Account> accounts{};  // password_hash already hashed
};

class RosterWrites {
  public:
    virtual ~RosterWrites() = default;
    // Upserts everything in the batch (same rules and events as the single upserts), in this order:
    // organizations, groups, teams, accounts. Throws StoreInvalid and writes nothing when any part is
    // refused.
    virtual void write_roster(const RosterBatch& batch) = 0;
};

}  // namespace khue::store
