// The SqlSession of SQLite: statements prepared from the connection's cache,
// inside a transaction that SqliteExecutor::transact() opened. Private to
// storage/sqlite.
// Thread safety: none (one thread, one transaction).
#pragma once

#include <memory>

#include "storage/detail/SqlSession.h"
#include "storage/sqlite/detail/SqliteConnection.h"

namespace nusqa::storage {

// A session over the connection, which must outlive it.
std::unique_ptr<SqlSession> sqliteSession(SqliteConnection& connection);

}  // namespace nusqa::storage
