#include "storage/sqlite/detail/SqliteSession.h"

#include <forward_list>
#include <utility>

namespace nusqa::storage {
namespace {

class Statement final : public SqlStatement {
public:
    Statement(SqliteStatement statement, SqliteConnection& connection)
        : _statement(std::move(statement)), _connection(connection) {}

    SqlStatement& bind(std::int64_t value) override {
        _statement.bind(value);
        return *this;
    }
    SqlStatement& bind(std::string_view text) override {
        // SqliteStatement binds without copying: keep the bytes alive here.
        _statement.bind(std::string_view(_texts.emplace_front(text)));
        return *this;
    }
    SqlStatement& bindNull() override {
        _statement.bindNull();
        return *this;
    }
    SqlStatement& bindBlob(std::string_view bytes) override {
        _statement.bindBlob(std::string_view(_texts.emplace_front(bytes)));
        return *this;
    }
    Result<bool> next() override { return _statement.step(); }
    Result<std::int64_t> execute() override {
        NUSQA_TRY(_statement.run());
        return static_cast<std::int64_t>(_connection.changes());
    }
    std::int64_t integer(int column) const override { return _statement.integer(column); }
    std::string text(int column) const override { return _statement.text(column); }
    std::string blob(int column) const override { return _statement.blob(column); }
    bool isNull(int column) const override { return _statement.isNull(column); }

private:
    // Declared first: outlives the statement's reset. A list, not a deque:
    // an empty one allocates nothing, and most statements bind no text.
    std::forward_list<std::string> _texts;
    SqliteStatement _statement;
    SqliteConnection& _connection;
};

// The connection is held by pointer: the session is a view of it for one
// transaction.
class Session final : public SqlSession {
public:
    explicit Session(SqliteConnection* connection)
        : SqlSession(SqlDialect::Sqlite), _connection(connection) {}

    // SQLite never fails to say it.
    Result<std::int64_t> lastInsertId() override { return _connection->lastInsertId(); }
    Result<std::unique_ptr<SqlStatement>> prepare(const std::string& sql) override {
        SqliteStatement statement = NUSQA_TRY(_connection->prepare(sql));
        return std::unique_ptr<SqlStatement>(new Statement(std::move(statement), *_connection));
    }

private:
    SqliteConnection* _connection;
};

}  // namespace

std::unique_ptr<SqlSession> sqliteSession(SqliteConnection& connection) {
    return std::make_unique<Session>(&connection);
}

}  // namespace nusqa::storage
