// MysqlStore: the Store on MySQL/MariaDB through MySQL Connector/C++ 1.1.
//
// Tables are InnoDB in utf8mb4; the code and title columns use utf8mb4_bin so
// that uniqueness and search are exact and case-sensitive; the XML is a
// LONGBLOB, so its bytes round-trip unchanged. Every value travels as a
// prepared-statement parameter. open() creates the database (utf8mb4) when it
// is missing and runs the migrations.
//
// Thread safety: all methods may be called concurrently; a pool of up to
// poolSize connections serves them, each with its prepared statements cached.
// A connection found dead (server restart, wait_timeout, KILL) is discarded
// and the call retried once on a fresh connection, unless COMMIT had already
// been sent (then the outcome is unknown and the call fails Unavailable);
// deadlocks are retried too.
// Errors: as in domain/Store.h; messages start with "storage/mysql: " and the
// operation, then the server's text. Unavailable when the server cannot be
// reached. The password never appears in a message or a log line.
#pragma once

#include <memory>
#include <string>

#include "domain/Store.h"
#include "storage/detail/ConnectionPool.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class MysqlConnection;

struct MysqlSettings {
    std::string host = "127.0.0.1";
    int port = 3306;
    std::string user;
    std::string password;
    std::string database;  // letters, digits, '_', '$', '-'; at most 64
};

class MysqlStore final : public Store, public SqlExecutor {
public:
    // InvalidArgument for a database name outside the allowed characters;
    // Unavailable when the server cannot be reached or refuses the login.
    static Result<std::unique_ptr<MysqlStore>> open(const MysqlSettings& settings,
                                                    int poolSize = 16);
    ~MysqlStore() override;

    Result<int> schemaVersion() override;
    Result<Document> createDocument(const NewDocument& document) override;
    Result<Document> document(std::int64_t id) override;
    Result<DocumentPage> listDocuments(const DocumentQuery& query) override;
    Result<std::vector<Edition>> editionsOf(std::int64_t documentId) override;
    Result<Edition> createEdition(const NewEdition& edition) override;
    Result<Edition> edition(std::int64_t id) override;
    Result<std::string> editionXml(std::int64_t id) override;
    Result<Edition> updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                const std::string& xml, const std::string& sha256) override;
    Result<Edition> setEditionStatus(std::int64_t id, EditionStatus status) override;

    // SqlExecutor: the transactions of SqlRecordStore (people, lifecycle,
    // audit, outbox), retried like every other call.
    Status transact(const char* operation, Access access,
                    const std::function<Status(SqlSession&)>& body) override;

private:
    MysqlStore(const MysqlSettings& settings, int poolSize);

    // Runs body(connection) on a pooled connection, turning Connector
    // exceptions into errors with the context "storage/mysql: <operation>"
    // and retrying as described above.
    template <typename Body>
    auto run(const char* operation, Body&& body)
        -> decltype(body(std::declval<MysqlConnection&>()));

    ConnectionPool<MysqlConnection> _pool;
};

}  // namespace nusqa::storage
