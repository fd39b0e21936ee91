// The SqlSession of MySQL/MariaDB: server-side prepared statements from the
// connection's cache, inside a transaction that MysqlExecutor::transact()
// opened. Private to storage/mysql.
// Connector/C++ throws sql::SQLException from every call; the session turns
// a constraint violation into an Error value, and lets a lost connection or
// a deadlock pass to MysqlExecutor, which runs the transaction again.
// Thread safety: none (one thread, one transaction).
#pragma once

#include <memory>

#include "storage/detail/SqlSession.h"
#include "storage/mysql/detail/MysqlConnection.h"

namespace nusqa::storage {

// A session over the connection, which must outlive it.
std::unique_ptr<SqlSession> mysqlSession(MysqlConnection& connection);

}  // namespace nusqa::storage
