// SqliteExecutor: runs the storage's transactions (SqlDocumentStore,
// SqlRecordStore) on one SQLite file in the data directory.
//
// Opening creates the file if needed, switches it to WAL and runs the
// migrations. Every connection uses synchronous=FULL (a commit is on disk
// before the call returns, see SqliteConnection.cpp), foreign keys and a busy
// timeout.
//
// Thread safety: transact() may be called concurrently. A pool of up to
// poolSize connections serves the calls; readers run in parallel (WAL lets
// them read while a write is in progress) and keep their prepared statements
// cached per connection. Writers are serialised in the process by a mutex and
// across processes by BEGIN IMMEDIATE, so a write transaction never fails
// halfway because another writer got there first.
// Errors: messages start with "storage/sqlite: " and the operation.
// Unavailable when the file cannot be opened or stays locked by another
// process past the busy timeout.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "storage/detail/ConnectionPool.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class SqliteConnection;

class SqliteExecutor final : public SqlExecutor {
public:
    // REQUIRES: the parent directory of path exists.
    static Result<std::unique_ptr<SqliteExecutor>> open(const std::string& path, int poolSize = 16);
    ~SqliteExecutor() override;

    // A Write holds the writer mutex and an IMMEDIATE transaction; a Read
    // runs in a DEFERRED one (one snapshot); a SingleRead's one statement
    // runs in autocommit mode (its own snapshot, no BEGIN or COMMIT).
    Status transact(const char* operation, Access access,
                    const std::function<Status(SqlSession&)>& body) override;
    // One DEFERRED transaction on one connection for every Read transact()
    // this thread makes inside reads (nested calls join the outer one); a
    // Write inside fails with Internal: the thread already holds a pooled
    // connection, and waiting for a second one could exhaust the pool.
    Status readTogether(const char* operation, const std::function<Status()>& reads) override;

private:
    SqliteExecutor(const std::string& path, int poolSize);
    Status onConnection(const char* operation,
                        const std::function<Status(SqliteConnection&)>& body);

    ConnectionPool<SqliteConnection> _pool;
    std::mutex _writeMutex;
};

}  // namespace nusqa::storage
