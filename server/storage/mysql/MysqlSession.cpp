#include "storage/mysql/detail/MysqlSession.h"

#include <cppconn/resultset.h>

#include <memory>

namespace nusqa::storage {
namespace {

// A constraint violation is an answer (Conflict, NotFound, ...) that the
// record store may explain further; a lost connection or a deadlock is
// rethrown so that MysqlStore retries the whole transaction.
template <typename Call>
auto answerOrRethrow(Call&& call) -> Result<decltype(call())> {
    try {
        return call();
    } catch (const sql::SQLException& exception) {
        if (isConnectionLost(exception.getErrorCode()) || isTransient(exception.getErrorCode()))
            throw;
        return std::unexpected(mysqlError(exception));
    }
}

class Statement final : public SqlStatement {
public:
    explicit Statement(sql::PreparedStatement& statement) : _statement(statement) {}

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
    Result<bool> next() override {
        return answerOrRethrow([this] {
            if (!_rows) _rows.reset(_statement.executeQuery());
            return _rows->next();
        });
    }
    Result<std::int64_t> execute() override {
        return answerOrRethrow(
            [this] { return static_cast<std::int64_t>(_statement.executeUpdate()); });
    }
    std::int64_t integer(int column) const override {
        return _rows->getInt64(static_cast<std::uint32_t>(column + 1));
    }
    std::string text(int column) const override {
        return _rows->getString(static_cast<std::uint32_t>(column + 1)).asStdString();
    }
    bool isNull(int column) const override {
        return _rows->isNull(static_cast<std::uint32_t>(column + 1));
    }

private:
    sql::PreparedStatement& _statement;
    std::unique_ptr<sql::ResultSet> _rows;
    unsigned _next = 1;
};

}  // namespace

Result<std::unique_ptr<SqlStatement>> MysqlSession::prepare(const std::string& sql) {
    return std::unique_ptr<SqlStatement>(new Statement(_connection.prepare(sql)));
}

}  // namespace nusqa::storage
