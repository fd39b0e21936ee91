// SqlSession over one MysqlConnection inside a transaction that
// MysqlStore::transact() opened. Private to storage/mysql.
// Connector/C++ throws sql::SQLException from every call; the adapter lets
// it pass to MysqlStore, which turns it into an Error (and retries a
// deadlock or a lost connection).
// Thread safety: none (one thread, one transaction).
#pragma once

#include "storage/detail/SqlSession.h"
#include "storage/mysql/detail/MysqlConnection.h"

namespace nusqa::storage {

class MysqlSession final : public SqlSession {
public:
    explicit MysqlSession(MysqlConnection& connection) : _connection(connection) {}
    Result<std::unique_ptr<SqlStatement>> prepare(const std::string& sql) override;
    Result<std::int64_t> lastInsertId() override { return _connection.lastInsertId(); }
    SqlDialect dialect() const override { return SqlDialect::Mysql; }

private:
    MysqlConnection& _connection;
};

}  // namespace nusqa::storage
