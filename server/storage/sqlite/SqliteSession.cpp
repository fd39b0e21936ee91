#include "storage/sqlite/detail/SqliteSession.h"

#include <deque>
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
        _statement.bind(std::string_view(_texts.emplace_back(text)));
        return *this;
    }
    SqlStatement& bindNull() override {
        _statement.bindNull();
        return *this;
    }
    Result<bool> next() override { return _statement.step(); }
    Result<std::int64_t> execute() override {
        NUSQA_TRY(_statement.run());
        return static_cast<std::int64_t>(_connection.changes());
    }
    std::int64_t integer(int column) const override { return _statement.integer(column); }
    std::string text(int column) const override { return _statement.text(column); }
    bool isNull(int column) const override { return _statement.isNull(column); }

private:
    std::deque<std::string> _texts;  // declared first: outlives the statement's reset
    SqliteStatement _statement;
    SqliteConnection& _connection;
};

}  // namespace

Result<std::unique_ptr<SqlStatement>> SqliteSession::prepare(const std::string& sql) {
    SqliteStatement statement = NUSQA_TRY(_connection.prepare(sql));
    return std::unique_ptr<SqlStatement>(new Statement(std::move(statement), _connection));
}

}  // namespace nusqa::storage
