// One SQLite connection with its cache of prepared statements, a statement
// cursor, and a transaction guard. Private to storage/sqlite.
//
// Thread safety: none. A connection is used by one thread at a time (the
// ConnectionPool hands it out), so it is opened in SQLite's multi-thread mode
// (SQLITE_OPEN_NOMUTEX) and skips SQLite's per-call locking.
// Errors: SQLite result codes become nusqa::Error through sqliteError().
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/Error.h"

namespace nusqa::storage {

// Maps an extended SQLite result code: unique and primary-key violations to
// Conflict, foreign-key violations to NotFound (a missing parent), busy,
// locked and cannot-open to Unavailable, too-big to TooLarge, anything else
// to Internal. The message is SQLite's.
Error sqliteError(int extendedCode, std::string message);

// A cached prepared statement in use. Parameters are bound in order with
// bind()/bindBlob(); the destructor resets the statement and clears its
// bindings so that the cache can hand it out again and no read transaction
// stays open. Bound strings must outlive the statement's use (bound without
// copying).
class SqliteStatement {
public:
    SqliteStatement(sqlite3* database, sqlite3_stmt* statement);
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    SqliteStatement& operator=(SqliteStatement&&) = delete;
    ~SqliteStatement();

    SqliteStatement& bind(std::int64_t value);
    SqliteStatement& bind(std::string_view text);
    SqliteStatement& bindBlob(std::string_view bytes);
    SqliteStatement& bindNull();

    // true when a row is ready, false when the statement is done.
    Result<bool> step();
    // Steps to the end, for statements that return no rows.
    Status run();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    std::string blob(int column) const;
    bool isNull(int column) const;

private:
    Error failure(int code) const;

    sqlite3* _database;
    sqlite3_stmt* _statement;
    int _nextParameter = 1;
    int _bindResult = SQLITE_OK;
};

class SqliteConnection {
public:
    // Opens (creating) the file and configures the connection: WAL journal,
    // synchronous=FULL, foreign keys, busy timeout.
    static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    // The prepared statement for this SQL text, compiled once per connection.
    Result<SqliteStatement> prepare(const std::string& sql);
    // Runs SQL without caching it (DDL, several statements separated by ';').
    Status execute(const char* sql);

    std::int64_t lastInsertId() const;
    int changes() const;

private:
    explicit SqliteConnection(sqlite3* database) : _database(database) {}
    Status configure();

    sqlite3* _database;
    std::unordered_map<std::string, sqlite3_stmt*> _statements;
};

// A transaction on one connection, rolled back by the destructor unless
// committed. Immediate takes the write lock at BEGIN, so a writer never fails
// halfway with SQLITE_BUSY when upgrading a read lock.
class SqliteTransaction {
public:
    enum class Mode { Deferred, Immediate };

    static Result<SqliteTransaction> begin(SqliteConnection& connection, Mode mode);
    SqliteTransaction(SqliteTransaction&& other) noexcept;
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(SqliteTransaction&&) = delete;
    ~SqliteTransaction();

    Status commit();

private:
    explicit SqliteTransaction(SqliteConnection& connection) : _connection(&connection) {}

    SqliteConnection* _connection;
    bool _open = true;
};

}  // namespace nusqa::storage
