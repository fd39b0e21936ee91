// MemoryStore: the Store port (documents and editions) over a
// MemoryDatabase, for tests. Keeps the storage contract: byte-exact XML,
// the draft compare-and-set, the audit entries of every write appended in
// the same transaction (entries without an objectId get the new object's
// id), the paging limits and the list filters.
// Thread safety: as MemoryDatabase. The database must outlive the store.
#pragma once

#include "domain/Store.h"
#include "support/memory/MemoryDatabase.h"

namespace nusqa::test {

class MemoryStore final : public Store {
public:
    explicit MemoryStore(MemoryDatabase& database) : _database(database) {}

    Result<int> schemaVersion() override;
    Result<Document> createDocument(const NewDocument& document,
                                    const std::vector<NewAuditEntry>& audit) override;
    Result<Document> document(std::int64_t id) override;
    Result<Document> updateDocument(const Document& document,
                                    const std::vector<NewAuditEntry>& audit) override;
    Result<DocumentPage> listDocuments(const DocumentQuery& query) override;
    Result<std::vector<Edition>> editionsOf(std::int64_t documentId) override;
    Result<Edition> createEdition(const NewEdition& edition,
                                  const std::vector<NewAuditEntry>& audit) override;
    Result<Edition> edition(std::int64_t id) override;
    Result<std::optional<std::int64_t>> editionAuthor(std::int64_t id) override;
    Result<std::string> editionXml(std::int64_t id) override;
    Result<std::vector<Revision>> revisions(std::int64_t editionId) override;
    Result<RevisionWithXml> revision(std::int64_t editionId, std::int64_t number) override;
    Result<Edition> updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                const std::string& xml, const std::string& sha256,
                                const std::vector<NewAuditEntry>& audit) override;

private:
    MemoryDatabase& _database;
};

}  // namespace nusqa::test
