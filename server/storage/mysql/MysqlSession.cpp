#include "storage/mysql/detail/MysqlSession.h"

#include <cppconn/resultset.h>

#include <deque>
#include <memory>
#include <sstream>

namespace nusqa::storage {
namespace {

// A constraint violation is an answer (Conflict, NotFound, ...) that the
// record store may explain further; a lost connection or a deadlock is
// rethrown so that MysqlExecutor retries the whole transaction.
// On Galera a duplicate key is rethrown too while the executor asks for it
// (MysqlConnection::duplicatesRetried).
template <typename Call>
auto answerOrRethrow(const MysqlConnection& connection, Call&& call) -> Result<decltype(call())> {
    try {
        return call();
    } catch (const sql::SQLException& exception) {
        int code = exception.getErrorCode();
        if (isConnectionLost(code) || isTransient(code) ||
            (isDuplicate(code) && connection.duplicatesRetried()))
            throw;
        return std::unexpected(mysqlError(exception));
    }
}

class Statement final : public SqlStatement {
public:
    Statement(const MysqlConnection& connection, sql::PreparedStatement& statement)
        : _connection(connection), _statement(statement) {}
    ~Statement() override {
        // The cached statement would keep pointers to the blob streams.
        if (_blobs.empty()) return;
        try {
            _statement.clearParameters();
        } catch (const sql::SQLException&) {
            // Harmless: the connection clears it again before its next use.
        }
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    SqlStatement& bind(std::int64_t value) override {
        _statement.setInt64(_next++, value);
        return *this;
    }
    SqlStatement& bind(std::string_view text) override {
        _statement.setString(_next++, std::string(text));
        return *this;
    }
    SqlStatement& bindNull() override {
        _statement.setNull(_next++, 0);
        return *this;
    }
    SqlStatement& bindBlob(std::string_view bytes) override {
        // Sent as binary long data: no character set conversion on the way.
        _statement.setBlob(_next++, &_blobs.emplace_back(std::string(bytes)));
        return *this;
    }
    Result<bool> next() override {
        return answerOrRethrow(_connection, [this] {
            if (!_rows) _rows.reset(_statement.executeQuery());
            return _rows->next();
        });
    }
    Result<std::int64_t> execute() override {
        return answerOrRethrow(
            _connection, [this] { return static_cast<std::int64_t>(_statement.executeUpdate()); });
    }
    std::int64_t integer(int column) const override {
        return _rows->getInt64(static_cast<std::uint32_t>(column + 1));
    }
    std::string text(int column) const override {
        return _rows->getString(static_cast<std::uint32_t>(column + 1)).asStdString();
    }
    std::string blob(int column) const override { return text(column); }
    bool isNull(int column) const override {
        return _rows->isNull(static_cast<std::uint32_t>(column + 1));
    }

private:
    std::deque<std::istringstream> _blobs;  // read by the driver when it executes
    const MysqlConnection& _connection;
    sql::PreparedStatement& _statement;
    std::unique_ptr<sql::ResultSet> _rows;
    unsigned _next = 1;
};

class Session final : public SqlSession {
public:
    explicit Session(MysqlConnection& connection)
        : SqlSession(SqlDialect::Mysql), _connection(connection) {}

    Result<std::unique_ptr<SqlStatement>> prepare(const std::string& sql) override {
        return std::unique_ptr<SqlStatement>(new Statement(_connection, _connection.prepare(sql)));
    }
    Result<std::int64_t> lastInsertId() override { return _connection.lastInsertId(); }

private:
    MysqlConnection& _connection;
};

}  // namespace

std::unique_ptr<SqlSession> mysqlSession(MysqlConnection& connection) {
    return std::make_unique<Session>(connection);
}

}  // namespace nusqa::storage
