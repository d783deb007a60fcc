#include "khue/store/records.hpp"

namespace khue::store {

std::string_view to_string(ScoreboardType type) {
    return type == ScoreboardType::Score ? "score" : "pass-fail";
}

std::optional<ScoreboardType> scoreboard_type_from_string(std::string_view text) {
    if (text == "pass-fail") {
        return ScoreboardType::PassFail;
    }
    if (text == "score") {
        return ScoreboardType::Score;
    }
    return std::nullopt;
}

std::string_view to_string(AccountType type) {
    switch (type) {
        case AccountType::Team:
            return "team";
        case AccountType::Judge:
            return "judge";
        case AccountType::Admin:
            return "admin";
        case AccountType::Analyst:
            return "analyst";
    }
    return "team";
}

std::optional<AccountType> account_type_from_string(std::string_view text) {
    for (AccountType type :
         {AccountType::Team, AccountType::Judge, AccountType::Admin, AccountType::Analyst}) {
        if (to_string(type) == text) {
            return type;
        }
    }
    return std::nullopt;
}

}  // namespace khue::store
