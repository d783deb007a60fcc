#include "policy/visibility.hpp"

#include <algorithm>

namespace khue::api {

namespace {

bool public_sees(const Visibility& v, const ContestView& contest) {
    using Kind = Visibility::Kind;
    switch (v.kind) {
        case Kind::Public:
            return true;
        case Kind::PublicAfterStart:
            return contest.started;
        case Kind::Owned:
            return v.public_ok &&
                   !(v.freeze_time && contest.hidden_from && *v.freeze_time >= *contest.hidden_from);
        case Kind::Jury:
        case Kind::Addressed:
            return false;
    }
    return false;
}

bool owns(const Principal& who, const Visibility& v) {
    if (who.role != Role::Team || who.team_id.empty()) {
        return false;
    }
    if (v.kind == Visibility::Kind::Addressed) {
        return who.team_id == v.team_id ||
               std::find(v.recipients.begin(), v.recipients.end(), who.team_id) != v.recipients.end();
    }
    return v.kind == Visibility::Kind::Owned && who.team_id == v.team_id;
}

}  // namespace

bool may_see(const Principal& who, const Visibility& v, const ContestView& contest) {
    if (v.reveal && (who.sees_all() || owns(who, v))) {
        return false;  // they saw the original line
    }
    if (who.sees_all() || owns(who, v)) {
        return true;
    }
    return public_sees(v, contest);  // a team sees at least what the public sees
}

bool sees_private(const Principal& who, std::string_view team_id) {
    return who.sees_all() || (who.role == Role::Team && !team_id.empty() && who.team_id == team_id);
}

namespace visible {

Visibility to_all() {
    return {};
}

Visibility to_jury() {
    return {Visibility::Kind::Jury, {}, false, std::nullopt, false};
}

Visibility problem() {
    return {Visibility::Kind::PublicAfterStart, {}, false, std::nullopt, false};
}

Visibility group(bool hidden) {
    return hidden ? to_jury() : to_all();
}

Visibility team(const std::string& id, bool hidden) {
    return hidden ? Visibility{Visibility::Kind::Owned, id, false, std::nullopt, false} : to_all();
}

Visibility submission(const std::string& team_id) {
    return {Visibility::Kind::Owned, team_id, true, std::nullopt, false};
}

Visibility judgement(const std::string& team_id, std::optional<Millis> submission_time) {
    return {Visibility::Kind::Owned, team_id, true, submission_time, false};
}

Visibility run(const std::string& team_id, std::optional<Millis> submission_time,
               std::string_view test_name) {
    if (!test_name.starts_with("sample/")) {
        return to_jury();
    }
    return {Visibility::Kind::Owned, team_id, false, submission_time, false};
}

Visibility clarification(const std::optional<std::string>& from_team_id, bool broadcast,
                         std::vector<std::string> recipient_teams) {
    if (broadcast) {
        return to_all();
    }
    Visibility v{Visibility::Kind::Addressed, from_team_id.value_or(""), false, std::nullopt, false};
    v.recipients = std::move(recipient_teams);
    return v;
}

}  // namespace visible

}  // namespace khue::api
