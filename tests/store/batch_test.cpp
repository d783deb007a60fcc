// Batched claims and completions (JobQueue::claim_jobs, complete_jobs), against SQLite always and PostgreSQL
// when KHUE_TEST_POSTGRES is set: each job of a batch behaves exactly as if claimed or completed alone, and
// the events a batch writes are byte for byte what the stored records encode to.
#include <gtest/gtest.h>

#include <set>

#include "khue/api/contest_api.hpp"
#include "khue/test/store_fixture.hpp"

using namespace khue::judge;
using namespace khue::store;
using namespace khue::store::testing;
using namespace std::chrono_literals;

namespace {

template <class Backend>
class BatchTest : public SeededStore<Backend> {
  protected:
    using SeededStore<Backend>::db_;
    using SeededStore<Backend>::store_;
    std::vector<std::string> submit(int n) {
        std::vector<std::string> ids;
        for (int i = 0; i < n; ++i) {
            ids.push_back(store_->add_submission(submission("t" + std::to_string(1 + i % 4))).id);
        }
        return ids;
    }
    // The latest event of `type` about object `id`.
    std::optional<Event> last_event(const std::string& type, const std::string& id) {
        std::optional<Event> found;
        for (const auto& e : store_->read_events("c1", 0, 100000)) {
            if (e.type == type && e.id == id) {
                found = e;
            }
        }
        return found;
    }
};

TYPED_TEST_SUITE(BatchTest, Backends, BackendNames);

}  // namespace

TYPED_TEST(BatchTest, ClaimTakesTheNextJobsInQueueOrderEachForItsOwner) {
    auto ids = this->submit(5);
    // Five single claims on a copy of the queue give the order a batch must follow.
    auto jobs = this->store_->claim_jobs({"h/0", "h/1", "h/2"}, 10s, 0ms);
    ASSERT_EQ(jobs.size(), 3u);
    std::set<std::string> judgements;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        EXPECT_EQ(jobs[i].submission_id, ids[i]) << "job " << i << " out of queue order";
        EXPECT_EQ(jobs[i].lease.owner, "h/" + std::to_string(i));
        EXPECT_EQ(jobs[i].attempt, 1);
        EXPECT_EQ(jobs[i].problem_id, "hello");
        EXPECT_FALSE(jobs[i].package_hash.empty());
        judgements.insert(jobs[i].lease.judgement_id);
        auto current = this->store_->current_judgement("c1", ids[i]);
        ASSERT_TRUE(current);
        EXPECT_EQ(current->id, jobs[i].lease.judgement_id);
        EXPECT_EQ(current->judged_by, "h/" + std::to_string(i));
    }
    EXPECT_EQ(judgements.size(), 3u);
    auto stats = this->store_->queue_stats();
    EXPECT_EQ(stats.running, 3u);
    EXPECT_EQ(stats.queued, 2u);
    auto rest = this->store_->claim_jobs({"h/3", "h/4", "h/5"}, 10s, 0ms);
    ASSERT_EQ(rest.size(), 2u) << "a batch takes what there is";
    EXPECT_EQ(rest[0].submission_id, ids[3]);
    EXPECT_EQ(rest[1].submission_id, ids[4]);
    EXPECT_TRUE(this->store_->claim_jobs({"h/6", "h/7"}, 10s, 0ms).empty());
}

TYPED_TEST(BatchTest, ClaimRefusesBadOwners) {
    EXPECT_THROW(this->store_->claim_jobs({}, 10s, 0ms), StoreInvalid);
    EXPECT_THROW(this->store_->claim_jobs({"h/0", ""}, 10s, 0ms), StoreInvalid);
    EXPECT_THROW(this->store_->claim_jobs({"h/0", "h/0"}, 10s, 0ms), StoreInvalid);
}

TYPED_TEST(BatchTest, EachCompletionIsFencedByItsOwnLease) {
    auto ids = this->submit(3);
    auto jobs = this->store_->claim_jobs({"h/0", "h/1", "h/2"}, 10s, 0ms);
    ASSERT_EQ(jobs.size(), 3u);
    Lease stolen = jobs[2].lease;
    stolen.owner = "impostor/0";
    auto statuses = this->store_->complete_jobs({{jobs[0].lease, result_with(Verdict::AC, 2)},
                                                 {jobs[1].lease, result_with(Verdict::WA, 0)},
                                                 {stolen, result_with(Verdict::AC, 1)}});
    ASSERT_EQ(statuses.size(), 3u);
    EXPECT_EQ(statuses[0], CompleteStatus::Recorded);
    EXPECT_EQ(statuses[1], CompleteStatus::Recorded);
    EXPECT_EQ(statuses[2], CompleteStatus::LeaseLost);
    EXPECT_EQ(this->store_->current_judgement("c1", ids[0])->verdict, Verdict::AC);
    EXPECT_EQ(this->store_->current_judgement("c1", ids[1])->verdict, Verdict::WA);
    EXPECT_FALSE(this->store_->current_judgement("c1", ids[2])->verdict) << "still judging";
    EXPECT_EQ(this->store_->list_runs("c1", jobs[0].lease.judgement_id).size(), 2u);
    EXPECT_TRUE(this->store_->list_runs("c1", jobs[1].lease.judgement_id).empty());
    // A retry of the same batch changes nothing; the real owner can still record its job.
    statuses = this->store_->complete_jobs(
        {{jobs[0].lease, result_with(Verdict::WA, 3)}, {jobs[2].lease, result_with(Verdict::RTE, 1)}});
    EXPECT_EQ(statuses[0], CompleteStatus::AlreadyRecorded);
    EXPECT_EQ(statuses[1], CompleteStatus::Recorded);
    EXPECT_EQ(this->store_->current_judgement("c1", ids[0])->verdict, Verdict::AC);
    EXPECT_EQ(this->store_->list_runs("c1", jobs[0].lease.judgement_id).size(), 2u);
    EXPECT_EQ(this->store_->current_judgement("c1", ids[2])->verdict, Verdict::RTE);
    EXPECT_EQ(this->store_->queue_stats().running, 0u);
    EXPECT_THROW(this->store_->complete_jobs(
                     {{jobs[1].lease, result_with(Verdict::AC)}, {jobs[1].lease, result_with(Verdict::AC)}}),
                 StoreInvalid);
}

TYPED_TEST(BatchTest, EventsAreWhatTheStoredRecordsEncodeTo) {
    auto ids = this->submit(2);
    auto encoder = khue::api::contest_api_encoder();
    auto contest = *this->store_->get_contest("c1");
    auto jobs = this->store_->claim_jobs({"h/0", "h/1"}, 10s, 0ms);
    ASSERT_EQ(jobs.size(), 2u);
    for (const auto& job : jobs) {
        auto stored = this->store_->current_judgement("c1", job.submission_id);
        ASSERT_TRUE(stored);
        auto event = this->last_event("judgements", job.lease.judgement_id);
        ASSERT_TRUE(event && event->data);
        EXPECT_EQ(*event->data, encoder->judgement(contest, *stored)) << "claim event";
    }
    JudgementResult scored = result_with(Verdict::WA, 3);
    scored.score = 12.5;
    scored.max_score = 100;
    scored.runs[1].wall_time = Seconds(0.1234567891);
    scored.runs[1].memory = Bytes{123456789};
    scored.runs[1].message = "wrong answer on line 3";
    scored.compile_output = "warning: unused variable";
    auto statuses =
        this->store_->complete_jobs({{jobs[0].lease, scored}, {jobs[1].lease, result_with(Verdict::AC, 1)}});
    ASSERT_EQ(statuses[0], CompleteStatus::Recorded);
    ASSERT_EQ(statuses[1], CompleteStatus::Recorded);
    for (const auto& job : jobs) {
        auto stored = this->store_->current_judgement("c1", job.submission_id);
        ASSERT_TRUE(stored && stored->verdict);
        auto event = this->last_event("judgements", job.lease.judgement_id);
        ASSERT_TRUE(event && event->data);
        EXPECT_EQ(*event->data, encoder->judgement(contest, *stored)) << "completion event";
        for (const auto& run : this->store_->list_runs("c1", job.lease.judgement_id)) {
            auto run_event = this->last_event("runs", run.id);
            ASSERT_TRUE(run_event && run_event->data) << "run " << run.id;
            EXPECT_EQ(*run_event->data, encoder->run(contest, run));
        }
    }
}
