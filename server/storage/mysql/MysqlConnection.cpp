#include "storage/mysql/detail/MysqlConnection.h"

#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <utility>

namespace nusqa::storage {

namespace {

constexpr int kConnectTimeoutSeconds = 5;
// Long enough for a 5 MB edition on a slow link, short enough that a dead
// server is noticed.
constexpr int kReadWriteTimeoutSeconds = 60;

// Strict: a value that does not fit is an error, never silently truncated.
constexpr const char* kSessionSqlMode =
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";

sql::mysql::MySQL_Driver* driver() {
    // get_mysql_driver_instance() is not safe to call concurrently the first
    // time; a function-local static is initialised exactly once.
    static sql::mysql::MySQL_Driver* instance = sql::mysql::get_mysql_driver_instance();
    return instance;
}

std::string describeTarget(const MysqlSettings& settings, bool withDatabase) {
    std::string target = settings.user + "@" + settings.host + ":" + std::to_string(settings.port);
    if (withDatabase) target += "/" + settings.database;
    return target;
}

}  // namespace

bool isConnectionLost(int errorCode) {
    switch (errorCode) {
        // Galera: the node is not Synced (joining, donor, or cut off from
        // the primary component). Like a lost connection: this one is of no
        // use until the node rejoins, and nothing of the statement was done.
        case 1047:  // ER_UNKNOWN_COM_ERROR "WSREP has not yet prepared node"
        case 1053:  // ER_SERVER_SHUTDOWN
        case 1927:  // ER_CONNECTION_KILLED (MariaDB)
        case 2002:  // CR_CONNECTION_ERROR
        case 2003:  // CR_CONN_HOST_ERROR
        case 2006:  // CR_SERVER_GONE_ERROR
        case 2013:  // CR_SERVER_LOST
        case 2055:  // CR_SERVER_LOST_EXTENDED
        case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
            return true;
        default:
            return false;
    }
}

bool isTransient(int errorCode) {
    return errorCode == 1213 /* ER_LOCK_DEADLOCK */ || errorCode == 1205 /* ER_LOCK_WAIT_TIMEOUT */;
}

bool isDuplicate(int errorCode) {
    return errorCode == 1062 || errorCode == 1586;
}

Error mysqlError(const sql::SQLException& exception) {
    int errorCode = exception.getErrorCode();
    ErrorCode code = ErrorCode::Internal;
    switch (errorCode) {
        case 1062:  // ER_DUP_ENTRY
        case 1586:  // ER_DUP_ENTRY_WITH_KEY_NAME
            code = ErrorCode::Conflict;
            break;
        case 1216:  // ER_NO_REFERENCED_ROW
        case 1452:  // ER_NO_REFERENCED_ROW_2
            code = ErrorCode::NotFound;
            break;
        case 1264:  // ER_WARN_DATA_OUT_OF_RANGE
        case 1366:  // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
        case 1406:  // ER_DATA_TOO_LONG
            code = ErrorCode::InvalidArgument;
            break;
        case 1153:  // ER_NET_PACKET_TOO_LARGE (max_allowed_packet)
            code = ErrorCode::TooLarge;
            break;
        case 1969:  // ER_STATEMENT_TIMEOUT (a search cut off by max_statement_time)
            code = ErrorCode::Busy;
            break;
        case 1040:  // ER_CON_COUNT_ERROR
        case 1044:  // ER_DBACCESS_DENIED_ERROR
        case 1045:  // ER_ACCESS_DENIED_ERROR
        case 1049:  // ER_BAD_DB_ERROR
        case 1203:  // ER_TOO_MANY_USER_CONNECTIONS
        case 2005:  // CR_UNKNOWN_HOST
            code = ErrorCode::Unavailable;
            break;
        default:
            if (isConnectionLost(errorCode) || isTransient(errorCode))
                code = ErrorCode::Unavailable;
    }
    return Error{
        code, std::string(exception.what()) + " (error " + std::to_string(errorCode) + ")", {}};
}

std::string toMysqlDateTime(const std::string& timestamp) {
    if (timestamp.size() < 19) return timestamp;
    return timestamp.substr(0, 10) + " " + timestamp.substr(11, 8);
}

std::string fromMysqlDateTime(const std::string& dateTime) {
    if (dateTime.size() < 19) return dateTime;
    return dateTime.substr(0, 10) + "T" + dateTime.substr(11, 8) + "Z";
}

void registerMysqlThread() {
    struct Registration {
        Registration() { driver()->threadInit(); }
        ~Registration() { driver()->threadEnd(); }
    };
    thread_local Registration registration;
}

// --- MysqlConnection ---------------------------------------------------------

MysqlConnection::MysqlConnection(std::unique_ptr<sql::Connection> connection)
    : _connection(std::move(connection)) {}

MysqlConnection::~MysqlConnection() = default;

std::unique_ptr<MysqlConnection> MysqlConnection::connect(const MysqlSettings& settings,
                                                          bool withDatabase) {
    registerMysqlThread();
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(settings.host);
    options["port"] = settings.port;
    options["userName"] = sql::SQLString(settings.user);
    options["password"] = sql::SQLString(settings.password);
    if (withDatabase) options["schema"] = sql::SQLString(settings.database);
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    options["OPT_CONNECT_TIMEOUT"] = kConnectTimeoutSeconds;
    options["OPT_READ_TIMEOUT"] = kReadWriteTimeoutSeconds;
    options["OPT_WRITE_TIMEOUT"] = kReadWriteTimeoutSeconds;
    // Affected rows count matched rows, so an UPDATE that changes nothing
    // still tells that the row exists.
    options["CLIENT_FOUND_ROWS"] = true;
    // No silent reconnect by the client library: it would lose the session
    // settings and the prepared statements. The store discards the connection
    // and opens a new one instead.
    options["OPT_RECONNECT"] = false;
    std::unique_ptr<sql::Connection> connection(driver()->connect(options));
    std::unique_ptr<MysqlConnection> opened(new MysqlConnection(std::move(connection)));
    opened->execute(kSessionSqlMode);
    opened->execute("SET SESSION time_zone = '+00:00'");
    opened->execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    opened->useCausalReadsOnGalera();
    return opened;
}

Result<std::unique_ptr<MysqlConnection>> MysqlConnection::open(const MysqlSettings& settings,
                                                               bool withDatabase) {
    try {
        return connect(settings, withDatabase);
    } catch (const sql::SQLException& exception) {
        return std::unexpected(mysqlError(exception).withContext(
            "connect to " + describeTarget(settings, withDatabase)));
    } catch (const std::exception& exception) {
        return fail(ErrorCode::Unavailable, "connect to " + describeTarget(settings, withDatabase) +
                                                ": " + exception.what());
    }
}

void MysqlConnection::checkBeforeCommit(bool write) {
    if (!_galera || !write) return;
    // The unit's savepoint lives as long as its transaction: gone, the
    // transaction was ended behind the unit (its later statements ran in a
    // transaction of their own, which autocommit = 0 keeps uncommitted and
    // the rollback discards).
    try {
        execute("RELEASE SAVEPOINT nusqa_unit");  // COMMIT or ROLLBACK is all that follows
    } catch (const sql::SQLException& exception) {
        if (exception.getErrorCode() != 1305 /* ER_SP_DOES_NOT_EXIST */) throw;
        throw sql::SQLException(
            "the transaction was rolled back by the server without an error reaching it", "40001",
            1213);
    }
}

sql::PreparedStatement& MysqlConnection::prepare(const std::string& sql) {
    auto found = _statements.find(sql);
    if (found != _statements.end()) {
        found->second->clearParameters();
        return *found->second;
    }
    std::unique_ptr<sql::PreparedStatement> statement(_connection->prepareStatement(sql));
    return *_statements.emplace(sql, std::move(statement)).first->second;
}

void MysqlConnection::useCausalReadsOnGalera() {
    std::unique_ptr<sql::Statement> statement(_connection->createStatement());
    std::unique_ptr<sql::ResultSet> rows(
        statement->executeQuery("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES"
                                " WHERE VARIABLE_NAME = 'WSREP_ON'"));
    _galera = rows->next() && rows->getString(1) == "ON";
    // Every read (and START TRANSACTION) first waits until this node has
    // applied every write set committed anywhere in the cluster before it:
    // a user who saved through one node and reloads through another sees
    // the save. One cluster round trip per transaction on Galera; nothing
    // elsewhere.
    if (_galera) execute("SET SESSION wsrep_sync_wait = 1");
}

void MysqlConnection::execute(const std::string& sql) {
    std::unique_ptr<sql::Statement> statement(_connection->createStatement());
    statement->execute(sql);
}

std::int64_t MysqlConnection::lastInsertId() {
    std::unique_ptr<sql::ResultSet> rows(prepare("SELECT LAST_INSERT_ID()").executeQuery());
    rows->next();
    return rows->getInt64(1);
}

// --- MysqlTransaction --------------------------------------------------------

MysqlTransaction::MysqlTransaction(MysqlConnection& connection, Mode mode)
    : _connection(connection), _mode(mode) {
    _connection.setCommitSent(false);
    // On Galera a write unit runs with autocommit off and under a savepoint
    // of its own (MysqlConnection::checkBeforeCommit): when another node's
    // write set ends the transaction without telling the unit, nothing the
    // unit does afterwards commits on its own, and COMMIT finds the
    // savepoint gone.
    _guarded = mode == Mode::ReadWrite && _connection.galera();
    if (_guarded) _connection.execute("SET autocommit = 0");
    _connection.execute(mode == Mode::ReadOnly ? "START TRANSACTION READ ONLY"
                                               : "START TRANSACTION");
    if (_guarded) _connection.execute("SAVEPOINT nusqa_unit");
}

MysqlTransaction::~MysqlTransaction() {
    if (!_open) return;
    try {
        _connection.execute("ROLLBACK");
        if (_guarded) _connection.execute("SET autocommit = 1");
    } catch (...) {
        // The session is in an unknown state (or gone): never reuse it. The
        // server rolls back an open transaction when the connection closes.
        _connection.markBroken();
    }
}

void MysqlTransaction::commit() {
    _connection.checkBeforeCommit(_mode == Mode::ReadWrite);
    _connection.setCommitSent(true);
    _connection.execute("COMMIT");
    _open = false;
    if (!_guarded) return;
    try {
        _connection.execute("SET autocommit = 1");
    } catch (...) {
        _connection.markBroken();  // committed; the session is not reused
    }
}

}  // namespace nusqa::storage
