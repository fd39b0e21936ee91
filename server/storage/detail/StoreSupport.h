// What the SQL ports share so that they behave the same on both backends:
// the paging limits, the list filter SQL (written in the dialect common to
// SQLite and MariaDB/MySQL), an edition's columns, and the messages of the
// contract errors. Private to storage/. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "domain/Types.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

inline constexpr int kMinimumPageLimit = 1;
inline constexpr int kMaximumPageLimit = 500;

int clampPageLimit(int limit);
int clampPageOffset(int offset);

// The WHERE clause of a document list ("" or " WHERE ...") over the table
// alias `d`, and its parameters in order. Values are never part of the SQL
// text: every filter is a `?` placeholder bound to a string parameter.
struct DocumentFilter {
    std::string whereClause;
    std::vector<std::string> parameters;
};
DocumentFilter documentFilter(const DocumentQuery& query);

// The messages of the contract errors, identical on every backend.
Error documentNotFound(std::int64_t documentId);
Error editionNotFound(std::int64_t editionId);
Error editionImmutable(std::int64_t editionId, EditionStatus status);
Error staleRevision(std::int64_t editionId, std::int64_t currentRevision,
                    std::int64_t expectedRevision);

// The columns of an edition over the table alias `e`, in the order
// editionFromRow() reads them from its first column on.
inline constexpr const char* kEditionColumns =
    "e.id, e.document_id, e.number, e.language, e.status, e.sha256, e.revision, e.size,"
    " e.created_at, e.updated_at";
Result<Edition> editionFromRow(const SqlStatement& row, int first);

// The columns of a document over the table alias `d`, in the order
// documentFromRow() reads them from its first column on.
inline constexpr const char* kDocumentColumns =
    "d.id, d.code, d.kind, d.title, d.unit, d.language, d.created_at, d.updated_at";
Result<Document> documentFromRow(const SqlStatement& row, int first = 0);

// Parses a stored enum name; Internal when the database holds an unknown one.
Result<DocumentKind> storedKind(const std::string& text);
Result<Language> storedLanguage(const std::string& text);
Result<EditionStatus> storedStatus(const std::string& text);

// Rewrites the rows of edition_in_force (migration 16: when each edition
// was in force) of one document and language from the editions and their
// lifecycle records, in the caller's transaction. Every lifecycle change
// that moves a status or a date calls it; a bulk writer (bench/scale)
// calls rebuildInForcePeriods once for the whole store.
Status refreshInForcePeriods(SqlSession& session, std::int64_t documentId,
                             const std::string& language);
Status rebuildInForcePeriods(SqlSession& session);

}  // namespace nusqa::storage
