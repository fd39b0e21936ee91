#include "storage/detail/SqlDocumentStore.h"

#include <algorithm>
#include <map>

#include "storage/detail/SqlRecordStore.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::storage {
namespace {

Result<Document> selectDocument(SqlSession& session, std::int64_t id) {
    auto row = NUSQA_TRY(session.prepare(std::string("SELECT ") + kDocumentColumns +
                                         " FROM documents AS d WHERE d.id = ?"));
    row->bind(id);
    if (!NUSQA_TRY(row->next())) return std::unexpected(documentNotFound(id));
    return documentFromRow(*row);
}

Result<Edition> selectEdition(SqlSession& session, std::int64_t id) {
    static const std::string kSql =
        std::string("SELECT ") + kEditionColumns + " FROM editions AS e WHERE e.id = ?";
    auto row = NUSQA_TRY(session.prepare(kSql));
    row->bind(id);
    if (!NUSQA_TRY(row->next())) return std::unexpected(editionNotFound(id));
    return editionFromRow(*row, 0);
}

Result<bool> documentExists(SqlSession& session, std::int64_t id) {
    auto row = NUSQA_TRY(session.prepare("SELECT 1 FROM documents WHERE id = ?"));
    row->bind(id);
    return row->next();
}

// Keeps the edition's current revision (just written) in edition_revisions,
// authored by the actor of the act's first audit entry.
Status keepRevision(SqlSession& session, std::int64_t editionId,
                    const std::vector<NewAuditEntry>& audit) {
    std::int64_t authorId = audit.empty() ? 0 : audit.front().actorId;
    std::string authorLogin = audit.empty() ? std::string() : audit.front().actorLogin;
    return executeSql(session,
                      "INSERT INTO edition_revisions (edition_id, revision, xml, sha256, size,"
                      " author_id, author_login, created_at)"
                      " SELECT id, revision, xml, sha256, size, ?, ?, updated_at"
                      " FROM editions WHERE id = ?",
                      [&](SqlStatement& s) { s.bind(authorId).bind(authorLogin).bind(editionId); });
}

constexpr const char* kRevisionColumns =
    "edition_id, revision, sha256, size, author_id, author_login, created_at";

Revision revisionFromRow(const SqlStatement& row) {
    Revision revision;
    revision.editionId = row.integer(0);
    revision.number = row.integer(1);
    revision.sha256 = row.text(2);
    revision.size = row.integer(3);
    revision.authorId = row.integer(4);
    revision.authorLogin = row.text(5);
    revision.createdAt = normalTimestamp(row.text(6));
    return revision;
}

Error revisionNotFound(std::int64_t editionId, std::int64_t number) {
    return Error{
        ErrorCode::NotFound,
        "edition " + std::to_string(editionId) + " has no revision " + std::to_string(number),
        {}};
}

// Why the compare-and-set of a draft matched no row.
Error whyDraftNotUpdated(SqlSession& session, std::int64_t id, std::int64_t expectedRevision) {
    auto row = session.prepare("SELECT status, revision FROM editions WHERE id = ?");
    if (!row) return std::move(row).error();
    (*row)->bind(id);
    auto found = (*row)->next();
    if (!found) return std::move(found).error();
    if (!*found) return editionNotFound(id);
    auto status = storedStatus((*row)->text(0));
    if (!status) return std::move(status).error();
    if (*status != EditionStatus::Draft) return editionImmutable(id, *status);
    return staleRevision(id, (*row)->integer(1), expectedRevision);
}

std::vector<NewAuditEntry> naming(std::vector<NewAuditEntry> entries, std::int64_t id) {
    for (NewAuditEntry& entry : entries)
        if (entry.objectId.empty()) entry.objectId = std::to_string(id);
    return entries;
}

}  // namespace

std::vector<SearchPassage> SqlDocumentStore::passagesOf(std::string_view xml) const {
    return _search != nullptr ? _search->passagesOf(xml) : std::vector<SearchPassage>{};
}

Result<int> SqlDocumentStore::schemaVersion() {
    int version = 0;
    NUSQA_TRY(
        _executor.transact("read schema version", Access::Read, [&](SqlSession& session) -> Status {
            auto row = NUSQA_TRY(
                session.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
            NUSQA_TRY(row->next());
            version = static_cast<int>(row->integer(0));
            return Status{};
        }));
    return version;
}

Result<Document> SqlDocumentStore::createDocument(const NewDocument& input,
                                                  const std::vector<NewAuditEntry>& audit) {
    Document created;
    NUSQA_TRY(
        _executor.transact("insert document", Access::Write, [&](SqlSession& session) -> Status {
            created = Document{0,          input.code,     input.kind, input.title,
                               input.unit, input.language, utcNow(),   {}};
            created.updatedAt = created.createdAt;
            auto insert = NUSQA_TRY(session.prepare(
                "INSERT INTO documents (code, kind, title, unit, language, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"));
            insert->bind(created.code).bind(toString(created.kind)).bind(created.title);
            insert->bind(created.unit).bind(toString(created.language));
            insert->bind(session.dateTime(created.createdAt))
                .bind(session.dateTime(created.updatedAt));
            NUSQA_TRY(insert->execute());
            created.id = NUSQA_TRY(session.lastInsertId());
            return appendAuditEntries(session, naming(audit, created.id));
        }));
    return created;
}

Result<Document> SqlDocumentStore::document(std::int64_t id) {
    Document found;
    NUSQA_TRY(
        _executor.transact("select document", Access::Read, [&](SqlSession& session) -> Status {
            found = NUSQA_TRY(selectDocument(session, id));
            return Status{};
        }));
    return found;
}

Result<std::optional<std::int64_t>> SqlDocumentStore::editionAuthor(std::int64_t id) {
    std::optional<std::int64_t> author;
    NUSQA_TRY(_executor.transact(
        "select edition author", Access::Read, [&](SqlSession& session) -> Status {
            author.reset();
            NUSQA_TRY(selectEdition(session, id));
            auto row = NUSQA_TRY(
                session.prepare("SELECT user_id FROM edition_authors WHERE edition_id = ?"));
            row->bind(id);
            if (NUSQA_TRY(row->next())) author = row->integer(0);
            return Status{};
        }));
    return author;
}

Result<Document> SqlDocumentStore::updateDocument(const Document& document,
                                                  const std::vector<NewAuditEntry>& audit) {
    Document updated;
    NUSQA_TRY(
        _executor.transact("update document", Access::Write, [&](SqlSession& session) -> Status {
            NUSQA_TRY(selectDocument(session, document.id));
            NUSQA_TRY(executeSql(session,
                                 "UPDATE documents SET title = ?, unit = ?, kind = ?,"
                                 " updated_at = ? WHERE id = ?",
                                 [&](SqlStatement& s) {
                                     s.bind(document.title).bind(document.unit);
                                     s.bind(toString(document.kind));
                                     s.bind(session.dateTime(utcNow())).bind(document.id);
                                 }));
            updated = NUSQA_TRY(selectDocument(session, document.id));
            return appendAuditEntries(session, audit);
        }));
    return updated;
}

namespace {

// editions.is_latest (migration 16): 1 on the editions with the document's
// highest number. Only rows whose flag changes are written (on SQLite a
// write rewrites the row with its XML).
Status markLatest(SqlSession& session, std::int64_t documentId) {
    std::int64_t highest = 0;
    {
        auto row =
            NUSQA_TRY(session.prepare("SELECT MAX(number) FROM editions WHERE document_id = ?"));
        row->bind(documentId);
        if (NUSQA_TRY(row->next()) && !row->isNull(0)) highest = row->integer(0);
    }
    return executeSql(session,
                      "UPDATE editions SET is_latest = CASE WHEN number = ? THEN 1 ELSE 0 END"
                      " WHERE document_id = ? AND is_latest <> CASE WHEN number = ? THEN 1"
                      " ELSE 0 END",
                      [&](SqlStatement& s) { s.bind(highest).bind(documentId).bind(highest); });
}

}  // namespace

Result<DocumentPage> SqlDocumentStore::listDocuments(const DocumentQuery& query) {
    DocumentFilter filter = documentFilter(query);
    DocumentPage page;
    // One read transaction: the total and the page see the same snapshot.
    NUSQA_TRY(
        _executor.transact("list documents", Access::Read, [&](SqlSession& session) -> Status {
            page = DocumentPage{};
            {
                auto count = NUSQA_TRY(
                    session.prepare("SELECT COUNT(*) FROM documents AS d" + filter.whereClause));
                for (const std::string& parameter : filter.parameters) count->bind(parameter);
                NUSQA_TRY(count->next());
                page.total = count->integer(0);
            }
            auto rows = NUSQA_TRY(session.prepare(std::string("SELECT ") + kDocumentColumns +
                                                  " FROM documents AS d" + filter.whereClause +
                                                  " ORDER BY d.id LIMIT ? OFFSET ?"));
            for (const std::string& parameter : filter.parameters) rows->bind(parameter);
            rows->bind(clampPageLimit(query.limit)).bind(clampPageOffset(query.offset));
            while (NUSQA_TRY(rows->next())) page.items.push_back(NUSQA_TRY(documentFromRow(*rows)));
            return Status{};
        }));
    return page;
}

Result<std::vector<Edition>> SqlDocumentStore::editionsOf(std::int64_t documentId) {
    std::vector<Edition> editions;
    NUSQA_TRY(
        _executor.transact("select editions", Access::Read, [&](SqlSession& session) -> Status {
            editions.clear();
            if (!NUSQA_TRY(documentExists(session, documentId)))
                return Status(std::unexpected(documentNotFound(documentId)));
            auto rows = NUSQA_TRY(session.prepare(std::string("SELECT ") + kEditionColumns +
                                                  " FROM editions AS e WHERE e.document_id = ?"
                                                  " ORDER BY e.number, e.language"));
            rows->bind(documentId);
            while (NUSQA_TRY(rows->next())) editions.push_back(NUSQA_TRY(editionFromRow(*rows, 0)));
            return Status{};
        }));
    return editions;
}

Result<Edition> SqlDocumentStore::createEdition(const NewEdition& input,
                                                const std::vector<NewAuditEntry>& audit) {
    Edition created;
    std::vector<SearchPassage> passages = passagesOf(input.xml);
    NUSQA_TRY(
        _executor.transact("insert edition", Access::Write, [&](SqlSession& session) -> Status {
            if (!NUSQA_TRY(documentExists(session, input.documentId)))
                return Status(std::unexpected(documentNotFound(input.documentId)));
            created = Edition{};
            created.documentId = input.documentId;
            created.number = input.number;
            created.language = input.language;
            created.status = EditionStatus::Draft;
            created.sha256 = input.sha256;
            created.revision = 1;
            created.size = static_cast<std::int64_t>(input.xml.size());
            created.createdAt = utcNow();
            created.updatedAt = created.createdAt;
            auto insert = NUSQA_TRY(session.prepare(
                "INSERT INTO editions (document_id, number, language, status, xml, sha256,"
                " revision, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            insert->bind(created.documentId).bind(created.number).bind(toString(created.language));
            insert->bind(toString(created.status)).bindBlob(input.xml).bind(created.sha256);
            insert->bind(created.revision).bind(created.size);
            insert->bind(session.dateTime(created.createdAt))
                .bind(session.dateTime(created.updatedAt));
            NUSQA_TRY(insert->execute());
            created.id = NUSQA_TRY(session.lastInsertId());
            NUSQA_TRY(markLatest(session, created.documentId));
            // Its lifecycle record (version, round, approval facts) starts empty.
            NUSQA_TRY(
                executeSql(session,
                           "INSERT INTO edition_lifecycle (edition_id, version, round, decision,"
                           " effective_date, review_date, entered_at, review_notice_at)"
                           " VALUES (?, 0, 0, '', '', '', '', '')",
                           [&](SqlStatement& s) { s.bind(created.id); }));
            NUSQA_TRY(keepRevision(session, created.id, audit));
            if (input.authorId != 0)
                NUSQA_TRY(executeSql(
                    session, "INSERT INTO edition_authors (edition_id, user_id) VALUES (?, ?)",
                    [&](SqlStatement& s) { s.bind(created.id).bind(input.authorId); }));
            NUSQA_TRY(writePassages(session, created.id, passages));
            return appendAuditEntries(session, naming(audit, created.id));
        }));
    return created;
}

Result<Edition> SqlDocumentStore::edition(std::int64_t id) {
    Edition found;
    NUSQA_TRY(_executor.transact("select edition", Access::SingleRead,
                                 [&](SqlSession& session) -> Status {
                                     found = NUSQA_TRY(selectEdition(session, id));
                                     return Status{};
                                 }));
    return found;
}

Result<std::vector<EditionOfDocument>> SqlDocumentStore::editionsWithDocuments(
    const std::vector<std::int64_t>& ids) {
    // A statement per 256 ids at most; its placeholders rounded up to 16, 64
    // or 256 (the rest repeat the last id) so that each connection prepares
    // three statements, not one per count.
    constexpr std::size_t kSizes[] = {16, 64, 256};
    std::map<std::int64_t, EditionOfDocument> byId;
    NUSQA_TRY(_executor.transact(
        "select editions with documents", Access::Read, [&](SqlSession& session) -> Status {
            byId.clear();
            for (std::size_t start = 0; start < ids.size(); start += kSizes[2]) {
                std::size_t count = std::min(ids.size() - start, kSizes[2]);
                std::size_t size = *std::ranges::find_if(
                    kSizes, [&](std::size_t candidate) { return candidate >= count; });
                std::string placeholders;
                for (std::size_t i = 0; i < size; ++i) placeholders += i == 0 ? "?" : ", ?";
                auto rows = NUSQA_TRY(session.prepare(
                    std::string("SELECT ") + kEditionColumns + ", " + kDocumentColumns +
                    " FROM editions AS e JOIN documents AS d ON d.id = e.document_id"
                    " WHERE e.id IN (" +
                    placeholders + ")"));
                for (std::size_t i = 0; i < size; ++i)
                    rows->bind(ids[start + std::min(i, count - 1)]);
                while (NUSQA_TRY(rows->next())) {
                    Edition edition = NUSQA_TRY(editionFromRow(*rows, 0));
                    Document document = NUSQA_TRY(documentFromRow(*rows, 10));
                    byId.insert_or_assign(
                        edition.id, EditionOfDocument{std::move(edition), std::move(document)});
                }
            }
            return Status{};
        }));
    std::vector<EditionOfDocument> found;
    found.reserve(ids.size());
    for (std::int64_t id : ids) {
        auto edition = byId.find(id);
        if (edition == byId.end()) return std::unexpected(editionNotFound(id));
        found.push_back(edition->second);
    }
    return found;
}

Result<std::string> SqlDocumentStore::editionXml(std::int64_t id) {
    std::string xml;
    NUSQA_TRY(
        _executor.transact("select edition xml", Access::Read, [&](SqlSession& session) -> Status {
            auto row = NUSQA_TRY(session.prepare("SELECT xml FROM editions WHERE id = ?"));
            row->bind(id);
            if (!NUSQA_TRY(row->next())) return Status(std::unexpected(editionNotFound(id)));
            xml = row->blob(0);
            return Status{};
        }));
    return xml;
}

Result<std::vector<Revision>> SqlDocumentStore::revisions(std::int64_t editionId) {
    std::vector<Revision> found;
    NUSQA_TRY(
        _executor.transact("select revisions", Access::Read, [&](SqlSession& session) -> Status {
            found.clear();
            NUSQA_TRY(selectEdition(session, editionId));
            auto rows = NUSQA_TRY(session.prepare(std::string("SELECT ") + kRevisionColumns +
                                                  " FROM edition_revisions WHERE edition_id = ?"
                                                  " ORDER BY revision"));
            rows->bind(editionId);
            while (NUSQA_TRY(rows->next())) found.push_back(revisionFromRow(*rows));
            return Status{};
        }));
    return found;
}

Result<RevisionWithXml> SqlDocumentStore::revision(std::int64_t editionId, std::int64_t number) {
    RevisionWithXml found;
    NUSQA_TRY(
        _executor.transact("select revision", Access::Read, [&](SqlSession& session) -> Status {
            NUSQA_TRY(selectEdition(session, editionId));
            auto row = NUSQA_TRY(session.prepare(std::string("SELECT ") + kRevisionColumns +
                                                 ", xml FROM edition_revisions"
                                                 " WHERE edition_id = ? AND revision = ?"));
            row->bind(editionId).bind(number);
            if (!NUSQA_TRY(row->next()))
                return Status(std::unexpected(revisionNotFound(editionId, number)));
            found.revision = revisionFromRow(*row);
            found.xml = row->blob(7);
            return Status{};
        }));
    return found;
}

Result<Edition> SqlDocumentStore::updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                              const std::string& xml, const std::string& sha256,
                                              const std::vector<NewAuditEntry>& audit) {
    Edition updated;
    std::vector<SearchPassage> passages = passagesOf(xml);
    NUSQA_TRY(_executor.transact("update draft", Access::Write, [&](SqlSession& session) -> Status {
        // A compare-and-set: on MySQL the row lock makes a concurrent updater
        // wait, then match nothing once the revision moved on.
        auto update = NUSQA_TRY(session.prepare(
            "UPDATE editions SET xml = ?, sha256 = ?, size = ?, revision = revision + 1,"
            " updated_at = ? WHERE id = ? AND revision = ? AND status = 'draft'"));
        update->bindBlob(xml).bind(sha256).bind(static_cast<std::int64_t>(xml.size()));
        update->bind(session.dateTime(utcNow())).bind(id).bind(expectedRevision);
        if (NUSQA_TRY(update->execute()) == 0)
            return Status(std::unexpected(whyDraftNotUpdated(session, id, expectedRevision)));
        update.reset();
        NUSQA_TRY(keepRevision(session, id, audit));
        NUSQA_TRY(writePassages(session, id, passages));
        updated = NUSQA_TRY(selectEdition(session, id));
        return appendAuditEntries(session, naming(audit, id));
    }));
    return updated;
}

}  // namespace nusqa::storage
