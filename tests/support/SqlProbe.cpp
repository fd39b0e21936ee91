#include "support/SqlProbe.h"

#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <sqlite3.h>

#include <memory>
#include <regex>
#include <stdexcept>

namespace nusqa::test {
namespace {

struct SqliteHandle {
    sqlite3* database = nullptr;
    explicit SqliteHandle(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        sqlite3_busy_timeout(database, 10000);
    }
    ~SqliteHandle() { sqlite3_close(database); }
};

std::unique_ptr<sql::Connection> mysqlConnect(const std::string& url) {
    static const std::regex form(R"(mysql://([^:@]+):([^@]*)@([^:/]+):(\d+)/(.+))");
    std::smatch parts;
    if (!std::regex_match(url, parts, form)) throw std::runtime_error("unexpected URL " + url);
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(parts[3].str());
    options["port"] = std::stoi(parts[4].str());
    options["userName"] = sql::SQLString(parts[1].str());
    options["password"] = sql::SQLString(parts[2].str());
    options["schema"] = sql::SQLString(parts[5].str());
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    return std::unique_ptr<sql::Connection>(
        sql::mysql::get_mysql_driver_instance()->connect(options));
}

}  // namespace

std::vector<std::vector<std::string>> SqlProbe::query(const std::string& sql) const {
    std::vector<std::vector<std::string>> rows;
    if (_url.starts_with("sqlite:")) {
        SqliteHandle handle(_url.substr(7));
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(handle.database, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(handle.database));
        int result = 0;
        while ((result = sqlite3_step(statement)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                const auto* text = sqlite3_column_text(statement, i);
                row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
            }
            rows.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        if (result != SQLITE_DONE)
            throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(handle.database));
        return rows;
    }
    auto connection = mysqlConnect(_url);
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    std::unique_ptr<sql::ResultSet> result(statement->executeQuery(sql));
    unsigned columns = result->getMetaData()->getColumnCount();
    while (result->next()) {
        std::vector<std::string> row;
        for (unsigned i = 1; i <= columns; ++i)
            row.push_back(result->isNull(i) ? "" : result->getString(i).asStdString());
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string SqlProbe::scalar(const std::string& sql) const {
    auto rows = query(sql);
    if (rows.empty() || rows.front().empty()) throw std::runtime_error("no row: " + sql);
    return rows.front().front();
}

long long SqlProbe::execute(const std::string& sql) const {
    if (_url.starts_with("sqlite:")) {
        SqliteHandle handle(_url.substr(7));
        char* message = nullptr;
        if (sqlite3_exec(handle.database, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string text = message ? message : "?";
            sqlite3_free(message);
            throw std::runtime_error("sqlite: " + text);
        }
        return sqlite3_changes(handle.database);
    }
    auto connection = mysqlConnect(_url);
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    statement->execute(sql);
    return statement->getUpdateCount();
}

}  // namespace nusqa::test
