#include "storage/mysql/detail/MysqlStore.h"

#include <cppconn/resultset.h>

#include <sstream>
#include <utility>

#include "storage/detail/StoreSupport.h"
#include "storage/mysql/detail/MysqlConnection.h"
#include "storage/mysql/detail/MysqlMigrations.h"
#include "storage/mysql/detail/MysqlSession.h"

namespace nusqa::storage {

namespace {

// One retry after a lost connection; up to two after a deadlock.
constexpr int kMaximumAttempts = 3;
constexpr std::size_t kMaximumDatabaseNameLength = 64;

using Rows = std::unique_ptr<sql::ResultSet>;

std::string text(const sql::ResultSet& row, int column) {
    return row.getString(static_cast<std::uint32_t>(column)).asStdString();
}

Result<Document> documentFromRow(const sql::ResultSet& row) {
    Document document;
    document.id = row.getInt64(1);
    document.code = text(row, 2);
    document.kind = NUSQA_TRY(storedKind(text(row, 3)));
    document.title = text(row, 4);
    document.unit = text(row, 5);
    document.language = NUSQA_TRY(storedLanguage(text(row, 6)));
    document.createdAt = fromMysqlDateTime(text(row, 7));
    document.updatedAt = fromMysqlDateTime(text(row, 8));
    return document;
}

Result<Edition> editionFromRow(const sql::ResultSet& row) {
    Edition edition;
    edition.id = row.getInt64(1);
    edition.documentId = row.getInt64(2);
    edition.number = row.getInt(3);
    edition.language = NUSQA_TRY(storedLanguage(text(row, 4)));
    edition.status = NUSQA_TRY(storedStatus(text(row, 5)));
    edition.sha256 = text(row, 6);
    edition.revision = row.getInt64(7);
    edition.size = row.getInt64(8);
    edition.createdAt = fromMysqlDateTime(text(row, 9));
    edition.updatedAt = fromMysqlDateTime(text(row, 10));
    return edition;
}

Result<Document> selectDocument(MysqlConnection& connection, std::int64_t id) {
    auto& statement = connection.prepare(kSelectDocument);
    statement.setInt64(1, id);
    Rows rows(statement.executeQuery());
    if (!rows->next()) return std::unexpected(documentNotFound(id));
    return documentFromRow(*rows);
}

Result<Edition> selectEdition(MysqlConnection& connection, std::int64_t id) {
    auto& statement = connection.prepare(kSelectEdition);
    statement.setInt64(1, id);
    Rows rows(statement.executeQuery());
    if (!rows->next()) return std::unexpected(editionNotFound(id));
    return editionFromRow(*rows);
}

bool documentExists(MysqlConnection& connection, std::int64_t id) {
    auto& statement = connection.prepare("SELECT 1 FROM documents WHERE id = ?");
    statement.setInt64(1, id);
    Rows rows(statement.executeQuery());
    return rows->next();
}

// Why a compare-and-set of a draft matched no row.
Error whyDraftNotUpdated(MysqlConnection& connection, std::int64_t id,
                         std::int64_t expectedRevision) {
    auto& statement = connection.prepare("SELECT status, revision FROM editions WHERE id = ?");
    statement.setInt64(1, id);
    Rows rows(statement.executeQuery());
    if (!rows->next()) return editionNotFound(id);
    auto status = storedStatus(text(*rows, 1));
    if (!status) return std::move(status).error();
    if (*status != EditionStatus::Draft) return editionImmutable(id, *status);
    return staleRevision(id, rows->getInt64(2), expectedRevision);
}

bool isValidDatabaseName(const std::string& name) {
    if (name.empty() || name.size() > kMaximumDatabaseNameLength) return false;
    for (char character : name) {
        bool allowed = (character >= 'a' && character <= 'z') ||
                       (character >= 'A' && character <= 'Z') ||
                       (character >= '0' && character <= '9') || character == '_' ||
                       character == '$' || character == '-';
        if (!allowed) return false;
    }
    return true;
}

// Connects to the database, creating it when the server says it is unknown.
// Throws sql::SQLException.
std::unique_ptr<MysqlConnection> connectCreatingDatabase(const MysqlSettings& settings) {
    constexpr int kUnknownDatabase = 1049;  // ER_BAD_DB_ERROR
    try {
        return MysqlConnection::connect(settings, true);
    } catch (const sql::SQLException& exception) {
        if (exception.getErrorCode() != kUnknownDatabase) throw;
    }
    auto server = MysqlConnection::connect(settings, false);
    // An identifier cannot be a parameter; the name passed
    // isValidDatabaseName(), so it cannot close the backquotes.
    server->execute("CREATE DATABASE IF NOT EXISTS `" + settings.database +
                    "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    return MysqlConnection::connect(settings, true);
}

}  // namespace

MysqlStore::MysqlStore(const MysqlSettings& settings, int poolSize)
    : _pool(poolSize, [settings] { return MysqlConnection::open(settings, true); }) {}

MysqlStore::~MysqlStore() = default;

Result<std::unique_ptr<MysqlStore>> MysqlStore::open(const MysqlSettings& settings, int poolSize) {
    if (!isValidDatabaseName(settings.database))
        return fail(ErrorCode::InvalidArgument,
                    "storage/mysql: invalid database name '" + settings.database +
                        "' (letters, digits, '_', '$', '-'; at most 64)");
    const std::string context = "storage/mysql: open " + settings.user + "@" + settings.host + ":" +
                                std::to_string(settings.port) + "/" + settings.database;
    std::unique_ptr<MysqlConnection> connection;
    try {
        connection = connectCreatingDatabase(settings);
        if (auto migrated = migrateMysql(*connection, settings.database); !migrated)
            return std::unexpected(std::move(migrated).error().withContext(context + ": migrate"));
    } catch (const sql::SQLException& exception) {
        return std::unexpected(mysqlError(exception).withContext(context));
    } catch (const std::exception& exception) {
        return fail(ErrorCode::Unavailable, context + ": " + exception.what());
    }
    std::unique_ptr<MysqlStore> store(new MysqlStore(settings, poolSize));
    store->_pool.adopt(std::move(connection));
    return store;
}

template <typename Body>
auto MysqlStore::run(const char* operation, Body&& body)
    -> decltype(body(std::declval<MysqlConnection&>())) {
    registerMysqlThread();
    const std::string context = std::string("storage/mysql: ") + operation;
    for (int attempt = 1;; ++attempt) {
        auto lease = _pool.acquire();
        if (!lease) return std::unexpected(std::move(lease).error().withContext(context));
        MysqlConnection& connection = **lease;
        connection.setCommitSent(false);
        try {
            auto result = body(connection);
            if (connection.broken()) lease->discard();
            if (!result) return std::unexpected(std::move(result).error().withContext(context));
            return result;
        } catch (const sql::SQLException& exception) {
            int errorCode = exception.getErrorCode();
            bool lost = isConnectionLost(errorCode);
            if (lost || connection.broken()) lease->discard();
            if (lost) _pool.discardIdle();
            bool retry = attempt < kMaximumAttempts &&
                         ((lost && !connection.commitSent()) || isTransient(errorCode));
            if (!retry) return std::unexpected(mysqlError(exception).withContext(context));
        } catch (const std::exception& exception) {
            lease->discard();
            return fail(ErrorCode::Internal, context + ": " + exception.what());
        }
    }
}

Result<int> MysqlStore::schemaVersion() {
    return run("read schema version", [](MysqlConnection& connection) -> Result<int> {
        return mysqlSchemaVersion(connection);
    });
}

Result<Document> MysqlStore::createDocument(const NewDocument& newDocument) {
    return run("insert document", [&](MysqlConnection& connection) -> Result<Document> {
        Document document;
        document.code = newDocument.code;
        document.kind = newDocument.kind;
        document.title = newDocument.title;
        document.unit = newDocument.unit;
        document.language = newDocument.language;
        document.createdAt = utcNow();
        document.updatedAt = document.createdAt;
        MysqlTransaction transaction(connection, MysqlTransaction::Mode::ReadWrite);
        auto& statement = connection.prepare(
            "INSERT INTO documents (code, kind, title, unit, language, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)");
        statement.setString(1, document.code);
        statement.setString(2, std::string(toString(document.kind)));
        statement.setString(3, document.title);
        statement.setString(4, document.unit);
        statement.setString(5, std::string(toString(document.language)));
        statement.setDateTime(6, toMysqlDateTime(document.createdAt));
        statement.setDateTime(7, toMysqlDateTime(document.updatedAt));
        statement.executeUpdate();
        document.id = connection.lastInsertId();
        transaction.commit();
        return document;
    });
}

Result<Document> MysqlStore::document(std::int64_t id) {
    return run("select document",
               [id](MysqlConnection& connection) { return selectDocument(connection, id); });
}

Result<DocumentPage> MysqlStore::listDocuments(const DocumentQuery& query) {
    return run("list documents", [&](MysqlConnection& connection) -> Result<DocumentPage> {
        DocumentFilter filter = documentFilter(query);
        // One read-only transaction: the total and the page share a snapshot.
        MysqlTransaction transaction(connection, MysqlTransaction::Mode::ReadOnly);
        DocumentPage page;
        {
            auto& count =
                connection.prepare("SELECT COUNT(*) FROM documents AS d" + filter.whereClause);
            for (std::size_t i = 0; i < filter.parameters.size(); ++i)
                count.setString(static_cast<unsigned>(i + 1), filter.parameters[i]);
            Rows rows(count.executeQuery());
            rows->next();
            page.total = rows->getInt64(1);
        }
        auto& select =
            connection.prepare(std::string("SELECT ") + kDocumentColumns + " FROM documents AS d" +
                               filter.whereClause + " ORDER BY d.id LIMIT ? OFFSET ?");
        unsigned index = 1;
        for (const std::string& parameter : filter.parameters) select.setString(index++, parameter);
        select.setInt(index++, clampPageLimit(query.limit));
        select.setInt(index++, clampPageOffset(query.offset));
        Rows rows(select.executeQuery());
        while (rows->next()) page.items.push_back(NUSQA_TRY(documentFromRow(*rows)));
        transaction.commit();
        return page;
    });
}

Result<std::vector<Edition>> MysqlStore::editionsOf(std::int64_t documentId) {
    return run("select editions",
               [documentId](MysqlConnection& connection) -> Result<std::vector<Edition>> {
                   MysqlTransaction transaction(connection, MysqlTransaction::Mode::ReadOnly);
                   if (!documentExists(connection, documentId))
                       return std::unexpected(documentNotFound(documentId));
                   auto& statement = connection.prepare(kSelectEditionsOf);
                   statement.setInt64(1, documentId);
                   Rows rows(statement.executeQuery());
                   std::vector<Edition> editions;
                   while (rows->next()) editions.push_back(NUSQA_TRY(editionFromRow(*rows)));
                   transaction.commit();
                   return editions;
               });
}

Result<Edition> MysqlStore::createEdition(const NewEdition& newEdition) {
    return run("insert edition", [&](MysqlConnection& connection) -> Result<Edition> {
        MysqlTransaction transaction(connection, MysqlTransaction::Mode::ReadWrite);
        if (!documentExists(connection, newEdition.documentId))
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
        auto& statement = connection.prepare(
            "INSERT INTO editions (document_id, number, language, status, xml, sha256,"
            " revision, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // Sent as binary long data: no character set conversion on the way.
        std::istringstream xml(newEdition.xml);
        statement.setInt64(1, edition.documentId);
        statement.setInt(2, edition.number);
        statement.setString(3, std::string(toString(edition.language)));
        statement.setString(4, std::string(toString(edition.status)));
        statement.setBlob(5, &xml);
        statement.setString(6, edition.sha256);
        statement.setInt64(7, edition.revision);
        statement.setInt64(8, edition.size);
        statement.setDateTime(9, toMysqlDateTime(edition.createdAt));
        statement.setDateTime(10, toMysqlDateTime(edition.updatedAt));
        statement.executeUpdate();
        statement.clearParameters();  // drops the pointer to the local stream
        edition.id = connection.lastInsertId();
        // Its lifecycle record (version, round, approval facts) starts empty.
        auto& lifecycle = connection.prepare(
            "INSERT INTO edition_lifecycle (edition_id, version, round, decision, effective_date,"
            " review_date, entered_at, review_notice_at) VALUES (?, 0, 0, '', '', '', '', '')");
        lifecycle.setInt64(1, edition.id);
        lifecycle.executeUpdate();
        transaction.commit();
        return edition;
    });
}

Result<Edition> MysqlStore::edition(std::int64_t id) {
    return run("select edition",
               [id](MysqlConnection& connection) { return selectEdition(connection, id); });
}

Result<std::string> MysqlStore::editionXml(std::int64_t id) {
    return run("select edition xml", [id](MysqlConnection& connection) -> Result<std::string> {
        auto& statement = connection.prepare("SELECT xml FROM editions WHERE id = ?");
        statement.setInt64(1, id);
        Rows rows(statement.executeQuery());
        if (!rows->next()) return std::unexpected(editionNotFound(id));
        return text(*rows, 1);
    });
}

Result<Edition> MysqlStore::updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                        const std::string& xml, const std::string& sha256) {
    return run("update draft", [&](MysqlConnection& connection) -> Result<Edition> {
        MysqlTransaction transaction(connection, MysqlTransaction::Mode::ReadWrite);
        auto& statement = connection.prepare(
            "UPDATE editions SET xml = ?, sha256 = ?, size = ?, revision = revision + 1,"
            " updated_at = ? WHERE id = ? AND revision = ? AND status = 'draft'");
        std::istringstream bytes(xml);
        statement.setBlob(1, &bytes);
        statement.setString(2, sha256);
        statement.setInt64(3, static_cast<std::int64_t>(xml.size()));
        statement.setDateTime(4, toMysqlDateTime(utcNow()));
        statement.setInt64(5, id);
        statement.setInt64(6, expectedRevision);
        // The row lock makes this a compare-and-set: a concurrent updater
        // waits, then re-reads the committed revision and matches nothing.
        int matched = statement.executeUpdate();
        statement.clearParameters();
        if (matched == 0)
            return std::unexpected(whyDraftNotUpdated(connection, id, expectedRevision));
        auto updated = NUSQA_TRY(selectEdition(connection, id));
        transaction.commit();
        return updated;
    });
}

Result<Edition> MysqlStore::setEditionStatus(std::int64_t id, EditionStatus status) {
    return run("set edition status", [&](MysqlConnection& connection) -> Result<Edition> {
        MysqlTransaction transaction(connection, MysqlTransaction::Mode::ReadWrite);
        auto& statement =
            connection.prepare("UPDATE editions SET status = ?, updated_at = ? WHERE id = ?");
        statement.setString(1, std::string(toString(status)));
        statement.setDateTime(2, toMysqlDateTime(utcNow()));
        statement.setInt64(3, id);
        // CLIENT_FOUND_ROWS: counts the row even when the status is unchanged.
        if (statement.executeUpdate() == 0) return std::unexpected(editionNotFound(id));
        auto updated = NUSQA_TRY(selectEdition(connection, id));
        transaction.commit();
        return updated;
    });
}

Status MysqlStore::transact(const char* operation, Access access,
                            const std::function<Status(SqlSession&)>& body) {
    return run(operation, [&](MysqlConnection& connection) -> Status {
        MysqlTransaction transaction(connection, access == Access::Write
                                                     ? MysqlTransaction::Mode::ReadWrite
                                                     : MysqlTransaction::Mode::ReadOnly);
        MysqlSession session(connection);
        NUSQA_TRY(body(session));
        transaction.commit();
        return {};
    });
}

}  // namespace nusqa::storage
