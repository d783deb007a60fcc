// The objects the server itself writes to the event log (judgement types, languages, awards), the names the
// awards' citations need, and finalization. See contest_service.hpp.
#include "server/contest_service.hpp"
#include "server/json_fields.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/store/clock.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace khue::api {

namespace json = boost::json;

void ContestService::note_names_locked(const std::string& type, const std::string& id,
                                       const json::value* data) {
    AwardContext& ctx = award_context_;
    if (type == "problems") {
        if (data == nullptr) {
            ctx.problem_labels.erase(id);
        } else {
            std::string label = string_field(data, "label");
            ctx.problem_labels[id] = label.empty() ? id : label;
        }
    } else if (type == "groups") {
        if (data == nullptr || bool_field(data, "hidden")) {
            ctx.group_names.erase(id);
        } else {
            ctx.group_names[id] = string_field(data, "name");
        }
    } else if (type == "organizations") {
        if (data == nullptr) {
            ctx.organization_names.erase(id);
        } else {
            std::string name = string_field(data, "formal_name");
            ctx.organization_names[id] = name.empty() ? string_field(data, "name") : name;
        }
    } else if (type == "teams") {
        ctx.team_organization.erase(id);
        ctx.team_groups.erase(id);
        if (data != nullptr) {
            if (std::string org = string_field(data, "organization_id"); !org.empty()) {
                ctx.team_organization[id] = org;
            }
            if (const json::value* groups = field(data, "group_ids");
                groups != nullptr && groups->is_array()) {
                for (const auto& g : groups->as_array()) {
                    if (g.is_string()) {
                        ctx.team_groups[id].emplace_back(g.as_string());
                    }
                }
            }
        }
    }
}

void ContestService::sync_derived() {
    std::lock_guard sync(sync_mutex_);
    sync_derived_locked_out();
}

void ContestService::sync_derived_locked_out() {
    using Objects = std::vector<std::pair<std::string, std::string>>;  // id, data text, in feed order
    std::vector<std::pair<std::string, Objects>> want;
    std::map<std::string, std::map<std::string, std::string>> have;
    {
        std::lock_guard lock(mutex_);
        if (contest_.state.finalized || finalized_) {
            return;  // the awards are fixed and end_of_updates was the last event
        }
        std::uint64_t version =
            engine_.version() * 1'000'003 + state_version_ * 7919 + static_cast<std::uint64_t>(last_token_);
        if (synced_at_ == version) {
            return;
        }
        synced_at_ = version;
        std::string error;
        auto rules = parse_award_rules(contest_.awards, error);
        if (!rules) {
            spdlog::warn("contest {}: its awards setting is unusable ({}); the defaults apply", contest_id_,
                         error);
            rules = AwardRules{};
        }
        AwardContext ctx = award_context_;
        ctx.pass_fail = contest_.scoreboard_type != store::ScoreboardType::Score;
        // The public view: awards are public objects, and during the freeze they must not tell what it hides.
        json::array awards = compute_awards(*engine_.standings(ScoreboardView::Public), *rules, ctx);
        auto objects = [](const json::array& items) {
            Objects out;
            for (const auto& item : items) {
                out.emplace_back(std::string(item.at("id").as_string()), json::serialize(item));
            }
            return out;
        };
        want.emplace_back("judgement-types", objects(judgement_types_json()));
        want.emplace_back("languages", objects(languages_json()));
        want.emplace_back("awards", objects(awards));
        have = derived_;
    }
    std::size_t written = 0;
    for (const auto& [type, objects] : want) {
        auto& known = have[type];
        for (const auto& [id, data] : objects) {
            if (auto it = known.find(id); it == known.end() || it->second != data) {
                store_.append_event(contest_id_, type, id, data);
                ++written;
            }
        }
        for (const auto& entry : known) {
            const auto& id = entry.first;  // not a structured binding: the lambda captures it (clang < 16)
            bool kept =
                std::any_of(objects.begin(), objects.end(), [&](const auto& o) { return o.first == id; });
            if (!kept) {
                store_.append_event(contest_id_, type, id, std::nullopt);
                ++written;
            }
        }
        // What the log says now, before the follower reads it back: a second sync must not write it again.
        std::lock_guard lock(mutex_);
        auto& mine = derived_[type];
        mine.clear();
        for (const auto& [id, data] : objects) {
            mine[id] = data;
        }
    }
    if (written > 0) {
        spdlog::info("contest {}: wrote {} judgement type, language and award events", contest_id_, written);
    }
}

json::array ContestService::final_awards() {
    std::string error;
    auto rules = parse_award_rules(contest().awards, error);
    if (!rules) {
        rules = AwardRules{};
    }
    // The board the thaw makes public: every verdict, the public's teams only (a hidden team takes no award).
    auto standings = this->standings(ScoreboardView::Final, "");
    std::lock_guard lock(mutex_);
    AwardContext ctx = award_context_;
    ctx.pass_fail = contest_.scoreboard_type != store::ScoreboardType::Score;
    return compute_awards(*standings, *rules, ctx);
}

json::array ContestService::awards() {
    std::lock_guard lock(mutex_);
    json::array out;
    for (const auto& [id, data] : derived_["awards"]) {
        std::error_code ec;
        json::value v = json::parse(data, ec);
        if (!ec) {
            out.push_back(std::move(v));
        }
    }
    return out;
}

std::optional<std::string> ContestService::finalize() {
    // Let the follower bring the mirror up to the log first, so that the final awards see every verdict.
    auto latest = store_.latest_token();
    for (int i = 0; i < 100 && last_token() < latest; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    if (last_token() < latest) {
        return "the server is still reading the event log; try again in a moment";
    }
    std::lock_guard sync(sync_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (contest_.state.finalized) {
            return "the contest is already finalized";
        }
        int pending = 0;
        for (const auto& row : engine_.standings(ScoreboardView::Jury)->rows) {
            for (const auto& cell : row.problems) {
                pending += cell.num_pending;
            }
        }
        if (pending > 0) {
            return std::to_string(pending) +
                   " submissions have no verdict yet (waiting, being judged, or a judging error to rejudge)";
        }
        synced_at_.reset();
    }
    sync_derived_locked_out();
    auto refused = store::finalize_contest(store_, contest_id_);
    if (!refused) {
        finalized_ = true;  // before the follower reads the state event back: nothing more is written
        spdlog::info("contest {}: finalized; the awards are fixed", contest_id_);
    }
    return refused;
}

}  // namespace khue::api
