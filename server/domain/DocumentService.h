// DocumentService: the register's use cases for documents and editions —
// what the HTTP API and the command line call. It checks the rules that do
// not depend on who asks (valid XML, matching code, one draft at a time,
// drafts only are editable) and leaves persistence to the Store.
//
// Thread safety: as thread-safe as the Store and EditionCodec it is given
// (both are required to be). Does not own them; they must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/EditionCodec.h"
#include "domain/Error.h"
#include "domain/Store.h"
#include "domain/Types.h"

namespace nusqa {

struct DocumentWithEditions {
    Document document;
    std::vector<Edition> editions;
};

struct EditionWithXml {
    Edition edition;
    std::string xml;
};

class DocumentService {
public:
    // digest: bytes -> lowercase hex SHA-256.
    using Digest = std::function<std::string(std::string_view)>;

    DocumentService(Store& store, const EditionCodec& codec, Digest digest);

    // InvalidArgument for an empty code or title (after trimming) or a field
    // over its length limit; Conflict when the code is taken.
    Result<Document> createDocument(NewDocument document);
    Result<DocumentWithEditions> document(std::int64_t id);
    Result<DocumentPage> listDocuments(const DocumentQuery& query);

    // Adds a draft edition from XML. InvalidDocument when the XML is not
    // well-formed or not schema-valid, or when its code or kind differ from
    // the document's; Conflict when that edition number already exists in
    // that language; NotFound for a missing document.
    Result<Edition> addEdition(std::int64_t documentId, std::string xml);

    Result<Edition> edition(std::int64_t id);
    Result<EditionWithXml> editionWithXml(std::int64_t id);

    // Replaces a draft's XML when ifMatchRevision is its current revision.
    // PreconditionRequired without a revision; PreconditionFailed when stale;
    // Conflict when the edition is not a draft; InvalidDocument when the XML
    // is invalid or changes the code, language or edition number.
    Result<Edition> updateDraft(std::int64_t id, std::optional<std::int64_t> ifMatchRevision,
                                std::string xml);

    // A new draft copied from the latest edition (highest number) of the
    // document's language, with the next number and "replaces" pointing at
    // it. NotFound when the document has no edition yet; Conflict when the
    // latest edition is still a draft (finish or discard it first).
    Result<Edition> nextEdition(std::int64_t documentId);

private:
    Result<EditionFacts> inspectFor(const Document& document, std::string_view xml) const;

    Store& _store;
    const EditionCodec& _codec;
    Digest _digest;
};

}  // namespace nusqa
