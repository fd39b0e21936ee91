// SqlDocumentStore: the Store port — documents and editions — written once
// over SqlSession and run by either backend's SqlExecutor (SqliteExecutor,
// MysqlExecutor), in the schema of migration 1 (plus the lifecycle row of
// migration 3 that every new edition gets). Private to storage/.
//
// Atomicity: every method is one transaction; a write appends its audit
// entries (storage/detail/SqlRecordStore.h: appendAuditEntries) in the same
// transaction, entries with an empty objectId naming the new or changed
// object. The XML travels as a blob parameter, so its bytes come back
// exactly.
//
// Search: with a SqlSearch, every edition written (createEdition,
// updateDraft) gets its passages replaced in the same transaction; the
// passages are extracted from the XML before the transaction starts.
//
// Thread safety: all methods may be called concurrently (the executor pools
// connections). The executor and the search must outlive this object.
#pragma once

#include "domain/Store.h"
#include "storage/detail/SqlSearch.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

class SqlDocumentStore final : public Store {
public:
    explicit SqlDocumentStore(SqlExecutor& executor, const SqlSearch* search = nullptr)
        : _executor(executor), _search(search) {}

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
    Result<std::vector<EditionOfDocument>> editionsWithDocuments(
        const std::vector<std::int64_t>& ids) override;
    Result<std::optional<std::int64_t>> editionAuthor(std::int64_t id) override;
    Result<std::string> editionXml(std::int64_t id) override;
    Result<std::vector<Revision>> revisions(std::int64_t editionId) override;
    Result<RevisionWithXml> revision(std::int64_t editionId, std::int64_t number) override;
    Result<Edition> updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                const std::string& xml, const std::string& sha256,
                                const std::vector<NewAuditEntry>& audit) override;

private:
    std::vector<SearchPassage> passagesOf(std::string_view xml) const;

    SqlExecutor& _executor;
    const SqlSearch* _search;
};

}  // namespace nusqa::storage
