// The SQLite schema as an ordered list of migrations. Private to
// storage/sqlite.
//
// migrateSqlite() applies, in one IMMEDIATE transaction, every migration
// newer than the highest version recorded in schema_migrations(version,
// applied_at), recording each one; re-running it applies nothing. Two
// processes opening the same file at once are serialised by the write lock.
// Errors: Internal when the file's schema is newer than this program knows.
#pragma once

#include "domain/Error.h"
#include "storage/sqlite/detail/SqliteConnection.h"

namespace nusqa::storage {

Status migrateSqlite(SqliteConnection& connection);

}  // namespace nusqa::storage
