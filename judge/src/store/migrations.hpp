#pragma once

#include "store/db.hpp"

namespace khue::judge::store {

int latest_schema_version();
// Applies every migration not yet recorded in schema_version, each in its own transaction; returns the
// version. Throws StoreError when the database is newer than this program.
int migrate(db::Connection& conn, db::Backend backend);

}  // namespace khue::judge::store
