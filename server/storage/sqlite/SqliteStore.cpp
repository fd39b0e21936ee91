#include "storage/sqlite/detail/SqliteStore.h"

#include <utility>

#include "storage/detail/StoreSupport.h"
#include "storage/sqlite/detail/SqliteConnection.h"
#include "storage/sqlite/detail/SqliteMigrations.h"
#include "storage/sqlite/detail/SqliteSession.h"

namespace nusqa::storage {

namespace {

Result<Document> documentFromRow(const SqliteStatement& row) {
    Document document;
    document.id = row.integer(0);
    document.code = row.text(1);
    document.kind = NUSQA_TRY(storedKind(row.text(2)));
    document.title = row.text(3);
    document.unit = row.text(4);
    document.language = NUSQA_TRY(storedLanguage(row.text(5)));
    document.createdAt = row.text(6);
    document.updatedAt = row.text(7);
    return document;
}

Result<Edition> editionFromRow(const SqliteStatement& row) {
    Edition edition;
    edition.id = row.integer(0);
    edition.documentId = row.integer(1);
    edition.number = static_cast<int>(row.integer(2));
    edition.language = NUSQA_TRY(storedLanguage(row.text(3)));
    edition.status = NUSQA_TRY(storedStatus(row.text(4)));
    edition.sha256 = row.text(5);
    edition.revision = row.integer(6);
    edition.size = row.integer(7);
    edition.createdAt = row.text(8);
    edition.updatedAt = row.text(9);
    return edition;
}

Result<Document> selectDocument(SqliteConnection& connection, std::int64_t id) {
    auto statement = NUSQA_TRY(connection.prepare(kSelectDocument));
    statement.bind(id);
    if (!NUSQA_TRY(statement.step())) return std::unexpected(documentNotFound(id));
    return documentFromRow(statement);
}

Result<Edition> selectEdition(SqliteConnection& connection, std::int64_t id) {
    auto statement = NUSQA_TRY(connection.prepare(kSelectEdition));
    statement.bind(id);
    if (!NUSQA_TRY(statement.step())) return std::unexpected(editionNotFound(id));
    return editionFromRow(statement);
}

Result<bool> documentExists(SqliteConnection& connection, std::int64_t id) {
    auto statement = NUSQA_TRY(connection.prepare("SELECT 1 FROM documents WHERE id = ?"));
    statement.bind(id);
    return statement.step();
}

// Why a compare-and-set of a draft matched no row.
Error whyDraftNotUpdated(SqliteConnection& connection, std::int64_t id,
                         std::int64_t expectedRevision) {
    auto statement = connection.prepare("SELECT status, revision FROM editions WHERE id = ?");
    if (!statement) return std::move(statement).error();
    statement->bind(id);
    auto found = statement->step();
    if (!found) return std::move(found).error();
    if (!*found) return editionNotFound(id);
    auto status = storedStatus(statement->text(0));
    if (!status) return std::move(status).error();
    if (*status != EditionStatus::Draft) return editionImmutable(id, *status);
    return staleRevision(id, statement->integer(1), expectedRevision);
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, int poolSize)
    : _pool(poolSize, [path] { return SqliteConnection::open(path); }) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, int poolSize) {
    if (sqlite3_threadsafe() == 0)
        return fail(ErrorCode::Internal, "storage/sqlite: SQLite was built without thread support");
    auto connection = SqliteConnection::open(path);
    if (!connection)
        return std::unexpected(std::move(connection).error().withContext("storage/sqlite: open"));
    if (auto migrated = migrateSqlite(**connection); !migrated)
        return std::unexpected(std::move(migrated).error().withContext("storage/sqlite: migrate"));
    std::unique_ptr<SqliteStore> store(new SqliteStore(path, poolSize));
    store->_pool.adopt(std::move(*connection));
    return store;
}

template <typename Body>
auto SqliteStore::read(const char* operation, Body&& body)
    -> decltype(body(std::declval<SqliteConnection&>())) {
    auto lease = _pool.acquire();
    if (!lease) return std::unexpected(std::move(lease).error().withContext("storage/sqlite"));
    auto result = body(**lease);
    if (!result)
        return std::unexpected(
            std::move(result).error().withContext(std::string("storage/sqlite: ") + operation));
    return result;
}

template <typename Body>
auto SqliteStore::write(const char* operation, Body&& body)
    -> decltype(body(std::declval<SqliteConnection&>())) {
    // The mutex is taken before a connection: writers queueing for their turn
    // hold no connection that readers could use.
    std::lock_guard lock(_writeMutex);
    return read(operation, [&](SqliteConnection& connection) -> decltype(body(connection)) {
        auto transaction =
            NUSQA_TRY(SqliteTransaction::begin(connection, SqliteTransaction::Mode::Immediate));
        auto result = body(connection);
        if (result) NUSQA_TRY(transaction.commit());
        return result;
    });
}

Result<int> SqliteStore::schemaVersion() {
    return read("read schema version",
                [](SqliteConnection& connection) { return sqliteSchemaVersion(connection); });
}

Result<Document> SqliteStore::createDocument(const NewDocument& newDocument) {
    return write("insert document", [&](SqliteConnection& connection) -> Result<Document> {
        Document document;
        document.code = newDocument.code;
        document.kind = newDocument.kind;
        document.title = newDocument.title;
        document.unit = newDocument.unit;
        document.language = newDocument.language;
        document.createdAt = utcNow();
        document.updatedAt = document.createdAt;
        auto statement = NUSQA_TRY(connection.prepare(
            "INSERT INTO documents (code, kind, title, unit, language, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"));
        NUSQA_TRY(statement.bind(document.code)
                      .bind(toString(document.kind))
                      .bind(document.title)
                      .bind(document.unit)
                      .bind(toString(document.language))
                      .bind(document.createdAt)
                      .bind(document.updatedAt)
                      .run());
        document.id = connection.lastInsertId();
        return document;
    });
}

Result<Document> SqliteStore::document(std::int64_t id) {
    return read("select document",
                [id](SqliteConnection& connection) { return selectDocument(connection, id); });
}

Result<DocumentPage> SqliteStore::listDocuments(const DocumentQuery& query) {
    return read("list documents", [&](SqliteConnection& connection) -> Result<DocumentPage> {
        DocumentFilter filter = documentFilter(query);
        // One read transaction: the total and the page see the same snapshot.
        auto transaction =
            NUSQA_TRY(SqliteTransaction::begin(connection, SqliteTransaction::Mode::Deferred));
        DocumentPage page;
        {
            auto count = NUSQA_TRY(
                connection.prepare("SELECT COUNT(*) FROM documents AS d" + filter.whereClause));
            for (const std::string& parameter : filter.parameters) count.bind(parameter);
            NUSQA_TRY(count.step());
            page.total = count.integer(0);
        }
        auto rows = NUSQA_TRY(connection.prepare(std::string("SELECT ") + kDocumentColumns +
                                                 " FROM documents AS d" + filter.whereClause +
                                                 " ORDER BY d.id LIMIT ? OFFSET ?"));
        for (const std::string& parameter : filter.parameters) rows.bind(parameter);
        rows.bind(clampPageLimit(query.limit)).bind(clampPageOffset(query.offset));
        while (NUSQA_TRY(rows.step())) page.items.push_back(NUSQA_TRY(documentFromRow(rows)));
        NUSQA_TRY(transaction.commit());
        return page;
    });
}

Result<std::vector<Edition>> SqliteStore::editionsOf(std::int64_t documentId) {
    return read("select editions",
                [documentId](SqliteConnection& connection) -> Result<std::vector<Edition>> {
                    auto transaction = NUSQA_TRY(
                        SqliteTransaction::begin(connection, SqliteTransaction::Mode::Deferred));
                    if (!NUSQA_TRY(documentExists(connection, documentId)))
                        return std::unexpected(documentNotFound(documentId));
                    std::vector<Edition> editions;
                    auto rows = NUSQA_TRY(connection.prepare(kSelectEditionsOf));
                    rows.bind(documentId);
                    while (NUSQA_TRY(rows.step()))
                        editions.push_back(NUSQA_TRY(editionFromRow(rows)));
                    NUSQA_TRY(transaction.commit());
                    return editions;
                });
}

Result<Edition> SqliteStore::createEdition(const NewEdition& newEdition) {
    return write("insert edition", [&](SqliteConnection& connection) -> Result<Edition> {
        if (!NUSQA_TRY(documentExists(connection, newEdition.documentId)))
            return std::unexpected(documentNotFound(newEdition.documentId));
        Edition edition;
        edition.documentId = newEdition.documentId;
        edition.number = newEdition.number;
        edition.language = newEdition.language;
        edition.status = EditionStatus::Draft;
        edition.sha256 = newEdition.sha256;
        edition.revision = 1;
        edition.size = static_cast<std::int64_t>(newEdition.xml.size());
        edition.createdAt = utcNow();
        edition.updatedAt = edition.createdAt;
        auto statement = NUSQA_TRY(connection.prepare(
            "INSERT INTO editions (document_id, number, language, status, xml, sha256,"
            " revision, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        NUSQA_TRY(statement.bind(edition.documentId)
                      .bind(edition.number)
                      .bind(toString(edition.language))
                      .bind(toString(edition.status))
                      .bindBlob(newEdition.xml)
                      .bind(edition.sha256)
                      .bind(edition.revision)
                      .bind(edition.size)
                      .bind(edition.createdAt)
                      .bind(edition.updatedAt)
                      .run());
        edition.id = connection.lastInsertId();
        // Its lifecycle record (version, round, approval facts) starts empty.
        auto lifecycle = NUSQA_TRY(connection.prepare(
            "INSERT INTO edition_lifecycle (edition_id, version, round, decision, effective_date,"
            " review_date, entered_at, review_notice_at) VALUES (?, 0, 0, '', '', '', '', '')"));
        NUSQA_TRY(lifecycle.bind(edition.id).run());
        return edition;
    });
}

Result<Edition> SqliteStore::edition(std::int64_t id) {
    return read("select edition",
                [id](SqliteConnection& connection) { return selectEdition(connection, id); });
}

Result<std::string> SqliteStore::editionXml(std::int64_t id) {
    return read("select edition xml", [id](SqliteConnection& connection) -> Result<std::string> {
        auto statement = NUSQA_TRY(connection.prepare("SELECT xml FROM editions WHERE id = ?"));
        statement.bind(id);
        if (!NUSQA_TRY(statement.step())) return std::unexpected(editionNotFound(id));
        return statement.blob(0);
    });
}

Result<Edition> SqliteStore::updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                         const std::string& xml, const std::string& sha256) {
    return write("update draft", [&](SqliteConnection& connection) -> Result<Edition> {
        std::string now = utcNow();
        auto statement = NUSQA_TRY(connection.prepare(
            "UPDATE editions SET xml = ?, sha256 = ?, size = ?, revision = revision + 1,"
            " updated_at = ? WHERE id = ? AND revision = ? AND status = 'draft'"));
        NUSQA_TRY(statement.bindBlob(xml)
                      .bind(sha256)
                      .bind(static_cast<std::int64_t>(xml.size()))
                      .bind(now)
                      .bind(id)
                      .bind(expectedRevision)
                      .run());
        if (connection.changes() == 0)
            return std::unexpected(whyDraftNotUpdated(connection, id, expectedRevision));
        return selectEdition(connection, id);
    });
}

Result<Edition> SqliteStore::setEditionStatus(std::int64_t id, EditionStatus status) {
    return write("set edition status", [&](SqliteConnection& connection) -> Result<Edition> {
        std::string now = utcNow();
        auto statement = NUSQA_TRY(
            connection.prepare("UPDATE editions SET status = ?, updated_at = ? WHERE id = ?"));
        NUSQA_TRY(statement.bind(toString(status)).bind(now).bind(id).run());
        if (connection.changes() == 0) return std::unexpected(editionNotFound(id));
        return selectEdition(connection, id);
    });
}

Status SqliteStore::transact(const char* operation, Access access,
                             const std::function<Status(SqlSession&)>& body) {
    if (access == Access::Write)
        return write(operation, [&](SqliteConnection& connection) -> Status {
            SqliteSession session(connection);
            return body(session);
        });
    return read(operation, [&](SqliteConnection& connection) -> Status {
        auto transaction =
            NUSQA_TRY(SqliteTransaction::begin(connection, SqliteTransaction::Mode::Deferred));
        SqliteSession session(connection);
        NUSQA_TRY(body(session));
        return transaction.commit();
    });
}

}  // namespace nusqa::storage
