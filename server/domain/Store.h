// Store: the persistence port of the register — documents and editions.
// Written once over SQL (storage/SqlDocumentStore) for both backends
// (SQLite, the embedded default; MySQL/MariaDB through Connector/C++) and
// kept in memory for tests (tests/support/memory); all pass tests/storage's
// contract suite.
//
// Thread safety: every method may be called concurrently from any thread;
// implementations pool their connections.
// Errors: NotFound for a missing id; Conflict for a uniqueness violation or a
// write to a non-draft edition; PreconditionFailed for a stale revision;
// Unavailable when the backend cannot be reached; Internal otherwise. The
// message names the backend and the operation.
// Atomicity: each method is one transaction; a crash leaves either all of it
// or nothing (the XML bytes are never half-written). A write takes the audit
// entries that record it and appends them in the same transaction; entries
// with an empty objectId get the id of the object written (the new document
// or edition, the updated edition). The author of a revision written by
// createEdition or updateDraft is the actor of its first audit entry.
// The lifecycle status of an edition is changed by LifecycleStore::apply
// only (the lifecycle's one path), never here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/AuditLog.h"
#include "domain/Error.h"
#include "domain/Types.h"

namespace nusqa {

struct EditionOfDocument {
    Edition edition;
    Document document;
};

class Store {
public:
    virtual ~Store() = default;

    // The schema version after migrations ran (migrations run on open).
    virtual Result<int> schemaVersion() = 0;

    // Conflict when the code is taken.
    virtual Result<Document> createDocument(const NewDocument& document,
                                            const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<Document> document(std::int64_t id) = 0;
    // Replaces a document's title, owner unit and kind (the code and language
    // stay) and returns it as stored. NotFound.
    virtual Result<Document> updateDocument(const Document& document,
                                            const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<DocumentPage> listDocuments(const DocumentQuery& query) = 0;

    // Editions of a document ordered by number, then language.
    // NotFound when the document does not exist.
    virtual Result<std::vector<Edition>> editionsOf(std::int64_t documentId) = 0;

    // Stores a draft edition, revision 1 (kept as its first revision), XML
    // byte-exact. NotFound for a
    // missing document; Conflict when (document, language, number) exists.
    virtual Result<Edition> createEdition(const NewEdition& edition,
                                          const std::vector<NewAuditEntry>& audit) = 0;
    virtual Result<Edition> edition(std::int64_t id) = 0;
    // The editions with these ids, each with its document, in the order of
    // the ids given; NotFound for a missing one. A page that lists many
    // editions (the inbox) reads them at once: an SQL store in one
    // statement per few hundred ids, not two transactions per edition. This
    // default reads them one by one.
    virtual Result<std::vector<EditionOfDocument>> editionsWithDocuments(
        const std::vector<std::int64_t>& ids) {
        std::vector<EditionOfDocument> found;
        found.reserve(ids.size());
        for (std::int64_t id : ids) {
            Edition edition = NUSQA_TRY(this->edition(id));
            Document document = NUSQA_TRY(this->document(edition.documentId));
            found.push_back(EditionOfDocument{std::move(edition), std::move(document)});
        }
        return found;
    }
    // The user who created the edition (NewEdition::authorId); nullopt when
    // none was recorded. NotFound for a missing edition.
    virtual Result<std::optional<std::int64_t>> editionAuthor(std::int64_t id) = 0;
    // The XML exactly as stored.
    virtual Result<std::string> editionXml(std::int64_t id) = 0;

    // The revisions of an edition, oldest first: every revision since the
    // edition was created (editions stored before revision history began
    // have their revision of that time only). NotFound for a missing edition.
    virtual Result<std::vector<Revision>> revisions(std::int64_t editionId) = 0;
    // One revision with its XML byte-exact. NotFound for a missing edition
    // or revision.
    virtual Result<RevisionWithXml> revision(std::int64_t editionId, std::int64_t number) = 0;

    // Replaces the XML of a draft if its revision still equals
    // expectedRevision, and bumps the revision; the new revision is kept
    // with the earlier ones (revisions()). Atomic compare-and-set:
    // of two concurrent calls with the same expectedRevision exactly one wins.
    // NotFound; Conflict when the edition is not a draft (immutable);
    // PreconditionFailed when the revision is stale.
    virtual Result<Edition> updateDraft(std::int64_t id, std::int64_t expectedRevision,
                                        const std::string& xml, const std::string& sha256,
                                        const std::vector<NewAuditEntry>& audit) = 0;
};

}  // namespace nusqa
