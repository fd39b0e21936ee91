// SearchText: what the full-text search reads and matches, standard library
// only — an edition's content cut into passages (one per element with an
// eId: clause, sub-clause, chapter heading, table, form; plus one for the
// code and title), the stems indexed for a text, the parsing of a query into
// clauses, and the snippet of a passage with its matches.
//
// Words: maximal runs of letters and digits (Stemmer.h: isWordCharacter),
// case-folded, then stemmed (stemWord). Stems are at most kMaxStemLength
// code points; one shorter than 3 is padded with '_' (first for InnoDB's
// full-text parser, which ignored shorter tokens; kept so that stored stems
// keep one form), and query stems get the same treatment, so the two always
// agree.
//
// Query syntax: words (each matched as a stem prefix: «ереже» finds
// «ережесінің» and «ережелер»), and "exact phrases" in double quotes (the
// words' stems in a row). Every other character separates words, so the
// engines' own operators (* ( ) : ^ - + ~ < > @) never reach them.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Content.h"
#include "domain/Error.h"
#include "domain/SearchIndex.h"
#include "domain/Types.h"

namespace nusqa::search {

inline constexpr std::size_t kMaxQueryBytes = 512;
inline constexpr std::size_t kMaxQueryClauses = 8;
inline constexpr std::size_t kMaxPhraseWords = 8;
inline constexpr std::size_t kMaxStemLength = 40;
inline constexpr std::size_t kMaxPassageBytes = 16 * 1024;
inline constexpr std::size_t kMaxPassages = 5000;

// The passages of an edition, in document order, terms filled in: first the
// code and title, then every element with an eId and text of its own (the
// text of sub-elements with eIds goes into their own passages). Each
// passage's text is cut at kMaxPassageBytes (on a character boundary), and
// at most kMaxPassages are returned.
std::vector<SearchPassage> searchPassages(const content::Content& content);

// The stems of the text's words, in order, separated by single spaces.
std::string indexTerms(std::string_view text, Language language);

// The clauses of a query (see above). InvalidArgument when it is longer
// than kMaxQueryBytes, is not UTF-8 or holds a control character, has no
// word of two or more characters, or more than kMaxQueryClauses clauses
// or kMaxPhraseWords words in a phrase.
Result<std::vector<SearchClause>> parseQuery(std::string_view query);

// A stretch of the passage around its first match, and where each matched
// word is in it. Offsets and lengths count UTF-16 code units (JavaScript
// string indices), so a client highlights without decoding UTF-8.
struct Highlight {
    std::int64_t offset = 0;
    std::int64_t length = 0;
};
struct Snippet {
    std::string text;  // plain text, never markup; "…" where cut
    std::vector<Highlight> highlights;
};
Snippet snippetOf(std::string_view text, const std::vector<SearchClause>& clauses,
                  Language language);

}  // namespace nusqa::search
