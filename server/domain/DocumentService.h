// DocumentService: the register's use cases for documents and editions —
// what the HTTP API and the command line call. Every call names the acting
// user: reads need ReadRegister, writes EditDrafts (domain/Authorization.h;
// Forbidden otherwise, before anything is read or written). It checks the
// rules that do not depend on who asks (valid XML, matching code, one draft
// at a time, drafts only are editable) and commits each change together
// with its audit entry in one Store transaction:
//
//   document.create      a document registered
//   edition.create       a draft edition added from XML
//   edition.create_next  a draft copied from the latest edition
//   edition.update       a draft replaced: "revision N -> N+1, sha256 A -> B"
//
// (the actor, the object, and the details: what was written, and where the
// act came from — the API, or the command line and its file).
//
// Thread safety: as thread-safe as the Store, EditionCodec and Clock it is
// given (all are required to be). Does not own them; they must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/AuditLog.h"
#include "domain/Clock.h"
#include "domain/EditionCodec.h"
#include "domain/Error.h"
#include "domain/People.h"
#include "domain/Store.h"
#include "domain/Types.h"

namespace nusqa {

struct DocumentWithEditions {
    Document document;
    std::vector<Edition> editions;
};

// PATCH /api/v1/documents/{id}: the fields to change (nullopt: unchanged).
struct DocumentChanges {
    std::optional<std::string> title;
    std::optional<std::string> unit;
    std::optional<DocumentKind> kind;
};

struct EditionWithXml {
    Edition edition;
    std::string xml;
};

class DocumentService {
public:
    // digest: bytes -> lowercase hex SHA-256.
    using Digest = std::function<std::string(std::string_view)>;

    DocumentService(Store& store, const EditionCodec& codec, Digest digest, const Clock& clock);

    // InvalidArgument for an empty code or title (after trimming) or a field
    // over its length limit; Conflict when the code is taken.
    Result<Document> createDocument(const User& actor, NewDocument document,
                                    const Provenance& via = {});
    Result<DocumentWithEditions> document(const User& actor, std::int64_t id);
    // Corrects a document's title, owner unit or kind (ManageLifecycle: the
    // quality office), audited as document.update with each field's before
    // and after. InvalidArgument as createDocument; NotFound.
    Result<Document> updateDocument(const User& actor, std::int64_t id, DocumentChanges changes,
                                    const Provenance& via = {});
    Result<DocumentPage> listDocuments(const User& actor, const DocumentQuery& query);

    // Adds a draft edition from XML. InvalidDocument when the XML is not
    // well-formed or not schema-valid, or when its code or kind differ from
    // the document's; Conflict when that edition number already exists in
    // that language; NotFound for a missing document.
    Result<Edition> addEdition(const User& actor, std::int64_t documentId, std::string xml,
                               const Provenance& via = {});

    Result<Edition> edition(const User& actor, std::int64_t id);
    Result<EditionWithXml> editionWithXml(const User& actor, std::int64_t id);

    // The revision history of an edition, oldest first (Store::revisions),
    // and one revision with its XML byte-exact. NotFound for a missing
    // edition or revision.
    Result<std::vector<Revision>> revisions(const User& actor, std::int64_t id);
    Result<RevisionWithXml> revision(const User& actor, std::int64_t id, std::int64_t number);

    // Replaces a draft's XML when ifMatchRevision is its current revision.
    // Forbidden unless the actor is its author (who created it) or holds the
    // quality office role.
    // PreconditionRequired without a revision; PreconditionFailed when stale;
    // Conflict when the edition is not a draft; InvalidDocument when the XML
    // is invalid or changes the code, language or edition number.
    Result<Edition> updateDraft(const User& actor, std::int64_t id,
                                std::optional<std::int64_t> ifMatchRevision, std::string xml,
                                const Provenance& via = {});

    // A new draft copied from the latest edition (highest number) of the
    // document's language, with the next number and "replaces" pointing at
    // it. NotFound when the document has no edition yet; Conflict when the
    // latest edition is still a draft (finish or discard it first).
    Result<Edition> nextEdition(const User& actor, std::int64_t documentId,
                                const Provenance& via = {});

private:
    Status mayEdit(const User& actor, std::int64_t editionId);
    Result<EditionFacts> inspectFor(const Document& document, std::string_view xml) const;
    NewAuditEntry auditOf(const User& actor, const std::string& action,
                          const std::string& objectType, const std::string& objectId,
                          const std::string& details, const Provenance& via) const;

    Store& _store;
    const EditionCodec& _codec;
    Digest _digest;
    const Clock& _clock;
};

}  // namespace nusqa
