// The Store contract, run against SQLite always and PostgreSQL when KHUE_TEST_POSTGRES is set.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <future>
#include <set>

#include "khue/api/contest_api.hpp"
#include "khue/test/store_fixture.hpp"

using namespace khue::judge;
using namespace khue::store;
using namespace khue::store::testing;
using namespace std::chrono_literals;

// While alive, stores opened look again without a wake-up only every ten minutes (KHUE_STORE_POLL_MS).
struct PollOff {
    PollOff() { ::setenv("KHUE_STORE_POLL_MS", "600000", 1); }
    ~PollOff() { ::unsetenv("KHUE_STORE_POLL_MS"); }
    PollOff(const PollOff&) = delete;
    PollOff& operator=(const PollOff&) = delete;
};

template <class Backend>
class StoreTest : public SeededStore<Backend> {
  protected:
    using SeededStore<Backend>::db_;
    using SeededStore<Backend>::store_;
    std::unique_ptr<Store> reopen() {
        store_.reset();
        return open_store(db_->url(), khue::api::contest_api_encoder());
    }
    Job claim(const std::string& owner, std::chrono::milliseconds lease = 10s) {
        auto job = store_->claim_job({owner, lease, 0ms});
        if (!job) {
            throw std::runtime_error("expected a job for " + owner);
        }
        return *job;
    }
};

TYPED_TEST_SUITE(StoreTest, Backends, BackendNames);

TYPED_TEST(StoreTest, MigrationsAreAppliedOnceAndSurviveReopening) {
    int version = this->store_->schema_version();
    EXPECT_GE(version, 1);
    auto again = this->reopen();
    EXPECT_EQ(again->schema_version(), version);
    EXPECT_EQ(again->list_problems("c1").size(), 2u);
    EXPECT_EQ(again->list_teams("c1").size(), 4u);
}

TYPED_TEST(StoreTest, AcknowledgedSubmissionIsThereAfterReopening) {
    auto s = this->store_->add_submission(submission("t1", std::string("bin\0ary", 7)));
    auto store = this->reopen();
    auto got = store->get_submission("c1", s.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->team_id, "t1");
    ASSERT_EQ(got->files.size(), 1u);
    EXPECT_EQ(got->files[0].bytes, std::string("bin\0ary", 7));
    EXPECT_EQ(store->queue_stats().queued, 1u);
}

TYPED_TEST(StoreTest, SubmissionToUnknownProblemOrTeamIsRefusedWithoutTrace) {
    EXPECT_THROW(this->store_->add_submission(submission("t1", "x", "nope")), StoreInvalid);
    EXPECT_THROW(this->store_->add_submission(submission("ghost")), StoreInvalid);
    EXPECT_TRUE(this->store_->list_submissions({.contest_id = "c1"}).empty());
    EXPECT_EQ(this->store_->queue_stats().queued, 0u);
}

TYPED_TEST(StoreTest, PackagesAreStoredByContentHash) {
    std::string bytes = "zip bytes\x01\x02";
    auto h1 = this->store_->put_package(bytes);
    auto h2 = this->store_->put_package(bytes);
    EXPECT_EQ(h1, h2);
    EXPECT_EQ(h1.size(), 64u);
    EXPECT_EQ(this->store_->get_package(h1), bytes);
    EXPECT_FALSE(this->store_->get_package(std::string(64, '0')));
    Problem p = *this->store_->get_problem("c1", "hello");
    p.package_hash = std::string(64, 'f');
    EXPECT_THROW(this->store_->upsert_problem(p), StoreInvalid);
}

// PostgreSQL sends a transaction's statements in pipelines (issue #12): a statement failing half-way through
// one must leave its connection usable for the next transaction, again and again (the pool reuses it).
TYPED_TEST(StoreTest, FailedWritesLeaveTheStoreUsable) {
    Problem bad = *this->store_->get_problem("c1", "hello");
    bad.package_hash = std::string(64, 'f');
    for (int i = 0; i < 30; ++i) {
        EXPECT_THROW(this->store_->upsert_problem(bad), StoreInvalid);
        EXPECT_THROW(this->store_->add_submission(submission("ghost")), StoreInvalid);
        this->store_->add_submission(submission("t" + std::to_string(1 + i % 4)));
        auto job = this->store_->claim_job({"w", 10s, 0ms});
        ASSERT_TRUE(job);
        JudgementResult r;
        r.verdict = Verdict::AC;
        EXPECT_EQ(this->store_->complete_job(job->lease, r), CompleteStatus::Recorded);
    }
    EXPECT_EQ(this->store_->queue_stats().queued, 0u);
    EXPECT_EQ(this->store_->list_submissions({.contest_id = "c1"}).size(), 30u);
}

TYPED_TEST(StoreTest, AppendedEventsTokenIsTheEventsToken) {
    std::int64_t previous = this->store_->latest_token();
    for (int i = 0; i < 5; ++i) {
        auto token = this->store_->append_event("c1", "clarifications", "x" + std::to_string(i), "{}");
        EXPECT_GT(token, previous);
        EXPECT_EQ(this->store_->latest_token(), token);
        auto events = this->store_->read_events("c1", previous, 10);
        ASSERT_EQ(events.size(), 1u);
        EXPECT_EQ(events[0].token, token);
        EXPECT_EQ(events[0].id, "x" + std::to_string(i));
        previous = token;
    }
}

TYPED_TEST(StoreTest, ClaimedJobIsJudgedOnceAndResultIsIdempotent) {
    auto s = this->store_->add_submission(submission("t1"));
    Job job = this->claim("hostA/0");
    EXPECT_EQ(job.submission_id, s.id);
    EXPECT_EQ(job.problem_id, "hello");
    EXPECT_FALSE(job.package_hash.empty());
    EXPECT_EQ(job.attempt, 1);
    EXPECT_FALSE(this->store_->claim_job({"hostB/0", 10s, 0ms}))
        << "a claimed job must not be handed out again";
    auto running = this->store_->current_judgement("c1", s.id);
    ASSERT_TRUE(running);
    EXPECT_FALSE(running->verdict) << "a running judgement has no verdict yet";
    EXPECT_EQ(this->store_->complete_job(job.lease, result_with(Verdict::WA)), CompleteStatus::Recorded);
    EXPECT_EQ(this->store_->complete_job(job.lease, result_with(Verdict::WA)),
              CompleteStatus::AlreadyRecorded);
    auto j = this->store_->current_judgement("c1", s.id);
    ASSERT_TRUE(j && j->verdict);
    EXPECT_EQ(*j->verdict, Verdict::WA);
    EXPECT_EQ(this->store_->list_runs("c1", j->id).size(), 2u);
    EXPECT_EQ(this->store_->queue_stats().running, 0u);
}

TYPED_TEST(StoreTest, ExpiredLeaseReturnsJobAndLateResultIsRejected) {
    auto s = this->store_->add_submission(submission("t1"));
    Job first = this->claim("dead/0", 150ms);
    std::this_thread::sleep_for(300ms);
    Job second = this->claim("alive/0");
    EXPECT_EQ(second.lease.job_id, first.lease.job_id);
    EXPECT_NE(second.lease.judgement_id, first.lease.judgement_id);
    EXPECT_EQ(second.attempt, 2);
    Lease stale = first.lease;
    EXPECT_FALSE(this->store_->renew_lease(stale, 10s));
    EXPECT_EQ(this->store_->complete_job(first.lease, result_with(Verdict::AC)), CompleteStatus::LeaseLost);
    EXPECT_EQ(this->store_->complete_job(second.lease, result_with(Verdict::WA)), CompleteStatus::Recorded);
    // The dead worker's retry after the real result still changes nothing.
    EXPECT_EQ(this->store_->complete_job(first.lease, result_with(Verdict::AC)), CompleteStatus::LeaseLost);
    auto current =
        this->store_->list_judgements({.contest_id = "c1", .submission_id = s.id, .current_only = true});
    ASSERT_EQ(current.size(), 1u);
    EXPECT_EQ(current[0].verdict, Verdict::WA);
    auto all =
        this->store_->list_judgements({.contest_id = "c1", .submission_id = s.id, .include_invalid = true});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_FALSE(all[0].valid);
    EXPECT_FALSE(all[0].current);
}

TYPED_TEST(StoreTest, RenewedLeaseIsNotTakenOver) {
    this->store_->add_submission(submission("t1"));
    Job job = this->claim("a/0", 300ms);
    for (int i = 0; i < 6; ++i) {
        std::this_thread::sleep_for(100ms);
        ASSERT_TRUE(this->store_->renew_lease(job.lease, 300ms));
        EXPECT_FALSE(this->store_->claim_job({"b/0", 10s, 0ms}));
    }
    EXPECT_EQ(this->store_->complete_job(job.lease, result_with(Verdict::AC)), CompleteStatus::Recorded);
}

TYPED_TEST(StoreTest, ReleasedJobIsClaimableAtOnce) {
    this->store_->add_submission(submission("t1"));
    Job job = this->claim("a/0");
    EXPECT_TRUE(this->store_->release_job(job.lease, "shutting down"));
    EXPECT_FALSE(this->store_->release_job(job.lease, "again"));
    Job again = this->claim("b/0");
    EXPECT_EQ(again.lease.job_id, job.lease.job_id);
    EXPECT_EQ(this->store_->complete_job(job.lease, result_with(Verdict::AC)), CompleteStatus::LeaseLost);
}

TYPED_TEST(StoreTest, OneTeamsBurstDoesNotDelayOtherTeams) {
    for (int i = 0; i < 10; ++i) {
        this->store_->add_submission(submission("t1"));
    }
    this->store_->add_submission(submission("t2"));
    this->store_->add_submission(submission("t3"));
    std::vector<std::string> order;
    for (int i = 0; i < 4; ++i) {
        Job j = this->claim("w/0");
        order.push_back(j.team_id);
        this->store_->complete_job(j.lease, result_with(Verdict::AC));
    }
    EXPECT_NE(std::find(order.begin(), order.end(), "t2"), order.end()) << "t2 waited behind t1's burst";
    EXPECT_NE(std::find(order.begin(), order.end(), "t3"), order.end()) << "t3 waited behind t1's burst";
}

TYPED_TEST(StoreTest, LiveSubmissionsGoBeforeRejudges) {
    auto s = this->store_->add_submission(submission("t1"));
    Job j = this->claim("w/0");
    this->store_->complete_job(j.lease, result_with(Verdict::WA));
    this->store_->create_rejudging({.contest_id = "c1", .submission_id = s.id}, "test");
    auto live = this->store_->add_submission(submission("t2"));
    Job next = this->claim("w/0");
    EXPECT_EQ(next.submission_id, live.id);
    EXPECT_EQ(next.priority, JobPriority::Live);
    Job after = this->claim("w/1");
    EXPECT_EQ(after.priority, JobPriority::Rejudge);
}

TYPED_TEST(StoreTest, RejudgingBecomesCurrentOnlyWhenApplied) {
    auto s = this->store_->add_submission(submission("t1"));
    auto old_job = this->claim("w/0");
    this->store_->complete_job(old_job.lease, result_with(Verdict::WA));
    auto rj = this->store_->create_rejudging({.contest_id = "c1", .problem_id = "hello"}, "new tests");
    EXPECT_EQ(rj.submission_count, 1u);
    auto preview = this->store_->preview_rejudging(rj.id);
    ASSERT_EQ(preview.size(), 1u);
    EXPECT_FALSE(preview[0].done());
    Job job = this->claim("w/0");
    EXPECT_EQ(job.rejudging_id, rj.id);
    EXPECT_EQ(this->store_->current_judgement("c1", s.id)->verdict, Verdict::WA);
    this->store_->complete_job(job.lease, result_with(Verdict::AC));
    EXPECT_EQ(this->store_->current_judgement("c1", s.id)->verdict, Verdict::WA) << "not applied yet";
    preview = this->store_->preview_rejudging(rj.id);
    ASSERT_EQ(preview.size(), 1u);
    EXPECT_EQ(preview[0].old_verdict, Verdict::WA);
    EXPECT_EQ(preview[0].new_verdict, Verdict::AC);
    EXPECT_TRUE(preview[0].changed());
    this->store_->apply_rejudging(rj.id);
    EXPECT_EQ(this->store_->current_judgement("c1", s.id)->verdict, Verdict::AC);
    EXPECT_EQ(this->store_->list_judgements({.contest_id = "c1", .submission_id = s.id, .current_only = true})
                  .size(),
              1u);
    EXPECT_THROW(this->store_->cancel_rejudging(rj.id), StoreInvalid);
}

TYPED_TEST(StoreTest, AppliedRejudgingTakesOverWhenItsJudgementCompletes) {
    auto s = this->store_->add_submission(submission("t1"));
    auto first = this->claim("w/0");
    this->store_->complete_job(first.lease, result_with(Verdict::WA));
    auto rj = this->store_->create_rejudging({.contest_id = "c1", .submission_id = s.id}, "");
    this->store_->apply_rejudging(rj.id);
    EXPECT_EQ(this->store_->current_judgement("c1", s.id)->verdict, Verdict::WA);
    Job job = this->claim("w/0");
    this->store_->complete_job(job.lease, result_with(Verdict::TLE));
    EXPECT_EQ(this->store_->current_judgement("c1", s.id)->verdict, Verdict::TLE);
}

TYPED_TEST(StoreTest, CancelledRejudgingLeavesOldJudgementsAndDropsItsJobs) {
    auto a = this->store_->add_submission(submission("t1"));
    auto b = this->store_->add_submission(submission("t2"));
    for (int i = 0; i < 2; ++i) {
        auto j = this->claim("w/0");
        this->store_->complete_job(j.lease, result_with(Verdict::WA));
    }
    auto rj = this->store_->create_rejudging({.contest_id = "c1"}, "");
    EXPECT_EQ(rj.submission_count, 2u);
    Job one = this->claim("w/0");
    this->store_->complete_job(one.lease, result_with(Verdict::AC));
    Job two = this->claim("w/1");
    this->store_->cancel_rejudging(rj.id);
    EXPECT_EQ(this->store_->complete_job(two.lease, result_with(Verdict::AC)), CompleteStatus::LeaseLost);
    EXPECT_EQ(this->store_->current_judgement("c1", a.id)->verdict, Verdict::WA);
    EXPECT_EQ(this->store_->current_judgement("c1", b.id)->verdict, Verdict::WA);
    EXPECT_FALSE(this->store_->claim_job({"w/2", 10s, 0ms}));
    EXPECT_EQ(this->store_->get_rejudging(rj.id)->state, RejudgingState::Cancelled);
}

TYPED_TEST(StoreTest, EventTokensIncreaseAndReadingResumes) {
    auto start = this->store_->latest_token();
    auto all = this->store_->read_events("c1", 0, 1000);
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.front().type, "contest");
    this->store_->add_submission(submission("t1"));
    Job j = this->claim("w/0");
    this->store_->complete_job(j.lease, result_with(Verdict::AC, 3));
    auto fresh = this->store_->read_events("c1", start, 1000);
    std::vector<std::string> types;
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        types.push_back(fresh[i].type);
        if (i > 0) {
            EXPECT_GT(fresh[i].token, fresh[i - 1].token);
        }
        ASSERT_TRUE(fresh[i].data);
        EXPECT_NO_THROW(boost::json::parse(*fresh[i].data));
    }
    EXPECT_EQ(types,
              (std::vector<std::string>{"submissions", "judgements", "runs", "runs", "runs", "judgements"}));
    // Resuming from the middle gives exactly the rest.
    auto rest = this->store_->read_events("c1", fresh[2].token, 1000);
    ASSERT_EQ(rest.size(), fresh.size() - 3);
    EXPECT_EQ(rest.front().token, fresh[3].token);
    auto last = boost::json::parse(*fresh.back().data).as_object();
    EXPECT_EQ(last.at("judgement_type_id").as_string(), "AC");
    EXPECT_TRUE(last.at("current").as_bool());
    EXPECT_EQ(this->store_->read_events("other", 0, 10).size(), 0u);
}

TYPED_TEST(StoreTest, AbandonedJudgementIsDeletedFromTheFeed) {
    this->store_->add_submission(submission("t1"));
    Job j = this->claim("dead/0", 100ms);
    auto token = this->store_->latest_token();
    std::this_thread::sleep_for(200ms);
    Job again = this->claim("alive/0");
    auto events = this->store_->read_events("c1", token, 100);
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events[0].type, "judgements");
    EXPECT_EQ(events[0].id, j.lease.judgement_id);
    EXPECT_FALSE(events[0].data) << "the abandoned judgement is deleted";
    EXPECT_EQ(events[1].id, again.lease.judgement_id);
}

TYPED_TEST(StoreTest, UnchangedUpsertAppendsNoEvent) {
    auto token = this->store_->latest_token();
    auto team = *this->store_->get_team("c1", "t1");
    this->store_->upsert_team(team);
    EXPECT_EQ(this->store_->latest_token(), token);
    team.name = "Renamed";
    team.group_ids = {"g1"};
    this->store_->upsert_team(team);
    EXPECT_GT(this->store_->latest_token(), token);
    EXPECT_EQ(this->store_->get_team("c1", "t1")->group_ids, std::vector<std::string>{"g1"});
}

// Wake-ups are properties, not timings: with the safety poll set to ten minutes, a waiter that gets what it
// waits for within its (generous) wait was woken by the commit. The pause before the commit only makes it
// likely that the waiter is already waiting; if it is not, it finds the job at once and the test still holds.
TYPED_TEST(StoreTest, WaitingClaimerIsWokenBySubmission) {
    PollOff off;
    auto store = open_store(this->db_->url(), khue::api::contest_api_encoder());
    auto claimed = std::async(std::launch::async, [&] { return store->claim_job({"w/0", 10s, 60s}); });
    std::this_thread::sleep_for(300ms);
    auto s = store->add_submission(submission("t1"));
    auto job = claimed.get();
    ASSERT_TRUE(job) << "the claimer waited 60 s without being woken";
    EXPECT_EQ(job->submission_id, s.id);
}

TYPED_TEST(StoreTest, WaitingClaimerInAnotherStoreIsWoken) {
    // Two Store objects on one database: for PostgreSQL this goes through LISTEN/NOTIFY. (Other processes:
    // CrashTest.WaitingClaimerInAnotherProcessIsWoken.)
    PollOff off;
    auto waiter = open_store(this->db_->url(), khue::api::contest_api_encoder());
    auto submitter = open_store(this->db_->url(), khue::api::contest_api_encoder());
    auto claimed = std::async(std::launch::async, [&] { return waiter->claim_job({"w/0", 10s, 60s}); });
    std::this_thread::sleep_for(300ms);
    auto s = submitter->add_submission(submission("t1"));
    auto job = claimed.get();
    ASSERT_TRUE(job) << "the claimer waited 60 s without being woken";
    EXPECT_EQ(job->submission_id, s.id);
}

TYPED_TEST(StoreTest, EventWaiterIsWokenByAppend) {
    PollOff off;
    auto store = open_store(this->db_->url(), khue::api::contest_api_encoder());
    auto other = open_store(this->db_->url(), khue::api::contest_api_encoder());
    for (Store* appender : {store.get(), other.get()}) {
        auto token = store->latest_token();
        auto waited = std::async(std::launch::async, [&] { return store->wait_for_event(token, 60s); });
        std::this_thread::sleep_for(200ms);
        appender->append_event("c1", "clarifications", "x1", "{\"id\":\"x1\"}");
        EXPECT_TRUE(waited.get()) << "the event waiter waited 60 s without being woken";
    }
    EXPECT_FALSE(store->wait_for_event(store->latest_token(), 50ms));
}

TYPED_TEST(StoreTest, ConcurrentClaimersNeverShareAJob) {
    const int n = 40;
    for (int i = 0; i < n; ++i) {
        this->store_->add_submission(submission("t" + std::to_string(1 + i % 4)));
    }
    std::mutex mutex;
    std::multiset<std::int64_t> judged;
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w) {
        threads.emplace_back([&, w] {
            while (auto job = this->store_->claim_job({"w/" + std::to_string(w), 10s, 200ms})) {
                if (this->store_->complete_job(job->lease, result_with(Verdict::AC, 1)) ==
                    CompleteStatus::Recorded) {
                    std::lock_guard lock(mutex);
                    judged.insert(job->lease.job_id);
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(judged.size(), std::size_t(n));
    EXPECT_EQ(std::set<std::int64_t>(judged.begin(), judged.end()).size(), std::size_t(n));
    EXPECT_EQ(this->store_->list_judgements({.contest_id = "c1", .current_only = true}).size(),
              std::size_t(n));
}

TYPED_TEST(StoreTest, ContestStateAndAccountsRoundTrip) {
    ContestState st;
    st.started = Clock::now();
    this->store_->update_contest_state("c1", st);
    EXPECT_TRUE(this->store_->get_contest("c1")->state.started);
    EXPECT_THROW(this->store_->update_contest_state("nope", st), StoreInvalid);
    this->store_->upsert_account({"a1", "team1", "$argon$hash", AccountType::Team, "c1", "t1", "Team one"});
    EXPECT_EQ(this->store_->get_account_by_username("team1")->team_id, "t1");
    EXPECT_THROW(this->store_->upsert_account({"a2", "team1", "h", AccountType::Team, "c1", "t2", ""}),
                 StoreInvalid);
    this->store_->heartbeat({"host1", 2, {{0, "5", "7", Clock::now()}, {1, {}, {}, {}}}, {}});
    auto hosts = this->store_->list_hosts();
    ASSERT_EQ(hosts.size(), 1u);
    EXPECT_EQ(hosts[0].slot_status.at(0).submission_id, "5");
    EXPECT_FALSE(hosts[0].slot_status.at(1).submission_id);
}

// Many contests on one server (migration 0007): one account in several contests, a contest's practice flag.
TYPED_TEST(StoreTest, AnAccountTakesPartInSeveralContests) {
    Contest second;
    second.id = "c2";
    second.name = "Second";
    second.formal_name = "Second";
    second.practice = true;
    this->store_->upsert_contest(second);
    EXPECT_TRUE(this->store_->get_contest("c2")->practice);
    EXPECT_FALSE(this->store_->get_contest("c1")->practice);

    this->store_->upsert_account({"a1", "student", "h", AccountType::Team, "c1", "t1", "Student"});
    this->store_->upsert_account({"a2", "other", "h", AccountType::Team, "c1", "t2", "Other"});
    this->store_->add_account_contest({"a1", "c2", "x7"});
    this->store_->add_account_contest({"a1", "c2", "x8"});  // again: changes the team, no second row
    EXPECT_THROW(this->store_->add_account_contest({"a1", "nope", "x"}), StoreInvalid);
    EXPECT_THROW(this->store_->add_account_contest({"ghost", "c2", "x"}), StoreInvalid);

    auto mine = this->store_->list_account_contests("a1");
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine[0], (AccountContest{"a1", "c1", "t1"}));
    EXPECT_EQ(mine[1], (AccountContest{"a1", "c2", "x8"}));
    EXPECT_EQ(this->store_->list_account_contests("a2").size(), 1u);

    // c2's accounts: the joined one, with its team there; c1's own accounts are not c2's.
    auto in_c2 = this->store_->list_accounts(std::string_view("c2"));
    ASSERT_EQ(in_c2.size(), 1u);
    EXPECT_EQ(in_c2[0].username, "student");
    EXPECT_EQ(in_c2[0].contest_id, "c2");
    EXPECT_EQ(in_c2[0].team_id, "x8");
    auto in_c1 = this->store_->list_accounts(std::string_view("c1"));
    ASSERT_EQ(in_c1.size(), 2u);
    EXPECT_EQ(in_c1[0].team_id, "t1");
}
