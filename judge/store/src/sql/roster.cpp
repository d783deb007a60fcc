// SqlStore, role RosterWrites: a whole roster in one transaction.
#include "sql/sql_store.hpp"

namespace khue::store::sql {

void SqlStore::write_roster(const RosterBatch& batch) {
    transact(Mode::Durable, [&](Tx& tx) {
        require_contest(tx, batch.contest_id);
        for (const auto& o : batch.organizations) {
            put_organization(tx, o);
        }
        for (const auto& g : batch.groups) {
            put_group(tx, g);
        }
        for (const auto& t : batch.teams) {
            put_team(tx, t);
        }
        for (const auto& a : batch.accounts) {
            put_account(tx, a);
        }
    });
}

}  // namespace khue::store::sql
