// What both storage backends share so that they behave the same: the paging
// limits, the list filter SQL (written in the dialect common to SQLite and
// MariaDB/MySQL), and the messages of the contract errors. Private to
// storage/. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "domain/Types.h"

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

// Parses a stored enum name; Internal when the database holds an unknown one.
// The statements both backends share (standard SQL, `?` placeholders).
// Column order is what documentFromRow / editionFromRow of each backend read.
inline constexpr const char* kDocumentColumns =
    "d.id, d.code, d.kind, d.title, d.unit, d.language, d.created_at, d.updated_at";
inline constexpr const char* kEditionColumns =
    "id, document_id, number, language, status, sha256, revision, size, created_at, updated_at";
inline const std::string kSelectDocument =
    std::string("SELECT ") + kDocumentColumns + " FROM documents AS d WHERE d.id = ?";
inline const std::string kSelectEdition =
    std::string("SELECT ") + kEditionColumns + " FROM editions WHERE id = ?";
inline const std::string kSelectEditionsOf = std::string("SELECT ") + kEditionColumns +
                                             " FROM editions WHERE document_id = ?"
                                             " ORDER BY number, language";

Result<DocumentKind> storedKind(const std::string& text);
Result<Language> storedLanguage(const std::string& text);
Result<EditionStatus> storedStatus(const std::string& text);

}  // namespace nusqa::storage
