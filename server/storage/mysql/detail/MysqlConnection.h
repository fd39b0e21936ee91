// One Connector/C++ connection with its cache of server-side prepared
// statements, and a transaction guard. Private to storage/mysql.
//
// Thread safety: none; a connection is used by one thread at a time (the
// ConnectionPool hands it out).
// Errors: the Connector calls made through this class throw
// sql::SQLException; MysqlExecutor catches them at its boundary and turns them
// into nusqa::Error with mysqlError(). open() returns its errors as values.
#pragma once

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "domain/Error.h"
#include "storage/mysql/detail/MysqlExecutor.h"

namespace nusqa::storage {

// The server error codes that mean the connection is gone (server restarted,
// connection killed or timed out, network down) or its Galera node is not
// Synced (1047): the connection is discarded and the call may be retried on a
// fresh one.
bool isConnectionLost(int errorCode);
// Deadlock or lock wait timeout: InnoDB rolled the statement or transaction
// back and the whole transaction may be retried. On Galera 1213 is also the
// certification failure of a write conflict with another node, at COMMIT or
// at any statement of a transaction that a replicated write set aborted.
bool isTransient(int errorCode);
// ER_DUP_ENTRY / ER_DUP_ENTRY_WITH_KEY_NAME.
bool isDuplicate(int errorCode);

// Duplicate key (1062) → Conflict; a missing parent row (1452) → NotFound;
// data too long or out of range → InvalidArgument; connection failures, access
// denied, unknown database, too many connections → Unavailable; else
// Internal. The message is the server's (it never contains the password).
Error mysqlError(const sql::SQLException& exception);

// Timestamps: the domain's "YYYY-MM-DDTHH:MM:SSZ" <-> DATETIME's
// "YYYY-MM-DD HH:MM:SS" (the session time zone is UTC).
std::string toMysqlDateTime(const std::string& timestamp);
std::string fromMysqlDateTime(const std::string& dateTime);

// The session registration that Connector/C++ wants on every thread that
// uses it (mysql_thread_init/mysql_thread_end); idempotent per thread.
void registerMysqlThread();

class MysqlConnection {
public:
    // Connects with utf8mb4 and the session settings the store relies on
    // (strict SQL mode, UTC, repeatable read; wsrep_sync_wait = 1 on Galera). With withDatabase the
    // connection's default database is settings.database.
    static Result<std::unique_ptr<MysqlConnection>> open(const MysqlSettings& settings,
                                                         bool withDatabase);
    // The same, throwing sql::SQLException.
    static std::unique_ptr<MysqlConnection> connect(const MysqlSettings& settings,
                                                    bool withDatabase);
    MysqlConnection(const MysqlConnection&) = delete;
    MysqlConnection& operator=(const MysqlConnection&) = delete;
    ~MysqlConnection();

    // The prepared statement for this SQL text (prepared once per connection)
    // with its parameters cleared. Throws sql::SQLException.
    sql::PreparedStatement& prepare(const std::string& sql);
    // Runs a fixed statement without parameters (transaction control, DDL).
    void execute(const std::string& sql);
    std::int64_t lastInsertId();

    // Whether the server is a Galera node (wsrep_on); its sessions then run
    // with wsrep_sync_wait = 1 (read-your-writes across nodes).
    bool galera() const { return _galera; }

    // Set when a rollback failed: the session state is unknown.
    bool broken() const { return _broken; }
    void markBroken() { _broken = true; }
    // Whether the current transaction got as far as sending COMMIT; after a
    // lost connection its outcome is then unknown and it must not be retried.
    bool commitSent() const { return _commitSent; }
    void setCommitSent(bool sent) { _commitSent = sent; }
    // Whether a duplicate key (1062) ends this attempt with an exception, to
    // be retried as a conflict, instead of answering Conflict. On Galera a
    // write set applied from another node while this transaction runs can
    // put the very key this transaction inserts (an audit sequence number,
    // an auto-increment id allocated under the cluster's previous size)
    // in place before the certification that would have aborted it: the
    // statement then fails with 1062 where the conflict is 1213's. The
    // executor sets it for the first attempts on Galera only; a real
    // duplicate fails again and is answered on the last of them.
    // Before COMMIT (and when a unit answered an error), on Galera, for a
    // write: throws the deadlock error (1213) when the unit's transaction is
    // no longer the one it started (its savepoint is gone). Another node's
    // write set can abort the transaction without any statement of the
    // unit being told; committing what followed would acknowledge a unit
    // whose first part is lost. The executor reruns the unit instead.
    void checkBeforeCommit(bool write);

    bool duplicatesRetried() const { return _duplicatesRetried; }
    void setDuplicatesRetried(bool retried) { _duplicatesRetried = retried; }

private:
    explicit MysqlConnection(std::unique_ptr<sql::Connection> connection);
    void useCausalReadsOnGalera();

    std::unique_ptr<sql::Connection> _connection;
    // Declared after _connection: the statements close first.
    std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> _statements;
    bool _broken = false;
    bool _commitSent = false;
    bool _duplicatesRetried = false;
    bool _galera = false;
};

// START TRANSACTION on construction; ROLLBACK in the destructor unless
// commit() succeeded. Throws sql::SQLException (not from the destructor).
class MysqlTransaction {
public:
    enum class Mode { ReadWrite, ReadOnly };

    MysqlTransaction(MysqlConnection& connection, Mode mode);
    MysqlTransaction(const MysqlTransaction&) = delete;
    MysqlTransaction& operator=(const MysqlTransaction&) = delete;
    ~MysqlTransaction();

    void commit();

private:
    MysqlConnection& _connection;
    Mode _mode;
    bool _guarded = false;  // a write on Galera: autocommit off, savepoint nusqa_unit
    bool _open = true;
};

}  // namespace nusqa::storage
