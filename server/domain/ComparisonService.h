// ComparisonService: the comparison by eId (Comparison.h) of two stored
// editions, and the change records a new edition's comparison with the
// edition it replaces proposes (ChangeRecords.h) — the auditor's and the
// quality office's use cases behind GET /api/v1/editions/{a}/compare/{b}
// and GET /api/v1/editions/{id}/changes/draft (issue 13).
//
// Reads only: every call needs ReadRegister (Forbidden otherwise, before
// anything is read) and records nothing. The editions' XML is turned into
// the content model by the ContentReader given (render/reader in the
// application: safe parsing and schema validation of the stored bytes).
//
// Errors: NotFound for a missing edition, or when the edition has no
// edition it replaces; InvalidArgument when the two editions belong to
// different documents; the reader's errors (InvalidDocument) for stored
// XML it cannot read; the store's errors.
//
// Thread safety: as thread-safe as the Store and the reader (both are
// required to be); the comparison itself is a pure function. Does not own
// the store; it must outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ChangeRecords.h"
#include "domain/Comparison.h"
#include "domain/Content.h"
#include "domain/Error.h"
#include "domain/People.h"
#include "domain/Store.h"
#include "domain/Types.h"

namespace nusqa {

// Two editions and what changed from the first (earlier) to the second.
struct EditionComparison {
    Edition from;
    Edition to;
    std::int64_t fromRevision = 0;  // the revisions compared (the current
    std::int64_t toRevision = 0;    // one unless another was asked for)
    compare::Comparison comparison;
    std::string fromSha256 = {};  // of the revisions compared
    std::string toSha256 = {};
};

// A comparison with the two contents compared (for the redline).
struct ComparedContents {
    EditionComparison compared;
    content::Content from;
    content::Content to;
};

// One side of a comparison: an edition, at its current revision or at an
// earlier one (Store::revisions).
struct EditionSide {
    std::int64_t edition = 0;
    std::optional<std::int64_t> revision;
};

// The change registration drafted for an edition from its comparison with
// the edition it replaces, and the check of the records typed into it.
struct ChangeDraft {
    EditionComparison compared;  // from: the replaced edition, to: this one
    std::vector<compare::ProposedRecord> proposed;
    // The edition's own change records (those the replaced edition does not
    // have), as typed, and their check against the comparison.
    std::vector<content::ChangeRecord> typed;
    compare::RecordCheck check;
};

class ComparisonService {
public:
    // Stored XML -> content model; InvalidDocument when it cannot be read.
    using ContentReader = std::function<Result<content::Content>(std::string_view xml)>;

    ComparisonService(Store& store, ContentReader reader);

    // Edition from compared with edition to (any two editions of one
    // document, in either order; an edition with itself gives no change).
    // Revisions: the rejected revision of a draft with the approved one, or
    // two revisions of one draft; NotFound for a revision the edition does
    // not have.
    Result<EditionComparison> compare(const User& actor, const EditionSide& from,
                                      const EditionSide& to);
    // compare() with the two contents it compared.
    Result<ComparedContents> compareContents(const User& actor, const EditionSide& from,
                                             const EditionSide& to);

    // The edition compared with the edition it replaces: of the same
    // document and language, the one with the highest number below its own.
    // NotFound when there is none.
    Result<ChangeDraft> draftChanges(const User& actor, std::int64_t editionId);

    // draftChanges without the access check, for the lifecycle's own use
    // (sending for agreement checks the typed records).
    Result<ChangeDraft> draftChangesOf(std::int64_t editionId);

    // Success when the edition replaces none, or when its typed change
    // records agree with the comparison; Conflict otherwise, with one
    // ErrorDetail per disagreement (the records missing as the draft would
    // propose them, the typed records that cover no change, those of the
    // wrong kind). For sending for agreement; no access check.
    Status requireConsistentRecords(std::int64_t editionId);

private:
    Result<content::Content> contentOf(std::int64_t editionId);
    // The content of the side and the revision number read.
    Result<content::Content> contentOf(const Edition& edition,
                                       const std::optional<std::int64_t>& revision,
                                       std::int64_t& number, std::string& sha256);

    Store& _store;
    ContentReader _reader;
};

}  // namespace nusqa
