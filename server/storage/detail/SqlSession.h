// A backend-neutral view of one database transaction, so that every port —
// documents and editions (SqlDocumentStore), people, lifecycle, audit,
// outbox (SqlRecordStore) — is written once in the SQL both SQLite and
// MariaDB/MySQL understand, and each backend only adapts its own statement
// API (SqliteSession, MysqlSession) and runs transactions (SqliteExecutor,
// MysqlExecutor). Private to storage/.
//
// Every value travels as a bound parameter (`?`), never in the SQL text.
// Thread safety: a session and its statements belong to one thread for the
// length of one SqlExecutor::transact() call. A statement is prepared from
// the connection's cache: two live statements must not share SQL text.
// Errors: as values (Result/Status). The MySQL adapter lets the Connector/C++
// exceptions of a lost connection or a deadlock pass; MysqlExecutor catches
// them around the whole transaction and runs it again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/Error.h"

namespace nusqa::storage {

enum class SqlDialect { Sqlite, Mysql };

class SqlStatement {
public:
    virtual ~SqlStatement() = default;
    virtual SqlStatement& bind(std::int64_t value) = 0;
    virtual SqlStatement& bind(std::string_view text) = 0;
    virtual SqlStatement& bindNull() = 0;
    // Bytes that must come back exactly (the XML of an edition): a BLOB
    // parameter, no character set conversion.
    virtual SqlStatement& bindBlob(std::string_view bytes) = 0;
    SqlStatement& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
    SqlStatement& bind(const std::string& text) { return bind(std::string_view(text)); }
    SqlStatement& bind(const char* text) { return bind(std::string_view(text)); }
    SqlStatement& bind(const std::optional<std::int64_t>& value) {
        return value ? bind(*value) : bindNull();
    }

    // A query: runs it on the first call; true while a row is ready.
    virtual Result<bool> next() = 0;
    // A statement without rows: runs it; the number of rows it matched.
    virtual Result<std::int64_t> execute() = 0;

    // Columns of the current row, 0-based.
    virtual std::int64_t integer(int column) const = 0;
    virtual std::string text(int column) const = 0;
    virtual std::string blob(int column) const = 0;
    virtual bool isNull(int column) const = 0;
};

class SqlSession {
public:
    explicit SqlSession(SqlDialect dialect) : _dialect(dialect) {}
    virtual ~SqlSession() = default;
    virtual Result<std::unique_ptr<SqlStatement>> prepare(const std::string& sql) = 0;
    virtual Result<std::int64_t> lastInsertId() = 0;
    SqlDialect dialect() const { return _dialect; }

    // " FOR UPDATE" on MySQL (a locking read); "" on SQLite, whose write
    // transactions already hold the database's write lock.
    const char* forUpdate() const { return dialect() == SqlDialect::Mysql ? " FOR UPDATE" : ""; }
    // A domain timestamp as the backend's DATETIME columns of migration 1
    // want it ("YYYY-MM-DD HH:MM:SS" on MySQL); tables of later migrations
    // keep the domain's text form on both.
    std::string dateTime(const std::string& timestamp) const;

private:
    SqlDialect _dialect;
};

// Prepares sql, lets binder bind its parameters, runs it; *matched (when
// given) receives the rows it matched.
Status executeSql(SqlSession& session, const std::string& sql,
                  const std::function<void(SqlStatement&)>& binder,
                  std::int64_t* matched = nullptr);

// The domain's "YYYY-MM-DDTHH:MM:SSZ" from either form.
std::string normalTimestamp(const std::string& stored);

// Read: a read transaction (one snapshot for every statement of the body).
// SingleRead: a Read whose body runs exactly one statement (and reads its
// rows before it returns); one statement is atomic and sees one snapshot by
// itself, so SQLite runs it without BEGIN and COMMIT (two statements fewer
// on the paths every request takes). Write: a write transaction.
enum class Access { Read, SingleRead, Write };

class SqlExecutor {
public:
    virtual ~SqlExecutor() = default;
    // Runs body in one transaction and commits when it succeeds, rolls back
    // when it fails. Write transactions are serialised with the other
    // writers; Read ones see one snapshot. body may run more than once (MySQL
    // retries a deadlock or a lost connection), so it must start from a
    // clean state each time. Errors get the context
    // "storage/<backend>: <operation>".
    virtual Status transact(const char* operation, Access access,
                            const std::function<Status(SqlSession&)>& body) = 0;
    // Runs reads, whose Read transactions on this thread join one shared
    // read transaction where the backend supports it (SQLite: one
    // connection, one snapshot, one BEGIN and COMMIT for all); by default
    // each keeps its own. Returns what reads returns, or the error of
    // opening the shared transaction. REQUIRES: reads writes nothing through
    // this executor (where reads are shared, a Write fails with Internal).
    virtual Status readTogether(const char* operation, const std::function<Status()>& reads) {
        (void)operation;
        return reads();
    }
};

}  // namespace nusqa::storage
