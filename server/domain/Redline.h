// The redline of a comparison (issue 13): edition b's content with what
// changed since edition a marked on its runs (content::Run::Change), ready
// for the printer, and the summary that precedes it.
//
// buildRedline(a, b, comparison, ...) starts from b and
//   - marks the words a changed part inserted (Inserted) and puts the words
//     it deleted, as Deleted runs, where they stood (from the word diffs of
//     the comparison: headings, texts, captions, names, table cells);
//   - marks every run of an added element Inserted;
//   - puts a copy of every deleted element of a, all its runs Deleted, where
//     it stood: after the element of b that matches its nearest earlier
//     sibling with an eId, else first in its (matched) parent;
//   - starts a moved or renumbered element with a Note run naming where it
//     was («бұрын: 5.3-тармақ» / «ранее: пункт 5.3» / "formerly: ...").
// A part whose text in b is not what the comparison says it is (which a
// comparison of these two contents cannot produce) is left unmarked rather
// than marked wrongly; the summary still lists it.
//
// The summary lists every element change (number, kinds, the place in a and
// in b as the change sheet names clauses, the changed words) and every
// change of the <meta> facts, with a title, what was compared and a legend,
// as content blocks in the labels' language.
//
// Standard library only; pure functions over values, safe on any number of
// threads; no errors (any comparison of a and b can be drawn).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Comparison.h"
#include "domain/Content.h"

namespace nusqa::compare {

// The language of the redline's own words: "kk", "ru" or "en".
enum class RedlineLanguage { Kazakh, Russian, English };

// "kk", "ru", "en"; nullopt otherwise.
std::optional<RedlineLanguage> parseRedlineLanguage(std::string_view text);
RedlineLanguage redlineLanguageOf(Language language);

// How the two sides are named in the summary, e.g. "№ 1, 2-нұсқа".
struct RedlineSides {
    std::string from;
    std::string to;
};

struct Redline {
    content::Content content;  // b, marked, with a's deleted elements
    std::string banner;  // «САЛЫСТЫРУ — бақылаулы құжат емес», ...
    std::vector<content::Block> summary;  // title, what was compared, legend, table
    std::size_t changes = 0;              // rows of the summary table
};

Redline buildRedline(const content::Content& a, const content::Content& b,
                     const Comparison& comparison, const RedlineSides& sides,
                     RedlineLanguage language);

// The banner of a comparison's print in the language.
std::string redlineBanner(RedlineLanguage language);

}  // namespace nusqa::compare
