// How the store writes the data of the events it appends. The store decides WHEN an object changed and
// appends its event in the same transaction as the change; the layer above decides WHAT the event's data is
// (the API passes an encoder that builds Contest API JSON). The store itself knows no wire format.
#pragma once

#include <string>

#include "khue/store/clarifications.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

// Event types the store appends, one per kind of record (the event log's `type` column).
namespace event_type {
inline constexpr const char* contest = "contest";
inline constexpr const char* state = "state";
inline constexpr const char* problems = "problems";
inline constexpr const char* organizations = "organizations";
inline constexpr const char* groups = "groups";
inline constexpr const char* teams = "teams";
inline constexpr const char* submissions = "submissions";
inline constexpr const char* judgements = "judgements";
inline constexpr const char* runs = "runs";
inline constexpr const char* clarifications = "clarifications";
}  // namespace event_type

// Turns a record into the text stored as an event's data. Called inside store transactions, from any thread:
// implementations must be thread-safe and must not call back into the store. Two encodings of the same record
// must be equal, byte for byte: the store compares them to skip events for unchanged objects.
class EventEncoder {
  public:
    virtual ~EventEncoder() = default;
    virtual std::string contest(const Contest& contest) const = 0;
    virtual std::string state(const Contest& contest) const = 0;  // from contest.state
    virtual std::string problem(const Problem& problem) const = 0;
    virtual std::string organization(const Organization& organization) const = 0;
    virtual std::string group(const Group& group) const = 0;
    virtual std::string team(const Team& team) const = 0;
    // Submissions, judgements and runs get their contest for contest-relative times.
    virtual std::string submission(const Contest& contest, const Submission& submission) const = 0;
    virtual std::string judgement(const Contest& contest, const Judgement& judgement) const = 0;
    virtual std::string run(const Contest& contest, const Run& run) const = 0;
    virtual std::string clarification(const Contest& contest, const Clarification& clarification) const = 0;
};

}  // namespace khue::store
