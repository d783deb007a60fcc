// The Clarifications role of the Store, on SQLite always and PostgreSQL when KHUE_TEST_POSTGRES is set.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "khue/api/contest_api.hpp"
#include "khue/test/store_fixture.hpp"

using namespace khue::store;
using namespace khue::store::testing;

namespace {

template <class Backend>
class ClarificationStoreTest : public SeededStore<Backend> {
  protected:
    using SeededStore<Backend>::db_;
    using SeededStore<Backend>::store_;
    NewClarification question(const std::string& team, const std::string& text) {
        NewClarification q;
        q.contest_id = "c1";
        q.from_team_id = team;
        q.problem_id = "hello";
        q.text = text;
        q.sender = team;
        return q;
    }
};

TYPED_TEST_SUITE(ClarificationStoreTest, Backends, BackendNames);

TYPED_TEST(ClarificationStoreTest, QuestionAnswerAndEventsRoundTrip) {
    auto& db = *this->store_;
    auto before = db.latest_token();
    auto q = db.add_clarification(this->question("t1", "Is n positive? Có phải n dương?"));
    EXPECT_FALSE(q.id.empty());
    NewClarification a;
    a.contest_id = "c1";
    a.reply_to_id = q.id;
    a.to_team_ids = std::vector<std::string>{"t1"};
    a.text = "Yes";
    a.sender = "jury";
    auto answer = db.add_clarification(a);
    EXPECT_NE(answer.id, q.id);

    auto all = db.list_clarifications("c1");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].text, "Is n positive? Có phải n dương?");
    EXPECT_TRUE(all[0].answered);
    EXPECT_EQ(all[0].from_team_id, std::optional<std::string>("t1"));
    EXPECT_FALSE(all[0].to_team_ids.has_value());
    EXPECT_EQ(all[1].to_team_ids, std::optional<std::vector<std::string>>(std::vector<std::string>{"t1"}));
    EXPECT_FALSE(all[1].to_group_ids.has_value());

    // One "clarifications" event each, holding the Contest API object.
    int seen = 0;
    for (const auto& e : db.read_events("c1", before, 100)) {
        if (e.type == event_type::clarifications) {
            ++seen;
            auto data = boost::json::parse(*e.data).as_object();
            EXPECT_TRUE(data.contains("to_group_ids"));
            EXPECT_FALSE(data.contains("claimed_by"));  // jury bookkeeping stays out of the feed
        }
    }
    EXPECT_EQ(seen, 2);
}

TYPED_TEST(ClarificationStoreTest, ReferencesMustExist) {
    auto& db = *this->store_;
    auto bad_team = this->question("nobody", "?");
    EXPECT_THROW(db.add_clarification(bad_team), StoreInvalid);
    NewClarification to_unknown_group;
    to_unknown_group.contest_id = "c1";
    to_unknown_group.to_group_ids = std::vector<std::string>{"nogroup"};
    to_unknown_group.text = "x";
    EXPECT_THROW(db.add_clarification(to_unknown_group), StoreInvalid);
    auto bad_reply = this->question("t1", "?");
    bad_reply.reply_to_id = "999";
    EXPECT_THROW(db.add_clarification(bad_reply), StoreInvalid);
    auto team_to_team = this->question("t1", "?");
    team_to_team.to_team_ids = std::vector<std::string>{"t2"};
    EXPECT_THROW(db.add_clarification(team_to_team), StoreInvalid);
    EXPECT_TRUE(db.list_clarifications("c1").empty());
}

TYPED_TEST(ClarificationStoreTest, OneJudgeHoldsAClaimUntilAnswered) {
    auto& db = *this->store_;
    auto q = db.add_clarification(this->question("t2", "Time limit?"));
    auto first = db.claim_clarification("c1", q.id, "judge1", false, false);
    EXPECT_TRUE(first.ok);
    auto second = db.claim_clarification("c1", q.id, "judge2", false, false);
    EXPECT_FALSE(second.ok);
    EXPECT_EQ(second.holder, std::optional<std::string>("judge1"));
    EXPECT_FALSE(
        db.claim_clarification("c1", q.id, "judge2", true, false).ok);  // not the holder's to release
    EXPECT_EQ(db.get_clarification("c1", q.id)->claimed_by, std::optional<std::string>("judge1"));
    EXPECT_TRUE(db.claim_clarification("c1", q.id, "judge2", false, true).ok);  // taken over on purpose
    EXPECT_EQ(db.get_clarification("c1", q.id)->claimed_by, std::optional<std::string>("judge2"));

    NewClarification a;
    a.contest_id = "c1";
    a.reply_to_id = q.id;
    a.text = "1 second";
    a.sender = "judge2";
    db.add_clarification(a);
    auto after = db.get_clarification("c1", q.id);
    EXPECT_FALSE(after->claimed_by.has_value());
    EXPECT_TRUE(after->answered);
    // A broadcast is nobody's question to claim.
    EXPECT_THROW(db.claim_clarification("c1", db.list_clarifications("c1").back().id, "judge1", false, false),
                 StoreInvalid);
}

}  // namespace
