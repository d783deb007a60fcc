// The serialized scoreboard: built from the engine's standings, cached per view and group until the standings
// or the contest state change, with its ETag and (on first demand) its gzip form. Not synchronised: its owner
// (ContestService) holds its lock.
#pragma once

#include "http/encoded_body.hpp"
#include "khue/api/scoreboard.hpp"
#include "khue/store/records.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace khue::api {

class ScoreboardCache {
  public:
    // The body cached under `key` when it was built at `version`; null otherwise.
    std::shared_ptr<const EncodedBody> find(const std::string& key, std::uint64_t version) const;
    // Keeps at most kMaxEntries keys (the key holds a group id the client chose): a new key beyond that
    // evicts the others.
    void keep(const std::string& key, std::uint64_t version, std::shared_ptr<const EncodedBody> body);

    static constexpr std::size_t kMaxEntries = 64;

  private:
    std::map<std::string, std::pair<std::uint64_t, std::shared_ptr<const EncodedBody>>> entries_;
};

// The Contest API scoreboard object of `standings` as of `time`; `state_json` is the serialized state.
std::string scoreboard_text(const Standings& standings, bool pass_fail, const store::Contest& contest,
                            const std::string& state_json, store::TimePoint time);

}  // namespace khue::api
