#include "storage/mysql/detail/MysqlExecutor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <utility>

#include "storage/mysql/detail/MysqlConnection.h"
#include "storage/mysql/detail/MysqlMigrations.h"
#include "storage/mysql/detail/MysqlSession.h"

namespace nusqa::storage {

namespace {

// A unit of work runs at most this many times: after a deadlock, a Galera
// certification failure (both 1213), a lock wait timeout (1205), a node that
// is not Synced (1047) or a connection lost before COMMIT was sent.
constexpr int kMaximumAttempts = 12;
// On Galera a duplicate key may be a conflict with another node's write
// (MysqlConnection::duplicatesRetried): retried this many times less one;
// a real duplicate is answered on the last attempt.
constexpr int kDuplicateAttempts = 3;
// The pause before attempt n+1 is about kFirstBackoff * 2^(n-1), at most
// kLongestBackoff, drawn at random from half to the whole of it: two nodes
// whose transactions conflicted do not collide again in lockstep.
constexpr std::chrono::milliseconds kFirstBackoff{4};
constexpr std::chrono::milliseconds kLongestBackoff{400};
constexpr std::size_t kMaximumDatabaseNameLength = 64;

bool isValidDatabaseName(const std::string& name) {
    if (name.empty() || name.size() > kMaximumDatabaseNameLength) return false;
    for (char character : name) {
        bool allowed = (character >= 'a' && character <= 'z') ||
                       (character >= 'A' && character <= 'Z') ||
                       (character >= '0' && character <= '9') || character == '_' ||
                       character == '$' || character == '-';
        if (!allowed) return false;
    }
    return true;
}

// Connects to the database, creating it when the server says it is unknown.
// Throws sql::SQLException.
std::unique_ptr<MysqlConnection> connectCreatingDatabase(const MysqlSettings& settings) {
    constexpr int kUnknownDatabase = 1049;  // ER_BAD_DB_ERROR
    try {
        return MysqlConnection::connect(settings, true);
    } catch (const sql::SQLException& exception) {
        if (exception.getErrorCode() != kUnknownDatabase) throw;
    }
    auto server = MysqlConnection::connect(settings, false);
    // An identifier cannot be a parameter; the name passed
    // isValidDatabaseName(), so it cannot close the backquotes.
    server->execute("CREATE DATABASE IF NOT EXISTS `" + settings.database +
                    "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    return MysqlConnection::connect(settings, true);
}

std::atomic<void (*)(const char*, int, int)> retryObserver{nullptr};

void backOff(int failedAttempt) {
    thread_local std::minstd_rand random{std::random_device{}()};
    auto ceiling = std::min<std::chrono::milliseconds::rep>(
        kFirstBackoff.count() << std::min(failedAttempt - 1, 16), kLongestBackoff.count());
    std::uniform_int_distribution<std::chrono::milliseconds::rep> pause(ceiling / 2, ceiling);
    std::this_thread::sleep_for(std::chrono::milliseconds(pause(random)));
}

}  // namespace

void setMysqlRetryObserver(void (*observer)(const char* operation, int errorCode, int attempt)) {
    retryObserver = observer;
}

MysqlExecutor::MysqlExecutor(const MysqlSettings& settings, int poolSize)
    : _pool(poolSize, [settings] { return MysqlConnection::open(settings, true); }) {}

MysqlExecutor::~MysqlExecutor() = default;

Result<std::unique_ptr<MysqlExecutor>> MysqlExecutor::open(const MysqlSettings& settings,
                                                           int poolSize) {
    if (!isValidDatabaseName(settings.database))
        return fail(ErrorCode::InvalidArgument,
                    "storage/mysql: invalid database name '" + settings.database +
                        "' (letters, digits, '_', '$', '-'; at most 64)");
    const std::string context = "storage/mysql: open " + settings.user + "@" + settings.host + ":" +
                                std::to_string(settings.port) + "/" + settings.database;
    std::unique_ptr<MysqlConnection> connection;
    try {
        connection = connectCreatingDatabase(settings);
        if (auto migrated = migrateMysql(*connection, settings.database); !migrated)
            return std::unexpected(std::move(migrated).error().withContext(context + ": migrate"));
    } catch (const sql::SQLException& exception) {
        return std::unexpected(mysqlError(exception).withContext(context));
    } catch (const std::exception& exception) {
        return fail(ErrorCode::Unavailable, context + ": " + exception.what());
    }
    std::unique_ptr<MysqlExecutor> executor(new MysqlExecutor(settings, poolSize));
    executor->_pool.adopt(std::move(connection));
    return executor;
}

Status MysqlExecutor::transact(const char* operation, Access access,
                               const std::function<Status(SqlSession&)>& body) {
    registerMysqlThread();
    const std::string context = std::string("storage/mysql: ") + operation;
    for (int attempt = 1;; ++attempt) {
        auto lease = _pool.acquire();
        if (!lease) return std::unexpected(std::move(lease).error().withContext(context));
        MysqlConnection& connection = **lease;
        connection.setCommitSent(false);
        connection.setDuplicatesRetried(connection.galera() && attempt < kDuplicateAttempts);
        try {
            Status result = [&]() -> Status {
                MysqlTransaction transaction(connection, access == Access::Write
                                                             ? MysqlTransaction::Mode::ReadWrite
                                                             : MysqlTransaction::Mode::ReadOnly);
                Status done = body(*mysqlSession(connection));
                // An error the unit answered may come from a transaction the
                // server ended behind it (MysqlConnection::checkBeforeCommit):
                // then it is a conflict to run again, not the answer.
                if (!done) connection.checkBeforeCommit(access == Access::Write);
                NUSQA_TRY(std::move(done));
                transaction.commit();
                return {};
            }();
            if (connection.broken()) lease->discard();
            if (!result) return std::unexpected(std::move(result).error().withContext(context));
            return result;
        } catch (const sql::SQLException& exception) {
            int errorCode = exception.getErrorCode();
            bool lost = isConnectionLost(errorCode);
            // Never reused after a failed attempt: on Galera, retries on the
            // connection of an aborted attempt stored a blob twice over
            // (cluster_load: a few agreement sheets in hundreds of retries
            // held two copies of their XML). Which protocol state carries
            // it over is not pinned down (a conflict before or during a
            // blob's statement alone does not reproduce it); a fresh
            // connection costs a round trip and leaves none.
            lease->discard();
            if (lost) _pool.discardIdle();
            bool retry = attempt < kMaximumAttempts &&
                         ((lost && !connection.commitSent()) || isTransient(errorCode) ||
                          (isDuplicate(errorCode) && connection.duplicatesRetried()));
            if (!retry) {
                Error error = mysqlError(exception).withContext(context);
                if (attempt > 1)
                    error.message += " (after " + std::to_string(attempt) + " attempts)";
                return std::unexpected(std::move(error));
            }
            if (auto observer = retryObserver.load()) observer(operation, errorCode, attempt);
            backOff(attempt);
        } catch (const std::exception& exception) {
            lease->discard();
            return fail(ErrorCode::Internal, context + ": " + exception.what());
        }
    }
}

}  // namespace nusqa::storage
