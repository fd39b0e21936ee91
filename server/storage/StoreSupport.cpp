#include "storage/detail/StoreSupport.h"

#include <algorithm>

namespace nusqa::storage {

int clampPageLimit(int limit) {
    return std::clamp(limit, kMinimumPageLimit, kMaximumPageLimit);
}

int clampPageOffset(int offset) {
    return std::max(offset, 0);
}

DocumentFilter documentFilter(const DocumentQuery& query) {
    std::vector<std::string> conditions;
    DocumentFilter filter;
    if (query.kind) {
        conditions.emplace_back("d.kind = ?");
        filter.parameters.emplace_back(toString(*query.kind));
    }
    // Both read from the statuses' indexes, not one probe per document:
    // the ids of the documents that qualify, and the documents by them.
    if (query.status == EditionStatus::InForce) {
        // A document in force stays in force while its revision is prepared.
        conditions.emplace_back(
            "d.id IN (SELECT current.document_id FROM editions AS current"
            " WHERE current.status = 'in_force')");
    } else if (query.status) {
        // The latest edition is the one with the highest number (is_latest,
        // migration 16); when several languages share that number, any of
        // them with the status matches.
        conditions.emplace_back(
            "d.id IN (SELECT latest.document_id FROM editions AS latest"
            " WHERE latest.status = ? AND latest.is_latest = 1)");
        filter.parameters.emplace_back(toString(*query.status));
    }
    if (!query.text.empty()) {
        // instr() matches the exact characters: no LIKE wildcards to escape.
        // Case-sensitive on both backends (SQLite's BINARY collation,
        // utf8mb4_bin on the MySQL columns).
        conditions.emplace_back("(instr(d.code, ?) > 0 OR instr(d.title, ?) > 0)");
        filter.parameters.push_back(query.text);
        filter.parameters.push_back(query.text);
    }
    for (std::size_t i = 0; i < conditions.size(); ++i)
        filter.whereClause += (i == 0 ? " WHERE " : " AND ") + conditions[i];
    return filter;
}

Result<Document> documentFromRow(const SqlStatement& row, int first) {
    Document document;
    document.id = row.integer(first);
    document.code = row.text(first + 1);
    document.kind = NUSQA_TRY(storedKind(row.text(first + 2)));
    document.title = row.text(first + 3);
    document.unit = row.text(first + 4);
    document.language = NUSQA_TRY(storedLanguage(row.text(first + 5)));
    document.createdAt = normalTimestamp(row.text(first + 6));
    document.updatedAt = normalTimestamp(row.text(first + 7));
    return document;
}

Error documentNotFound(std::int64_t documentId) {
    return Error{ErrorCode::NotFound, "document " + std::to_string(documentId) + " not found", {}};
}

Error editionNotFound(std::int64_t editionId) {
    return Error{ErrorCode::NotFound, "edition " + std::to_string(editionId) + " not found", {}};
}

Error editionImmutable(std::int64_t editionId, EditionStatus status) {
    return Error{ErrorCode::Conflict,
                 "edition " + std::to_string(editionId) + " is immutable because its status is " +
                     std::string(toString(status)),
                 {}};
}

Error staleRevision(std::int64_t editionId, std::int64_t currentRevision,
                    std::int64_t expectedRevision) {
    return Error{ErrorCode::PreconditionFailed,
                 "edition " + std::to_string(editionId) + " is at revision " +
                     std::to_string(currentRevision) + ", not " + std::to_string(expectedRevision),
                 {}};
}

namespace {

template <typename Enum, typename Parser>
Result<Enum> parseStored(const std::string& text, Parser parser, const char* what) {
    if (auto value = parser(text)) return *value;
    return fail(ErrorCode::Internal,
                std::string("unknown ") + what + " '" + text + "' in the database");
}

}  // namespace

Result<Edition> editionFromRow(const SqlStatement& row, int first) {
    Edition edition;
    edition.id = row.integer(first);
    edition.documentId = row.integer(first + 1);
    edition.number = static_cast<int>(row.integer(first + 2));
    edition.language = NUSQA_TRY(storedLanguage(row.text(first + 3)));
    edition.status = NUSQA_TRY(storedStatus(row.text(first + 4)));
    edition.sha256 = row.text(first + 5);
    edition.revision = row.integer(first + 6);
    edition.size = row.integer(first + 7);
    edition.createdAt = normalTimestamp(row.text(first + 8));
    edition.updatedAt = normalTimestamp(row.text(first + 9));
    return edition;
}

Result<DocumentKind> storedKind(const std::string& text) {
    return parseStored<DocumentKind>(text, parseDocumentKind, "document kind");
}

Result<Language> storedLanguage(const std::string& text) {
    return parseStored<Language>(text, parseLanguage, "language");
}

Result<EditionStatus> storedStatus(const std::string& text) {
    return parseStored<EditionStatus>(text, parseEditionStatus, "edition status");
}

}  // namespace nusqa::storage
