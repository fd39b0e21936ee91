// SearchIndex: the full-text search port over the text of every edition —
// its code and title, and each clause (or other element with an eId) as a
// passage. Implemented once over SQL (storage/SqlSearch), the same on SQLite
// and MariaDB/MySQL: a term index of its own (stem -> passage).
//
// The index holds stems (domain/Stemmer.h via SearchText.h: indexTerms), not
// words, so it is the domain that decides what matches; the store only looks
// stems up. Passages of an edition are written by the Store in the same
// transaction as the edition's XML (createEdition, updateDraft), with the
// extractor given to indexWith(); a status change needs nothing, the status
// is read from the edition at query time.
//
// Thread safety: every method may be called concurrently; indexWith() is
// called once, before the store is used (editions written before it are
// indexed by indexMissing()).
// Errors: Unavailable when the backend cannot be reached; Internal otherwise.
// An edition whose XML the extractor cannot read is stored unindexed (its
// write does not fail for the search's sake) and found by no query.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "domain/Types.h"

namespace nusqa {

// One searchable piece of an edition: the element's eId and printed number
// (both empty for the code and title) and its plain text.
struct SearchPassage {
    std::string eId;
    std::string num;
    std::string text;
    std::string terms;  // indexTerms(text, language): the stems, space-separated
};

// An edition's XML -> its passages, terms filled in (in the language the
// XML names).
using SearchTextExtractor = std::function<Result<std::vector<SearchPassage>>(std::string_view xml)>;

// One condition of a query, all of which must hold: any of the alternatives
// found in one passage. A word's alternatives are single stems matched as
// prefixes of indexed stems; a phrase's are sequences of stems matched
// exactly and in a row. Stems hold only word characters and '_'.
struct SearchClause {
    bool phrase = false;
    std::vector<std::vector<std::string>> alternatives;
};

struct SearchCriteria {
    std::vector<SearchClause> clauses;    // at least one
    std::vector<EditionStatus> statuses;  // at least one, unless inForceOn
    // "YYYY-MM-DD": instead of statuses, the editions in force on that day,
    // as the register on a date reads them: ever in force (in force,
    // superseded — registered older paper editions included — or cancelled
    // after entering), in force since their effective date (else the day
    // they entered) on or before it, no edition of the same document and
    // language in force since a later day by then, not ended (cancelled) by
    // then.
    std::string inForceOn;
    std::optional<Language> language;
    std::string unit;                  // the document's owner unit, exactly; empty: any
    std::optional<DocumentKind> kind;  // the document's kind; none: any
    int offset = 0;                    // editions to skip
    int limit = 20;                    // editions to answer
};

// The best passage of one matching edition.
struct SearchMatch {
    Document document;
    Edition edition;
    SearchPassage passage;
};

struct SearchResults {
    std::vector<SearchMatch> matches;  // best first
    std::int64_t total = 0;            // matching editions (of the candidates read)
    bool truncated = false;            // more passages matched than were ranked
};

class SearchIndex {
public:
    virtual ~SearchIndex() = default;

    // How the Store turns an edition's XML into passages.
    virtual void indexWith(SearchTextExtractor extractor) = 0;

    // Editions ranked by their best passage (its relevance, then edition
    // id), one match per edition. An index may rank only some of many
    // matching passages (truncated then says so).
    virtual Result<SearchResults> search(const SearchCriteria& criteria) = 0;

    // Indexes editions that have no passages yet (stored before the index
    // existed, or before indexWith()); the number indexed.
    virtual Result<std::int64_t> indexMissing() = 0;
};

}  // namespace nusqa
