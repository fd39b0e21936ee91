// MysqlExecutor: runs the storage's transactions (SqlDocumentStore,
// SqlRecordStore) on MySQL/MariaDB through MySQL Connector/C++ 1.1.
//
// Tables are InnoDB in utf8mb4; the code and title columns use utf8mb4_bin so
// that uniqueness and search are exact and case-sensitive; the XML is a
// LONGBLOB, so its bytes round-trip unchanged. Every value travels as a
// prepared-statement parameter. open() creates the database (utf8mb4) when it
// is missing and runs the migrations.
//
// Thread safety: transact() may be called concurrently; a pool of up to
// poolSize connections serves it, each with its prepared statements cached.
// A connection found dead (server restart, wait_timeout, KILL, a Galera node
// not Synced: 1047) is discarded and the transaction run again on a fresh
// connection, unless COMMIT had already been sent (then the outcome is
// unknown and the call fails Unavailable). Deadlocks, lock wait timeouts and
// Galera certification failures (1213 at COMMIT or at any statement) roll the
// whole transaction back and run it again. At most 12 attempts, with a
// jittered exponential pause between them (4 ms doubling, at most 250 ms);
// the connection of a failed attempt is discarded, never reused.
// So a transaction's body must start from a clean state each time and do
// nothing outside the database: whatever it read or wrote in a failed
// attempt is void, and only a returned transact() means COMMIT succeeded.
// Errors: messages start with "storage/mysql: " and the operation, then the
// server's text. Unavailable when the server cannot be reached. The password
// never appears in a message or a log line.
#pragma once

#include <memory>
#include <string>

#include "storage/detail/ConnectionPool.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class MysqlConnection;

struct MysqlSettings {
    std::string host = "127.0.0.1";
    int port = 3306;
    std::string user;
    std::string password;
    std::string database;  // letters, digits, '_', '$', '-'; at most 64
};

// The observer of every retry of every executor (StoreFactory.h).
void setMysqlRetryObserver(void (*observer)(const char* operation, int errorCode, int attempt));

class MysqlExecutor final : public SqlExecutor {
public:
    // InvalidArgument for a database name outside the allowed characters;
    // Unavailable when the server cannot be reached or refuses the login.
    static Result<std::unique_ptr<MysqlExecutor>> open(const MysqlSettings& settings,
                                                       int poolSize = 16);
    ~MysqlExecutor() override;

    Status transact(const char* operation, Access access,
                    const std::function<Status(SqlSession&)>& body) override;

private:
    MysqlExecutor(const MysqlSettings& settings, int poolSize);

    ConnectionPool<MysqlConnection> _pool;
};

}  // namespace nusqa::storage
