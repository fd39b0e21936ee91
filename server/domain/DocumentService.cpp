#include "domain/DocumentService.h"

#include <algorithm>
#include <utility>

namespace nusqa {
namespace {

constexpr std::size_t kMaxCodeBytes = 190;  // fits a utf8mb4 unique index
constexpr std::size_t kMaxTitleBytes = 2000;
constexpr std::size_t kMaxUnitBytes = 500;

std::string trimmed(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(kSpace);
    return std::string(text.substr(first, last - first + 1));
}

Status checkField(std::string_view name, const std::string& value, std::size_t maxBytes,
                  bool required) {
    if (required && value.empty())
        return fail(ErrorCode::InvalidArgument, std::string(name) + " is required");
    if (value.size() > maxBytes)
        return fail(ErrorCode::InvalidArgument,
                    std::string(name) + " is longer than " + std::to_string(maxBytes) + " bytes");
    return {};
}

}  // namespace

DocumentService::DocumentService(Store& store, const EditionCodec& codec, Digest digest)
    : _store(store), _codec(codec), _digest(std::move(digest)) {}

Result<Document> DocumentService::createDocument(NewDocument document) {
    document.code = trimmed(document.code);
    document.title = trimmed(document.title);
    document.unit = trimmed(document.unit);
    NUSQA_TRY(checkField("code", document.code, kMaxCodeBytes, true));
    NUSQA_TRY(checkField("title", document.title, kMaxTitleBytes, true));
    NUSQA_TRY(checkField("unit", document.unit, kMaxUnitBytes, false));
    return _store.createDocument(document);
}

Result<DocumentWithEditions> DocumentService::document(std::int64_t id) {
    Document document = NUSQA_TRY(_store.document(id));
    std::vector<Edition> editions = NUSQA_TRY(_store.editionsOf(id));
    return DocumentWithEditions{std::move(document), std::move(editions)};
}

Result<DocumentPage> DocumentService::listDocuments(const DocumentQuery& query) {
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

Result<Edition> DocumentService::addEdition(std::int64_t documentId, std::string xml) {
    Document document = NUSQA_TRY(_store.document(documentId));
    EditionFacts facts = NUSQA_TRY(inspectFor(document, xml));
    NewEdition edition{documentId, facts.number, facts.language, std::move(xml), {}};
    edition.sha256 = _digest(edition.xml);
    return _store.createEdition(edition);
}

Result<Edition> DocumentService::edition(std::int64_t id) {
    return _store.edition(id);
}

Result<EditionWithXml> DocumentService::editionWithXml(std::int64_t id) {
    Edition edition = NUSQA_TRY(_store.edition(id));
    std::string xml = NUSQA_TRY(_store.editionXml(id));
    return EditionWithXml{std::move(edition), std::move(xml)};
}

Result<Edition> DocumentService::updateDraft(std::int64_t id,
                                             std::optional<std::int64_t> ifMatchRevision,
                                             std::string xml) {
    if (!ifMatchRevision)
        return fail(ErrorCode::PreconditionRequired,
                    "updating a draft needs If-Match with the revision (ETag) it was read at");
    Edition current = NUSQA_TRY(_store.edition(id));
    if (current.status != EditionStatus::Draft)
        return fail(ErrorCode::Conflict, "edition " + std::to_string(id) + " is " +
                                             std::string(toString(current.status)) +
                                             ": only a draft can be changed");
    Document document = NUSQA_TRY(_store.document(current.documentId));
    EditionFacts facts = NUSQA_TRY(inspectFor(document, xml));
    if (facts.number != current.number || facts.language != current.language)
        return fail(ErrorCode::InvalidDocument,
                    "the XML is edition " + std::to_string(facts.number) + " (" +
                        std::string(toString(facts.language)) + ") but this draft is edition " +
                        std::to_string(current.number) + " (" +
                        std::string(toString(current.language)) + ")");
    std::string sha256 = _digest(xml);
    return _store.updateDraft(id, *ifMatchRevision, xml, sha256);
}

Result<Edition> DocumentService::nextEdition(std::int64_t documentId) {
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
    NewEdition edition{documentId, next.number, latest->language, std::move(xml), {}};
    edition.sha256 = _digest(edition.xml);
    return _store.createEdition(edition);
}

}  // namespace nusqa
