// SqlSession over one SqliteConnection inside a transaction that
// SqliteStore::transact() opened. Private to storage/sqlite.
// Thread safety: none (one thread, one transaction).
#pragma once

#include "storage/detail/SqlSession.h"
#include "storage/sqlite/detail/SqliteConnection.h"

namespace nusqa::storage {

class SqliteSession final : public SqlSession {
public:
    explicit SqliteSession(SqliteConnection& connection) : _connection(connection) {}
    Result<std::unique_ptr<SqlStatement>> prepare(const std::string& sql) override;
    Result<std::int64_t> lastInsertId() override { return _connection.lastInsertId(); }
    SqlDialect dialect() const override { return SqlDialect::Sqlite; }

private:
    SqliteConnection& _connection;
};

}  // namespace nusqa::storage
