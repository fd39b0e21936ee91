#include "support/memory/MemoryStore.h"

#include <algorithm>

namespace nusqa::test {
namespace {

bool matches(const MemoryTables& tables, const Document& document, const DocumentQuery& query) {
    if (query.kind && document.kind != *query.kind) return false;
    if (!query.text.empty() && document.code.find(query.text) == std::string::npos &&
        document.title.find(query.text) == std::string::npos)
        return false;
    if (query.status) {
        // The latest edition is the highest number; any language of it counts.
        // In force: any edition in force (a revision may be in preparation).
        int latest = 0;
        for (const auto& [id, row] : tables.editions)
            if (row.edition.documentId == document.id)
                latest = std::max(latest, row.edition.number);
        bool found = false;
        for (const auto& [id, row] : tables.editions)
            if (row.edition.documentId == document.id &&
                (row.edition.number == latest || *query.status == EditionStatus::InForce) &&
                row.edition.status == *query.status)
                found = true;
        if (!found) return false;
    }
    return true;
}

}  // namespace

namespace {

// The edition's current revision, authored by the actor of the first audit
// entry (as the SQL store does).
Revision revisionOf(const Edition& edition, const std::vector<NewAuditEntry>& audit) {
    Revision revision;
    revision.editionId = edition.id;
    revision.number = edition.revision;
    revision.sha256 = edition.sha256;
    revision.size = edition.size;
    revision.authorId = audit.empty() ? 0 : audit.front().actorId;
    revision.authorLogin = audit.empty() ? std::string() : audit.front().actorLogin;
    revision.createdAt = edition.updatedAt;
    return revision;
}

}  // namespace

Result<int> MemoryStore::schemaVersion() {
    return MemoryDatabase::kSchemaVersion;
}

Result<Document> MemoryStore::createDocument(const NewDocument& input,
                                             const std::vector<NewAuditEntry>& audit) {
    Document created;
    NUSQA_TRY(_database.write("insert document", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("insert document"));
        for (const auto& [id, document] : tables.documents)
            if (document.code == input.code)
                return fail(ErrorCode::Conflict, "the code «" + input.code + "» is taken");
        created = Document{tables.nextId("documents"),
                           input.code,
                           input.kind,
                           input.title,
                           input.unit,
                           input.language,
                           utcNow(),
                           {}};
        created.updatedAt = created.createdAt;
        tables.documents[created.id] = created;
        return appendAudit(_database, tables, withObjectId(audit, created.id));
    }));
    return created;
}

Result<Document> MemoryStore::document(std::int64_t id) {
    Document found;
    NUSQA_TRY(_database.read("select document", [&](const MemoryTables& tables) -> Status {
        auto row = tables.documents.find(id);
        if (row == tables.documents.end()) return std::unexpected(memoryDocumentNotFound(id));
        found = row->second;
        return {};
    }));
    return found;
}

Result<std::optional<std::int64_t>> MemoryStore::editionAuthor(std::int64_t id) {
    std::optional<std::int64_t> author;
    NUSQA_TRY(_database.read("select edition author", [&](const MemoryTables& tables) -> Status {
        if (!tables.editions.contains(id)) return std::unexpected(memoryEditionNotFound(id));
        if (auto row = tables.authors.find(id); row != tables.authors.end()) author = row->second;
        return {};
    }));
    return author;
}

Result<Document> MemoryStore::updateDocument(const Document& document,
                                             const std::vector<NewAuditEntry>& audit) {
    Document updated;
    NUSQA_TRY(_database.write("update document", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("update document"));
        auto row = tables.documents.find(document.id);
        if (row == tables.documents.end())
            return std::unexpected(memoryDocumentNotFound(document.id));
        row->second.title = document.title;
        row->second.unit = document.unit;
        row->second.kind = document.kind;
        row->second.updatedAt = utcNow();
        updated = row->second;
        return appendAudit(_database, tables, audit);
    }));
    return updated;
}

Result<DocumentPage> MemoryStore::listDocuments(const DocumentQuery& query) {
    DocumentPage page;
    NUSQA_TRY(_database.read("list documents", [&](const MemoryTables& tables) -> Status {
        int limit = std::clamp(query.limit, 1, 500);
        int offset = std::max(query.offset, 0);
        for (const auto& [id, document] : tables.documents) {
            if (!matches(tables, document, query)) continue;
            if (page.total >= offset && static_cast<int>(page.items.size()) < limit)
                page.items.push_back(document);
            ++page.total;
        }
        return {};
    }));
    return page;
}

Result<std::vector<Edition>> MemoryStore::editionsOf(std::int64_t documentId) {
    std::vector<Edition> found;
    NUSQA_TRY(_database.read("select editions", [&](const MemoryTables& tables) -> Status {
        if (!tables.documents.contains(documentId))
            return std::unexpected(memoryDocumentNotFound(documentId));
        for (const auto& [id, row] : tables.editions)
            if (row.edition.documentId == documentId) found.push_back(row.edition);
        std::sort(found.begin(), found.end(), [](const Edition& a, const Edition& b) {
            if (a.number != b.number) return a.number < b.number;
            return toString(a.language) < toString(b.language);
        });
        return {};
    }));
    return found;
}

Result<Edition> MemoryStore::createEdition(const NewEdition& input,
                                           const std::vector<NewAuditEntry>& audit) {
    Edition created;
    NUSQA_TRY(_database.write("insert edition", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("select document"));
        if (!tables.documents.contains(input.documentId))
            return std::unexpected(memoryDocumentNotFound(input.documentId));
        NUSQA_TRY(_database.step("insert edition"));
        for (const auto& [id, row] : tables.editions)
            if (row.edition.documentId == input.documentId && row.edition.number == input.number &&
                row.edition.language == input.language)
                return fail(ErrorCode::Conflict, "edition " + std::to_string(input.number) + " (" +
                                                     std::string(toString(input.language)) +
                                                     ") of document " +
                                                     std::to_string(input.documentId) + " exists");
        created.id = tables.nextId("editions");
        created.documentId = input.documentId;
        created.number = input.number;
        created.language = input.language;
        created.status = EditionStatus::Draft;
        created.sha256 = input.sha256;
        created.revision = 1;
        created.size = static_cast<std::int64_t>(input.xml.size());
        created.createdAt = utcNow();
        created.updatedAt = created.createdAt;
        auto xml = std::make_shared<const std::string>(input.xml);
        tables.editions[created.id] =
            MemoryEdition{created, xml, {MemoryRevision{revisionOf(created, audit), xml}}};
        NUSQA_TRY(_database.step("insert edition lifecycle"));
        tables.lifecycle[created.id] = MemoryLifecycle{};
        if (input.authorId != 0) {
            NUSQA_TRY(_database.step("insert edition author"));
            tables.authors[created.id] = input.authorId;
        }
        return appendAudit(_database, tables, withObjectId(audit, created.id));
    }));
    return created;
}

Result<Edition> MemoryStore::edition(std::int64_t id) {
    Edition found;
    NUSQA_TRY(_database.read("select edition", [&](const MemoryTables& tables) -> Status {
        auto row = tables.editions.find(id);
        if (row == tables.editions.end()) return std::unexpected(memoryEditionNotFound(id));
        found = row->second.edition;
        return {};
    }));
    return found;
}

Result<std::string> MemoryStore::editionXml(std::int64_t id) {
    std::shared_ptr<const std::string> xml;
    NUSQA_TRY(_database.read("select edition xml", [&](const MemoryTables& tables) -> Status {
        auto row = tables.editions.find(id);
        if (row == tables.editions.end()) return std::unexpected(memoryEditionNotFound(id));
        xml = row->second.xml;
        return {};
    }));
    return *xml;
}

Result<std::vector<Revision>> MemoryStore::revisions(std::int64_t editionId) {
    std::vector<Revision> found;
    NUSQA_TRY(_database.read("select revisions", [&](const MemoryTables& tables) -> Status {
        auto row = tables.editions.find(editionId);
        if (row == tables.editions.end()) return std::unexpected(memoryEditionNotFound(editionId));
        for (const MemoryRevision& kept : row->second.revisions) found.push_back(kept.revision);
        return {};
    }));
    return found;
}

Result<RevisionWithXml> MemoryStore::revision(std::int64_t editionId, std::int64_t number) {
    RevisionWithXml found;
    NUSQA_TRY(_database.read("select revision", [&](const MemoryTables& tables) -> Status {
        auto row = tables.editions.find(editionId);
        if (row == tables.editions.end()) return std::unexpected(memoryEditionNotFound(editionId));
        for (const MemoryRevision& kept : row->second.revisions)
            if (kept.revision.number == number) {
                found = RevisionWithXml{kept.revision, *kept.xml};
                return {};
            }
        return fail(ErrorCode::NotFound, "edition " + std::to_string(editionId) +
                                             " has no revision " + std::to_string(number));
    }));
    return found;
}

Result<Edition> MemoryStore::updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                         const std::string& xml, const std::string& sha256,
                                         const std::vector<NewAuditEntry>& audit) {
    Edition updated;
    NUSQA_TRY(_database.write("update draft", [&](MemoryTables& tables) -> Status {
        NUSQA_TRY(_database.step("update draft"));
        auto row = tables.editions.find(id);
        if (row == tables.editions.end()) return std::unexpected(memoryEditionNotFound(id));
        Edition& edition = row->second.edition;
        if (edition.status != EditionStatus::Draft)
            return fail(ErrorCode::Conflict, "edition " + std::to_string(id) +
                                                 " is immutable because its status is " +
                                                 std::string(toString(edition.status)));
        if (edition.revision != expectedRevision)
            return fail(ErrorCode::PreconditionFailed,
                        "edition " + std::to_string(id) + " is at revision " +
                            std::to_string(edition.revision) + ", not " +
                            std::to_string(expectedRevision));
        edition.sha256 = sha256;
        edition.size = static_cast<std::int64_t>(xml.size());
        edition.revision += 1;
        edition.updatedAt = utcNow();
        row->second.xml = std::make_shared<const std::string>(xml);
        row->second.revisions.push_back(
            MemoryRevision{revisionOf(edition, audit), row->second.xml});
        updated = edition;
        return appendAudit(_database, tables, withObjectId(audit, id));
    }));
    return updated;
}

}  // namespace nusqa::test
