// The contest as the server knows it: a mirror of the store, updated from the event log. Its parts live in
// files of their own: the mirror itself (contest_service.cpp), the feed history and what each client may see
// of it (feed_history.cpp), the scoreboard cache (scoreboard_cache.cpp), judging metrics
// (judging_metrics.cpp) and the contest clock (contest_clock.cpp). Internal to the server.
#pragma once

#include "khue/api/awards.hpp"
#include "khue/api/scoreboard.hpp"
#include "khue/api/time.hpp"
#include "khue/store/store.hpp"
#include "policy/principal.hpp"
#include "policy/visibility.hpp"
#include "server/judging_metrics.hpp"
#include "server/scoreboard_cache.hpp"

#include <boost/json/value.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace khue::api {

namespace store = khue::store;

// ---- the event feed history and its visibility
// -------------------------------------------------------------

struct FeedLine {
    std::int64_t token = 0;
    std::string type;
    std::string id;
    Visibility visibility;
    std::shared_ptr<const std::string> text;  // one NDJSON line with its '\n'
};

// ---- the contest as the server knows it: a mirror of the store, updated from the event log ---------------

class ContestService {
  public:
    ContestService(store::Store& store, std::string contest_id);

    // Reads the whole event log once (scoreboard, history). Then follow() keeps up.
    void replay();
    // Runs until stop(): waits for new events and applies them; also advances the contest state with the
    // clock.
    void follow();
    void stop();

    store::Store& db() { return store_; }
    const std::string& contest_id() const { return contest_id_; }
    store::Contest contest();
    // Reads the contest again from the store (after a change that writes no contest event: the award rules).
    void reload_contest();
    bool running(store::TimePoint now);
    // Whether the contest has ended and takes practice submissions (contest.yaml khue: {practice: true}).
    bool practicing(store::TimePoint now);
    // Whether the contest has started and from which contest time the freeze hides results, now.
    ContestView view();

    // The serialized scoreboard for a view and group, cached until the standings or the state change.
    std::shared_ptr<const EncodedBody> scoreboard(ScoreboardView view, const std::string& group_id);
    std::shared_ptr<const Standings> standings(ScoreboardView view, const std::string& group_id = {});
    // The public scoreboard as the freeze left it, also after the thaw: rebuilt from the event log on each
    // call, for the resolver (frozen_view.cpp; GET .../scoreboard?view=frozen, jury).
    std::shared_ptr<const std::string> frozen_scoreboard(const std::string& group_id = {});
    // Practice (upsolving) standings: every submission, during the contest and after its end, without a
    // freeze. Apart from the official standings, which never count a submission after the end.
    std::shared_ptr<const Standings> practice_standings(const std::string& group_id = {});
    // The practice standings as a Contest API scoreboard object.
    std::string practice_scoreboard(const std::string& group_id = {});

    // Event lines with token > since that `who` may see, filtered by type; at most `limit`.
    std::vector<std::shared_ptr<const std::string>> lines_since(std::int64_t since, const Principal& who,
                                                                const std::set<std::string>& types,
                                                                std::int64_t& last_token, std::size_t limit);
    std::int64_t last_token();
    // Called (from the follower thread) after new lines were added.
    void on_new_lines(std::function<void()> callback);

    // Owner of a submission and its contest time, from the log.
    struct SubmissionFacts {
        std::string team_id;
        Millis contest_time{0};
        bool practice = false;  // sent after the end of the contest
    };
    std::optional<SubmissionFacts> submission_facts(const std::string& id);
    std::optional<std::string> judgement_submission(const std::string& judgement_id);
    // Whether a team is hidden: its submissions and judgements are then the jury's (and its own) only.
    bool team_hidden(const std::string& team_id);

    // Prometheus lines: judgements by verdict and the judging latency (submission to verdict) histogram.
    std::string judging_metrics();
    JudgingMetrics judging_counts();

    // Advances the contest state (started, frozen, ended, thawed) to the clock now.
    void tick();

    // Judgement types, languages and awards are no store records: the server writes them to the event log
    // itself whenever they differ from what the log last said, so that the feed carries them like every other
    // object (derived_objects.cpp). Runs after replay() and after each batch of events; writes nothing once
    // the contest is finalized (its awards are fixed then, and end_of_updates is the last event).
    void sync_derived();
    // The awards as the log says, which is what GET .../awards serves.
    boost::json::array awards();
    // The awards the final (jury) scoreboard gives now, computed afresh and written nowhere: what the
    // resolver presents at the end of the reveal. Jury only (GET .../awards?view=final).
    boost::json::array final_awards();
    // The presenter's board while the resolver broadcasts (handlers/presentation.cpp), as the last
    // `khue-presentation` event says; null when no presentation is on.
    std::shared_ptr<const std::string> presentation();
    // Finalizes the contest (POST /api/khue/contests/<id>/finalize): refused with the reason while a
    // submission waits for its verdict (or has a judging error), before the end, before the thaw, or when
    // done already. Otherwise fixes the awards (writes them once more from the final scoreboard) and sets
    // `finalized` and `end_of_updates`.
    std::optional<std::string> finalize();

  private:
    void apply(const store::Event& e);
    Visibility visibility(const store::Event& e, const boost::json::value* data);
    ContestView view_locked() const;
    void refresh_rules_locked();
    void reveal_locked(const store::ContestState& before, std::int64_t token);
    void note_names_locked(const std::string& type, const std::string& id, const boost::json::value* data);
    void sync_derived_locked_out();  // sync_derived() with sync_mutex_ held

    store::Store& store_;
    std::string contest_id_;
    std::mutex mutex_;
    store::Contest contest_;
    std::string state_json_;
    ScoreboardEngine engine_;
    ScoreboardEngine practice_;  // every submission, practice included (practice_standings())
    ScoreboardCache board_cache_;
    std::uint64_t state_version_ = 0;
    store::TimePoint last_change_{};
    std::unordered_map<std::string, SubmissionFacts> submissions_;
    std::unordered_map<std::string, std::string> judgement_owner_;           // judgement id -> submission id
    std::unordered_map<std::string, std::string> current_judgement_;         // submission id -> judgement id
    std::unordered_map<std::string, std::vector<std::string>> team_groups_;  // team id -> group ids
    std::set<std::string> hidden_teams_;
    JudgingMetrics metrics_;
    std::vector<FeedLine> history_;
    // lines_since() answers shared by the clients of one audience at one place in the history (the 10,000
    // public clients one event wakes all ask the same question): valid while the history and the view are
    // what they were when it was filled (feed_history.cpp).
    struct FeedAnswer {
        std::vector<std::shared_ptr<const std::string>> lines;
        std::int64_t last = 0;
    };
    std::map<std::tuple<std::int64_t, std::string, std::string, std::size_t>, FeedAnswer> feed_memo_;
    std::size_t feed_memo_history_ = 0;
    ContestView feed_memo_view_;
    std::int64_t last_token_ = 0;
    std::vector<std::function<void()>> listeners_;
    std::atomic<bool> stopping_{false};
    // What the log last said of the objects the server writes itself: type -> id -> data text.
    std::map<std::string, std::map<std::string, std::string>> derived_;
    AwardContext award_context_;              // names and memberships for the awards, from the log
    std::mutex sync_mutex_;                   // one sync_derived() or finalize() at a time
    std::optional<std::uint64_t> synced_at_;  // the mirror's version at the last sync
    bool finalized_ = false;                  // finalize() succeeded (guarded by mutex_ and sync_mutex_)
    std::shared_ptr<const std::string> presentation_;  // the last khue-presentation event's data
};

}  // namespace khue::api
