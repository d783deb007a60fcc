// The serialized scoreboard: built from the engine's standings, cached per view and group until the standings
// or the contest state change. Not synchronised: its owner (ContestService) holds its lock.
#pragma once

#include "khue/api/scoreboard.hpp"
#include "khue/store/records.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace khue::api {

class ScoreboardCache {
  public:
    // The text cached under `key` when it was built at `version`; null otherwise.
    std::shared_ptr<const std::string> find(const std::string& key, std::uint64_t version) const;
    void keep(const std::string& key, std::uint64_t version, std::shared_ptr<const std::string> text);

  private:
    std::map<std::string, std::pair<std::uint64_t, std::shared_ptr<const std::string>>> entries_;
};

// The Contest API scoreboard object of `standings` as of `time`; `state_json` is the serialized state.
std::string scoreboard_text(const Standings& standings, bool pass_fail, const store::Contest& contest,
                            const std::string& state_json, store::TimePoint time);

}  // namespace khue::api
