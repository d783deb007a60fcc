// Store role: clarifications (questions from teams, answers and announcements from the jury) and the jury's
// claims on open questions. Adding one appends a "clarifications" event in the same transaction; claims are
// jury bookkeeping and append no event (the console reads them from the queue).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

// A Contest API clarification. Recipients are the union of to_team_ids and to_group_ids; everything null but
// the text means "to every team" (a broadcast). A team's question has from_team_id and no recipients.
struct Clarification {
    std::string contest_id{};
    std::string id{};
    std::optional<std::string> from_team_id{};
    std::optional<std::vector<std::string>> to_team_ids{};
    std::optional<std::vector<std::string>> to_group_ids{};
    std::optional<std::string> reply_to_id{};
    std::optional<std::string> problem_id{};
    std::string text{};
    TimePoint time{};
    // ---- jury bookkeeping (Khue's own, not part of the Contest API object)
    std::string sender{};                     // username of the account that sent it
    std::optional<std::string> claimed_by{};  // username of the judge answering a question
    std::optional<TimePoint> claimed_at{};
    bool answered = false;  // a question that has at least one reply
    bool broadcast() const { return !from_team_id && !to_team_ids && !to_group_ids; }
};

struct NewClarification {
    std::string contest_id{};
    std::optional<std::string> from_team_id{};
    std::optional<std::vector<std::string>> to_team_ids{};
    std::optional<std::vector<std::string>> to_group_ids{};
    std::optional<std::string> reply_to_id{};
    std::optional<std::string> problem_id{};
    std::string text{};
    std::string sender{};
    std::optional<TimePoint> time{};  // defaults to now
    std::optional<std::string> id{};  // defaults to the next number of the contest
};

struct ClaimResult {
    bool ok = false;                    // the caller holds the claim now (or released it)
    std::optional<std::string> holder;  // who holds it after the call
};

class Clarifications {
  public:
    virtual ~Clarifications() = default;

    // Checks that referenced teams, groups, problem and reply_to exist in the contest (StoreInvalid naming
    // what does not). An answer (reply_to_id set, from the jury) releases the claim on its question.
    virtual Clarification add_clarification(const NewClarification& clarification) = 0;
    virtual std::optional<Clarification> get_clarification(std::string_view contest_id,
                                                           std::string_view id) = 0;
    virtual std::vector<Clarification> list_clarifications(std::string_view contest_id) = 0;  // by time
    // Claims the question for `username`: succeeds when nobody holds it, `username` already does, or `steal`.
    // With `release`, gives it back (only its holder, or with `steal`). StoreInvalid for an unknown id or
    // a clarification that is not a team's question.
    virtual ClaimResult claim_clarification(std::string_view contest_id, std::string_view id,
                                            std::string_view username, bool release, bool steal) = 0;
};

}  // namespace khue::store
