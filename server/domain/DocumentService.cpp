#include "domain/DocumentService.h"

#include <algorithm>
#include <utility>

#include "domain/Authorization.h"
#include "domain/Text.h"

namespace nusqa {
namespace {

constexpr std::size_t kMaxCodeBytes = 190;  // fits a utf8mb4 unique index
constexpr std::size_t kMaxTitleBytes = 2000;
constexpr std::size_t kMaxUnitBytes = 500;

Status checkField(std::string_view name, const std::string& value, std::size_t maxBytes,
                  bool required) {
    if (required && value.empty())
        return fail(ErrorCode::InvalidArgument, std::string(name) + " is required");
    if (value.size() > maxBytes)
        return fail(ErrorCode::InvalidArgument,
                    std::string(name) + " is longer than " + std::to_string(maxBytes) + " bytes");
    return {};
}

std::string editionLabel(const Document& document, int number, Language language) {
    return "document " + std::to_string(document.id) + " (" + document.code + "), edition " +
           std::to_string(number) + " (" + std::string(toString(language)) + ")";
}

}  // namespace

DocumentService::DocumentService(Store& store, const EditionCodec& codec, Digest digest,
                                 const Clock& clock)
    : _store(store), _codec(codec), _digest(std::move(digest)), _clock(clock) {}

NewAuditEntry DocumentService::auditOf(const User& actor, const std::string& action,
                                       const std::string& objectType, const std::string& objectId,
                                       const std::string& details, const Provenance& via) const {
    return NewAuditEntry{_clock.now(),
                         actor.id,
                         actor.login,
                         action,
                         objectType,
                         objectId,
                         details + "; " + via.describe()};
}

Result<Document> DocumentService::createDocument(const User& actor, NewDocument document,
                                                 const Provenance& via) {
    NUSQA_TRY(authorize(actor, Action::EditDrafts));
    document.code = trimmed(document.code);
    document.title = trimmed(document.title);
    document.unit = trimmed(document.unit);
    NUSQA_TRY(checkField("code", document.code, kMaxCodeBytes, true));
    NUSQA_TRY(checkField("title", document.title, kMaxTitleBytes, true));
    NUSQA_TRY(checkField("unit", document.unit, kMaxUnitBytes, false));
    // The store names the new document in the entry (its id is not known yet).
    NewAuditEntry entry =
        auditOf(actor, "document.create", "document", "",
                "code " + document.code + ", kind " + std::string(toString(document.kind)) +
                    ", language " + std::string(toString(document.language)),
                via);
    return _store.createDocument(document, {entry});
}

Status DocumentService::mayEdit(const User& actor, std::int64_t editionId) {
    if (actor.hasRole(Role::QualityOffice)) return {};
    std::optional<std::int64_t> author = NUSQA_TRY(_store.editionAuthor(editionId));
    if (author && *author == actor.id) return {};
    return fail(ErrorCode::Forbidden, actor.login + " is not the author of edition " +
                                          std::to_string(editionId) +
                                          ": only its author or the quality office may edit it");
}

Result<Document> DocumentService::updateDocument(const User& actor, std::int64_t id,
                                                 DocumentChanges changes, const Provenance& via) {
    NUSQA_TRY(authorize(actor, Action::ManageLifecycle));
    Document before = NUSQA_TRY(_store.document(id));
    Document after = before;
    std::string details;
    auto note = [&](const char* field, const std::string& from, const std::string& to) {
        if (from == to) return;
        details +=
            std::string(details.empty() ? "" : "; ") + field + " «" + from + "» -> «" + to + "»";
    };
    if (changes.title) {
        after.title = trimmed(*changes.title);
        NUSQA_TRY(checkField("title", after.title, kMaxTitleBytes, true));
    }
    if (changes.unit) {
        after.unit = trimmed(*changes.unit);
        NUSQA_TRY(checkField("unit", after.unit, kMaxUnitBytes, false));
    }
    if (changes.kind) after.kind = *changes.kind;
    note("title", before.title, after.title);
    note("unit", before.unit, after.unit);
    note("kind", std::string(toString(before.kind)), std::string(toString(after.kind)));
    if (details.empty()) return before;
    return _store.updateDocument(
        after, {auditOf(actor, "document.update", "document", std::to_string(id), details, via)});
}

Result<DocumentWithEditions> DocumentService::document(const User& actor, std::int64_t id) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    Document document = NUSQA_TRY(_store.document(id));
    std::vector<Edition> editions = NUSQA_TRY(_store.editionsOf(id));
    return DocumentWithEditions{std::move(document), std::move(editions)};
}

Result<DocumentPage> DocumentService::listDocuments(const User& actor, const DocumentQuery& query) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    if (query.limit < 1 || query.limit > 500)
        return fail(ErrorCode::InvalidArgument, "limit must be between 1 and 500");
    if (query.offset < 0) return fail(ErrorCode::InvalidArgument, "offset must not be negative");
    return _store.listDocuments(query);
}

Result<EditionFacts> DocumentService::inspectFor(const Document& document,
                                                 std::string_view xml) const {
    EditionFacts facts = NUSQA_TRY(_codec.inspect(xml));
    if (facts.code != document.code)
        return fail(ErrorCode::InvalidDocument, "the XML's code «" + facts.code +
                                                    "» is not the document's code «" +
                                                    document.code + "»");
    if (facts.kind != document.kind)
        return fail(ErrorCode::InvalidDocument,
                    "the XML's kind " + std::string(toString(facts.kind)) +
                        " is not the document's kind " + std::string(toString(document.kind)));
    return facts;
}

Result<Edition> DocumentService::addEdition(const User& actor, std::int64_t documentId,
                                            std::string xml, const Provenance& via) {
    NUSQA_TRY(authorize(actor, Action::EditDrafts));
    Document document = NUSQA_TRY(_store.document(documentId));
    EditionFacts facts = NUSQA_TRY(inspectFor(document, xml));
    NewEdition edition{documentId, facts.number, facts.language, std::move(xml), {}, actor.id};
    edition.sha256 = _digest(edition.xml);
    NewAuditEntry entry = auditOf(actor, "edition.create", "edition", "",
                                  editionLabel(document, edition.number, edition.language) +
                                      ", revision 1, sha256 " + edition.sha256,
                                  via);
    return _store.createEdition(edition, {entry});
}

Result<Edition> DocumentService::edition(const User& actor, std::int64_t id) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    return _store.edition(id);
}

Result<EditionWithXml> DocumentService::editionWithXml(const User& actor, std::int64_t id) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    Edition edition = NUSQA_TRY(_store.edition(id));
    std::string xml = NUSQA_TRY(_store.editionXml(id));
    return EditionWithXml{std::move(edition), std::move(xml)};
}

Result<std::vector<Revision>> DocumentService::revisions(const User& actor, std::int64_t id) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    return _store.revisions(id);
}

Result<RevisionWithXml> DocumentService::revision(const User& actor, std::int64_t id,
                                                  std::int64_t number) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    return _store.revision(id, number);
}

Result<Edition> DocumentService::updateDraft(const User& actor, std::int64_t id,
                                             std::optional<std::int64_t> ifMatchRevision,
                                             std::string xml, const Provenance& via) {
    NUSQA_TRY(authorize(actor, Action::EditDrafts));
    if (!ifMatchRevision)
        return fail(ErrorCode::PreconditionRequired,
                    "updating a draft needs If-Match with the revision (ETag) it was read at");
    Edition current = NUSQA_TRY(_store.edition(id));
    NUSQA_TRY(mayEdit(actor, id));
    if (current.status != EditionStatus::Draft)
        return fail(ErrorCode::Conflict, "edition " + std::to_string(id) + " is " +
                                             std::string(toString(current.status)) +
                                             ": only a draft can be changed");
    // The store's compare-and-set would refuse it too; refused here, the
    // revision the store compares is the one read above, so the audit entry
    // names the exact SHA-256 it replaces.
    if (*ifMatchRevision != current.revision)
        return fail(ErrorCode::PreconditionFailed, "edition " + std::to_string(id) +
                                                       " is at revision " +
                                                       std::to_string(current.revision) + ", not " +
                                                       std::to_string(*ifMatchRevision));
    Document document = NUSQA_TRY(_store.document(current.documentId));
    EditionFacts facts = NUSQA_TRY(inspectFor(document, xml));
    if (facts.number != current.number || facts.language != current.language)
        return fail(ErrorCode::InvalidDocument,
                    "the XML is edition " + std::to_string(facts.number) + " (" +
                        std::string(toString(facts.language)) + ") but this draft is edition " +
                        std::to_string(current.number) + " (" +
                        std::string(toString(current.language)) + ")");
    std::string sha256 = _digest(xml);
    NewAuditEntry entry = auditOf(actor, "edition.update", "edition", std::to_string(id),
                                  editionLabel(document, current.number, current.language) +
                                      ", revision " + std::to_string(current.revision) + " -> " +
                                      std::to_string(current.revision + 1) + ", sha256 " +
                                      current.sha256 + " -> " + sha256,
                                  via);
    return _store.updateDraft(id, current.revision, xml, sha256, {entry});
}

Result<Edition> DocumentService::nextEdition(const User& actor, std::int64_t documentId,
                                             const Provenance& via) {
    NUSQA_TRY(authorize(actor, Action::EditDrafts));
    Document document = NUSQA_TRY(_store.document(documentId));
    std::vector<Edition> editions = NUSQA_TRY(_store.editionsOf(documentId));
    const Edition* latest = nullptr;
    for (const Edition& edition : editions)
        if (edition.language == document.language &&
            (latest == nullptr || edition.number > latest->number))
            latest = &edition;
    if (latest == nullptr)
        return fail(ErrorCode::NotFound, "document " + std::to_string(documentId) +
                                             " has no edition in " +
                                             std::string(toString(document.language)) + " to copy");
    if (latest->status == EditionStatus::Draft)
        return fail(ErrorCode::Conflict, "edition " + std::to_string(latest->number) +
                                             " is still a draft: edit it instead");
    std::string previousXml = NUSQA_TRY(_store.editionXml(latest->id));
    NextEditionFacts next{latest->number + 1, latest->number, document.code, {}};
    std::string xml = NUSQA_TRY(_codec.nextEdition(previousXml, next));
    NewEdition edition{documentId, next.number, latest->language, std::move(xml), {}, actor.id};
    edition.sha256 = _digest(edition.xml);
    NewAuditEntry entry =
        auditOf(actor, "edition.create_next", "edition", "",
                editionLabel(document, edition.number, edition.language) + " from edition " +
                    std::to_string(latest->number) + " (id " + std::to_string(latest->id) +
                    "), revision 1, sha256 " + edition.sha256,
                via);
    return _store.createEdition(edition, {entry});
}

}  // namespace nusqa
