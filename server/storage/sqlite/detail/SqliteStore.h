// SqliteStore: the embedded Store, one SQLite file in the data directory.
//
// Opening creates the file if needed, switches it to WAL and runs the
// migrations. Every connection uses synchronous=FULL (a commit is on disk
// before the call returns, see SqliteConnection.cpp), foreign keys and a busy
// timeout.
//
// Thread safety: all methods may be called concurrently. A pool of up to
// poolSize connections serves the calls; readers run in parallel (WAL lets
// them read while a write is in progress) and keep their prepared statements
// cached per connection. Writers are serialised in the process by a mutex and
// across processes by BEGIN IMMEDIATE, so a write transaction never fails
// halfway because another writer got there first.
// Errors: as in domain/Store.h; messages start with "storage/sqlite: " and
// the operation. Unavailable when the file cannot be opened or stays locked by
// another process past the busy timeout.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "domain/Store.h"
#include "storage/detail/ConnectionPool.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class SqliteConnection;

class SqliteStore final : public Store, public SqlExecutor {
public:
    // REQUIRES: the parent directory of path exists.
    static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, int poolSize = 16);
    ~SqliteStore() override;

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
    // audit, outbox) on this store's pool and writer lock.
    Status transact(const char* operation, Access access,
                    const std::function<Status(SqlSession&)>& body) override;

private:
    SqliteStore(const std::string& path, int poolSize);

    // Runs body(connection) on a pooled connection; a write also holds the
    // writer mutex and an IMMEDIATE transaction, committed when body succeeds.
    // Errors get the context "storage/sqlite: <operation>".
    template <typename Body>
    auto read(const char* operation, Body&& body)
        -> decltype(body(std::declval<SqliteConnection&>()));
    template <typename Body>
    auto write(const char* operation, Body&& body)
        -> decltype(body(std::declval<SqliteConnection&>()));

    ConnectionPool<SqliteConnection> _pool;
    std::mutex _writeMutex;
};

}  // namespace nusqa::storage
