// Versioned schema: judge/store/migrations/NNNN_name.sql, embedded at build time (embed_migrations.cmake).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"

namespace khue::store {

// One migration file as embedded: its number (the NNNN of its name), its name, its text.
struct MigrationSource {
    int version;
    const char* name;
    std::string_view text;
};
// Every migration, by number (generated source).
const std::vector<MigrationSource>& migration_sources();

// The statements of a migration's text for `backend`: split at each ';' that ends a line, "--" comment lines
// dropped, {ID} {INT} {REAL} {BLOB} spelled for the backend. Throws StoreError on text after the last ';'.
std::vector<std::string> migration_statements(const MigrationSource& migration, db::Backend backend);

int latest_schema_version();
// Applies every migration not yet recorded in schema_version, each in its own transaction; returns the
// version. Throws StoreError when the database is newer than this program.
int migrate(db::Connection& conn, db::Backend backend);

}  // namespace khue::store
