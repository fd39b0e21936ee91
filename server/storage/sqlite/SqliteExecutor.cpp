#include "storage/sqlite/detail/SqliteExecutor.h"

#include <utility>

#include "storage/sqlite/detail/SqliteConnection.h"
#include "storage/sqlite/detail/SqliteMigrations.h"
#include "storage/sqlite/detail/SqliteSession.h"

namespace nusqa::storage {

SqliteExecutor::SqliteExecutor(const std::string& path, int poolSize)
    : _pool(poolSize, [path] { return SqliteConnection::open(path); }) {}

SqliteExecutor::~SqliteExecutor() = default;

Result<std::unique_ptr<SqliteExecutor>> SqliteExecutor::open(const std::string& path,
                                                             int poolSize) {
    if (sqlite3_threadsafe() == 0)
        return fail(ErrorCode::Internal, "storage/sqlite: SQLite was built without thread support");
    auto connection = SqliteConnection::open(path);
    if (!connection)
        return std::unexpected(std::move(connection).error().withContext("storage/sqlite: open"));
    if (auto migrated = migrateSqlite(**connection); !migrated)
        return std::unexpected(std::move(migrated).error().withContext("storage/sqlite: migrate"));
    std::unique_ptr<SqliteExecutor> executor(new SqliteExecutor(path, poolSize));
    executor->_pool.adopt(std::move(*connection));
    return executor;
}

Status SqliteExecutor::onConnection(const char* operation,
                                    const std::function<Status(SqliteConnection&)>& body) {
    auto lease = _pool.acquire();
    if (!lease) return std::unexpected(std::move(lease).error().withContext("storage/sqlite"));
    if (auto done = body(**lease); !done)
        return std::unexpected(
            std::move(done).error().withContext(std::string("storage/sqlite: ") + operation));
    return {};
}

Status SqliteExecutor::transact(const char* operation, Access access,
                                const std::function<Status(SqlSession&)>& body) {
    auto inTransaction = [&](SqliteTransaction::Mode mode) {
        return [&, mode](SqliteConnection& connection) -> Status {
            auto transaction = NUSQA_TRY(SqliteTransaction::begin(connection, mode));
            NUSQA_TRY(body(*sqliteSession(connection)));
            return transaction.commit();
        };
    };
    if (access == Access::Read)
        return onConnection(operation, inTransaction(SqliteTransaction::Mode::Deferred));
    // The mutex is taken before a connection: writers queueing for their turn
    // hold no connection that readers could use.
    std::lock_guard lock(_writeMutex);
    return onConnection(operation, inTransaction(SqliteTransaction::Mode::Immediate));
}

}  // namespace nusqa::storage
