// The one visibility policy: who sees which Contest API object in which contest state. The REST endpoints
// and the event feed both describe an object with the builders below and ask may_see(); nothing else decides.
//
// The rules:
// - the jury and admins see everything;
// - the public sees contest, state, judgement types, languages, organizations, visible groups and teams,
//   problems once the contest has started, every submission, and the judgements of submissions made
//   before the freeze (after the thaw: all of them); never runs, accounts, hidden groups or hidden teams;
// - a team sees at least what the public sees, plus its own hidden team, its own judgements during the
//   freeze and the runs of its own submissions on sample cases (secret test results stay with the jury);
// - clarifications: a broadcast (no sender team, no recipients) is seen by everyone, the public included (the
//   public scoreboard shows announcements); a team's question by that team and the jury; an answer to teams
//   or groups by its recipient teams (groups expanded to their teams by the caller) and the jury.
#pragma once

#include "khue/api/time.hpp"
#include "policy/principal.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace khue::api {

// How one object is shown.
struct Visibility {
    enum class Kind { Public, PublicAfterStart, Owned, Jury, Addressed } kind = Kind::Public;
    // Owned: the owning team sees it; everyone else does when `public_ok`, and, when `freeze_time` is set,
    // only while that contest time is not hidden by the freeze.
    std::string team_id;
    bool public_ok = false;
    std::optional<Millis> freeze_time;
    // A copy re-sent on the feed when the object became public (thaw, contest start): only for those who
    // could not see the original line, so the jury and the owning team get no duplicate.
    bool reveal = false;
    // Addressed: the teams it is sent to (besides `team_id`, its sender, if any); never the public.
    std::vector<std::string> recipients{};
};

// The contest as visibility needs it, at one instant.
struct ContestView {
    bool started = false;
    std::optional<Millis> hidden_from;  // the contest time from which the public sees no results (frozen)
};

bool may_see(const Principal& who, const Visibility& v, const ContestView& contest);
// What only the owning team and the jury see of a visible object (a submission's files, compiler messages).
bool sees_private(const Principal& who, std::string_view team_id);

namespace visible {
Visibility to_all();
Visibility to_jury();
Visibility problem();
Visibility group(bool hidden);
Visibility team(const std::string& id, bool hidden);
Visibility submission(const std::string& team_id);
Visibility judgement(const std::string& team_id, std::optional<Millis> submission_time);
Visibility run(const std::string& team_id, std::optional<Millis> submission_time, std::string_view test_name);
// `recipient_teams`: to_team_ids and the teams of to_group_ids; `broadcast`: no sender and no recipients.
Visibility clarification(const std::optional<std::string>& from_team_id, bool broadcast,
                         std::vector<std::string> recipient_teams);
}  // namespace visible

}  // namespace khue::api
