#include "storage/StoreFixture.h"

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <sqlite3.h>

#include <regex>
#include <stdexcept>
#include <vector>

#include "crypto/Digest.h"
#include "storage/FaultInjectingExecutor.h"
#include "storage/StoreFactory.h"
#include "storage/detail/StorageAssembly.h"
#include "support/SqlProbe.h"
#include "support/memory/MemoryStorage.h"

namespace nusqa::test {

namespace {

// Connector/C++ straight to the server, bypassing the Store.
std::unique_ptr<sql::Connection> connectToServer(const std::string& serverUrl,
                                                 const std::string& database = {}) {
    static const std::regex form(R"(mysql://([^:@]+):([^@]*)@([^:/]+):(\d+)/?)");
    std::smatch parts;
    if (!std::regex_match(serverUrl, parts, form))
        throw std::runtime_error("unexpected MariaDB test URL: " + redactUrl(serverUrl));
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(parts[3].str());
    options["port"] = std::stoi(parts[4].str());
    options["userName"] = sql::SQLString(parts[1].str());
    options["password"] = sql::SQLString(parts[2].str());
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    if (!database.empty()) options["schema"] = sql::SQLString(database);
    return std::unique_ptr<sql::Connection>(
        sql::mysql::get_mysql_driver_instance()->connect(options));
}

std::int64_t countSqliteRows(const std::string& path, const std::string& table) {
    sqlite3* database = nullptr;
    if (sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(database);
        throw std::runtime_error("cannot open " + path);
    }
    std::string sql = "SELECT COUNT(*) FROM " + table;
    sqlite3_stmt* statement = nullptr;
    std::int64_t count = -1;
    if (sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        count = sqlite3_column_int64(statement, 0);
    std::string message = sqlite3_errmsg(database);
    sqlite3_finalize(statement);
    sqlite3_close(database);
    if (count < 0) throw std::runtime_error("count " + table + ": " + message);
    return count;
}

}  // namespace

std::string_view backendName(Backend backend) {
    switch (backend) {
        case Backend::Sqlite:
            return "sqlite";
        case Backend::Mysql:
            return "mysql";
        case Backend::Memory:
            return "memory";
    }
    return "?";
}

StoreFixture::StoreFixture(Backend backend) : _backend(backend) {
    if (backend == Backend::Sqlite) {
        _directory.emplace("nusqa-storage");
        _url = "sqlite:" + (_directory->path() / "data" / "nusqa.db").string();
    } else if (backend == Backend::Memory) {
        _memory = std::make_shared<MemoryDatabase>();
        _url = "memory:" + uniqueName("store");
    } else {
        _serverUrl = mariadbServerUrl();  // throws: a MySQL case never skips
        _database = uniqueName("nusqa_test");
        _url = _serverUrl + "/" + _database;
    }
    BOOST_TEST_MESSAGE("backend " << backendName(backend) << ": " << redactUrl(_url));
    reopen();
}

StoreFixture::~StoreFixture() {
    close();
    if (_backend == Backend::Mysql) dropDatabase(_serverUrl, _database);
}

Store& StoreFixture::store() {
    return storage().documents();
}

Storage& StoreFixture::storage() {
    BOOST_REQUIRE_MESSAGE(_storage != nullptr, "the store is closed");
    return *_storage;
}

void StoreFixture::close() {
    _faults = nullptr;
    _storage.reset();
}

void StoreFixture::reopen(int poolSize) {
    close();
    if (_backend == Backend::Memory) {
        _storage = std::make_unique<MemoryStorage>(_memory);
        return;
    }
    auto executor =
        std::make_unique<FaultInjectingExecutor>(require(storage::openExecutor(_url, poolSize)));
    _faults = executor.get();
    _storage = storage::storageOver(std::move(executor));
}

void StoreFixture::failStatementAfter(int n) {
    if (_backend == Backend::Memory) {
        _memory->failStepAfter(n);
        return;
    }
    BOOST_REQUIRE_MESSAGE(_faults != nullptr, "the store is closed");
    _faults->failStatementAfter(n);
}

void StoreFixture::changeAuditDetails(std::int64_t sequence, const std::string& details) {
    if (_backend != Backend::Memory) {
        // The details of the tests are plain words: no quoting needed.
        SqlProbe(_url).execute("UPDATE audit_log SET details = '" + details +
                               "' WHERE sequence_number = " + std::to_string(sequence));
        return;
    }
    _memory->tamper([&](MemoryTables& tables) {
        for (AuditEntry& entry : tables.audit)
            if (entry.sequence == sequence) entry.entry.details = details;
    });
}

void StoreFixture::deleteAuditEntries(std::int64_t first, std::int64_t last) {
    if (_backend != Backend::Memory) {
        SqlProbe(_url).execute(
            "DELETE FROM audit_log WHERE sequence_number >= " + std::to_string(first) +
            " AND sequence_number <= " + std::to_string(last));
        return;
    }
    _memory->tamper([&](MemoryTables& tables) {
        std::erase_if(tables.audit, [&](const AuditEntry& entry) {
            return entry.sequence >= first && entry.sequence <= last;
        });
    });
}

void StoreFixture::renumberAuditEntry(std::int64_t from, std::int64_t to) {
    if (_backend != Backend::Memory) {
        SqlProbe(_url).execute("UPDATE audit_log SET sequence_number = " + std::to_string(to) +
                               " WHERE sequence_number = " + std::to_string(from));
        return;
    }
    _memory->tamper([&](MemoryTables& tables) {
        for (AuditEntry& entry : tables.audit)
            if (entry.sequence == from) entry.sequence = to;
    });
}

std::int64_t StoreFixture::countRows(const std::string& table) {
    if (_backend == Backend::Memory) {
        std::int64_t rows = _memory->count(table);
        BOOST_REQUIRE_MESSAGE(rows >= 0, "the memory store has no table " << table);
        return rows;
    }
    if (_backend == Backend::Sqlite) return countSqliteRows(_url.substr(7), table);
    auto connection = connectToServer(_serverUrl, _database);
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery("SELECT COUNT(*) FROM " + table));
    rows->next();
    return rows->getInt64(1);
}

void StoreFixture::killStoreConnections() {
    BOOST_REQUIRE(_backend == Backend::Mysql);
    auto connection = connectToServer(_serverUrl);
    std::vector<std::int64_t> ids;
    {
        std::unique_ptr<sql::PreparedStatement> select(
            connection->prepareStatement("SELECT id FROM information_schema.PROCESSLIST WHERE db = "
                                         "? AND id <> CONNECTION_ID()"));
        select->setString(1, _database);
        std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
        while (rows->next()) ids.push_back(rows->getInt64(1));
    }
    BOOST_TEST_MESSAGE("killing " << ids.size() << " connections to " << _database);
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    for (std::int64_t id : ids) statement->execute("KILL CONNECTION " + std::to_string(id));
}

void dropDatabase(const std::string& serverUrl, const std::string& database) {
    try {
        auto connection = connectToServer(serverUrl);
        std::unique_ptr<sql::Statement> statement(connection->createStatement());
        statement->execute("DROP DATABASE IF EXISTS `" + database + "`");
    } catch (const std::exception& exception) {
        BOOST_TEST_MESSAGE("cannot drop " << database << ": " << exception.what());
    }
}

NewDocument sampleDocument(const std::string& code, DocumentKind kind, const std::string& title) {
    NewDocument document;
    document.code = code;
    document.kind = kind;
    document.title = title;
    document.unit = "Сапа менеджменті бөлімі";
    document.language = Language::Kazakh;
    return document;
}

NewEdition sampleEdition(std::int64_t documentId, int number, Language language,
                         const std::string& xml) {
    NewEdition edition;
    edition.documentId = documentId;
    edition.number = number;
    edition.language = language;
    edition.xml = xml;
    edition.sha256 = crypto::sha256Hex(xml);
    return edition;
}

std::string sampleXml(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document>" + body + "</document>\n";
}

}  // namespace nusqa::test
