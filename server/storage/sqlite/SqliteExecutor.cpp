#include "storage/sqlite/detail/SqliteExecutor.h"

#include <utility>

#include "storage/sqlite/detail/SqliteConnection.h"
#include "storage/sqlite/detail/SqliteMigrations.h"
#include "storage/sqlite/detail/SqliteSession.h"

namespace nusqa::storage {
namespace {

// The read transaction this thread shares through readTogether(), if any.
struct SharedRead {
    const SqliteExecutor* executor = nullptr;
    SqliteConnection* connection = nullptr;
};
thread_local SharedRead t_sharedRead;

// Sets the thread's shared read for the lifetime of the object, also when
// the reads throw.
class SharedReadScope {
public:
    SharedReadScope(const SqliteExecutor* executor, SqliteConnection* connection)
        : _previous(t_sharedRead) {
        t_sharedRead = SharedRead{executor, connection};
    }
    ~SharedReadScope() { t_sharedRead = _previous; }
    SharedReadScope(const SharedReadScope&) = delete;
    SharedReadScope& operator=(const SharedReadScope&) = delete;

private:
    SharedRead _previous;
};

}  // namespace

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
    if (t_sharedRead.executor == this) {
        if (access == Access::Write)
            return fail(ErrorCode::Internal, std::string("storage/sqlite: ") + operation +
                                                 ": a write inside a shared read");
        // Joins the shared transaction: no BEGIN or COMMIT of its own. A
        // failed read leaves nothing to roll back.
        if (auto done = body(*sqliteSession(*t_sharedRead.connection)); !done)
            return std::unexpected(
                std::move(done).error().withContext(std::string("storage/sqlite: ") + operation));
        return {};
    }
    auto inTransaction = [&](SqliteTransaction::Mode mode) {
        return [&, mode](SqliteConnection& connection) -> Status {
            auto transaction = NUSQA_TRY(SqliteTransaction::begin(connection, mode));
            NUSQA_TRY(body(*sqliteSession(connection)));
            return transaction.commit();
        };
    };
    if (access == Access::SingleRead)
        return onConnection(operation, [&](SqliteConnection& connection) -> Status {
            return body(*sqliteSession(connection));
        });
    if (access == Access::Read)
        return onConnection(operation, inTransaction(SqliteTransaction::Mode::Deferred));
    // The mutex is taken before a connection: writers queueing for their turn
    // hold no connection that readers could use.
    std::lock_guard lock(_writeMutex);
    return onConnection(operation, inTransaction(SqliteTransaction::Mode::Immediate));
}

Status SqliteExecutor::readTogether(const char* operation, const std::function<Status()>& reads) {
    if (t_sharedRead.executor == this) return reads();
    Status result;
    Status transaction = onConnection(operation, [&](SqliteConnection& connection) -> Status {
        auto shared =
            NUSQA_TRY(SqliteTransaction::begin(connection, SqliteTransaction::Mode::Deferred));
        {
            SharedReadScope scope(this, &connection);
            result = reads();
        }
        return shared.commit();
    });
    NUSQA_TRY(std::move(transaction));
    return result;
}

}  // namespace nusqa::storage
